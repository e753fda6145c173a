"""The block-storage API: every path, method and handler, in one table.

Paths are relative to the service's mount point (``/volume``). A project id
after ``/v3`` (the URLs of Cinder before 3.67) is taken off before routing
(service.ProjectIdInUrl), so every path here is written without it.
"""

from pocketstack.block_storage.handlers import (
    attachment,
    backup,
    backup_actions,
    discovery,
    snapshot,
    snapshot_metadata,
    volume,
    volume_action,
    volume_metadata,
)

V = "/v3/volumes/{volume_id}"
S = "/v3/snapshots/{snapshot_id}"
B = "/v3/backups/{backup_id}"

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
    **volume_metadata.VOLUME_METADATA.routes(V),
    # Snapshots.
    "/v3/snapshots": {"GET": snapshot.list_snapshots, "POST": snapshot.create_snapshot},
    "/v3/snapshots/detail": {"GET": snapshot.list_snapshots_detail},
    S: {
        "GET": snapshot.show_snapshot,
        "PUT": snapshot.update_snapshot,
        "DELETE": snapshot.delete_snapshot,
    },
    S + "/action": {"POST": snapshot.snapshot_action},
    **snapshot_metadata.SNAPSHOT_METADATA.routes(S),
    # Backups.
    "/v3/backups": {"GET": backup.list_backups, "POST": backup.create_backup},
    "/v3/backups/detail": {"GET": backup.list_backups_detail},
    "/v3/backups/import_record": {"POST": backup_actions.import_record},
    B: {"GET": backup.show_backup, "PUT": backup.update_backup, "DELETE": backup.delete_backup},
    B + "/action": {"POST": backup_actions.backup_action},
    B + "/restore": {"POST": backup_actions.restore_backup},
    B + "/export_record": {"GET": backup_actions.export_record},
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
