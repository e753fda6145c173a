"""The block-storage API: every path, method and handler, in one table.

Paths are relative to the service's mount point (``/volume``). A project id
after ``/v3`` (the URLs of Cinder before 3.67) is taken off before routing
(service.ProjectIdInUrl), so every path here is written without it.
"""

from pocketstack.block_storage.handlers import (
    attachment,
    discovery,
    volume,
    volume_action,
    volume_metadata,
)

V = "/v3/volumes/{volume_id}"

ROUTES = {
    "/": {"GET": discovery.list_versions},
    "/v3": {"GET": discovery.show_version},
    "/v3/": {"GET": discovery.show_version},
    # Volumes.
    "/v3/volumes": {"GET": volume.list_volumes, "POST": volume.create_volume},
    "/v3/volumes/detail": {"GET": volume.list_volumes_detail},
    "/v3/volumes/summary": {"GET": volume.summary},
    V + "/action": {"POST": volume_action.act},
    V: {"GET": volume.show_volume, "PUT": volume.update_volume, "DELETE": volume.delete_volume},
    V + "/metadata": {
        "GET": volume_metadata.show_metadata,
        "POST": volume_metadata.create_metadata,
        "PUT": volume_metadata.replace_metadata,
    },
    V + "/metadata/{key}": {
        "GET": volume_metadata.show_metadata_item,
        "PUT": volume_metadata.update_metadata_item,
        "DELETE": volume_metadata.delete_metadata_item,
    },
    # Attachments (3.27+).
    "/v3/attachments": {"GET": attachment.list_attachments, "POST": attachment.create_attachment},
    "/v3/attachments/detail": {"GET": attachment.list_attachments_detail},
    "/v3/attachments/{attachment_id}": {
        "GET": attachment.show_attachment,
        "PUT": attachment.update_attachment,
        "DELETE": attachment.delete_attachment,
    },
    "/v3/attachments/{attachment_id}/action": {"POST": attachment.complete_attachment},
}
