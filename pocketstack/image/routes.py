"""The image API: every path, method and handler, in one table.

Paths are relative to the service's mount point (``/image``).
"""

from pocketstack.image.handlers import (
    discovery,
    image,
    image_data,
    image_import,
    location,
    member,
    metadef,
    schema,
    task,
)

NS = "/v2/metadefs/namespaces/{namespace}"
# Version negotiation sends any request with no version served here, whatever
# its method (pocketstack/image/version_negotiation.py).
ANY_METHOD = ("GET", "POST", "PUT", "PATCH", "DELETE")

ROUTES = {
    "/": dict.fromkeys(ANY_METHOD, discovery.list_versions),
    "/versions": dict.fromkeys(ANY_METHOD, discovery.show_versions),
    "/v2/info/import": {"GET": discovery.import_info},
    "/v2/info/stores": {"GET": discovery.stores_info},
    "/v2/info/stores/detail": {"GET": discovery.stores_detail},
    "/v2/info/usage": {"GET": discovery.usage},
    "/v2/schemas/{name:path}": {"GET": schema.show_schema},
    # Images and their data.
    "/v2/images": {"GET": image.list_images, "POST": image.create_image},
    "/v2/images/{image_id}": {
        "GET": image.show_image,
        "PATCH": image.update_image,
        "DELETE": image.delete_image,
    },
    "/v2/images/{image_id}/actions/deactivate": {"POST": image.deactivate_image},
    "/v2/images/{image_id}/actions/reactivate": {"POST": image.reactivate_image},
    "/v2/images/{image_id}/tags/{tag}": {"PUT": image.add_tag, "DELETE": image.delete_tag},
    "/v2/images/{image_id}/file": {
        "GET": image_data.download_image,
        "PUT": image_data.upload_image,
    },
    "/v2/images/{image_id}/stage": {"PUT": image_data.stage_image},
    "/v2/images/{image_id}/import": {"POST": image_import.import_image},
    "/v2/images/{image_id}/tasks": {"GET": task.image_tasks},
    "/v2/images/{image_id}/locations": {
        "GET": location.get_locations,
        "POST": location.add_location,
    },
    # Sharing.
    "/v2/images/{image_id}/members": {"GET": member.list_members, "POST": member.create_member},
    "/v2/images/{image_id}/members/{member_id}": {
        "GET": member.show_member,
        "PUT": member.update_member,
        "DELETE": member.delete_member,
    },
    # Tasks.
    "/v2/tasks": {"GET": task.list_tasks},
    "/v2/tasks/{task_id}": {"GET": task.show_task},
    # Metadata definitions.
    "/v2/metadefs/resource_types": {"GET": metadef.list_resource_types},
    "/v2/metadefs/namespaces": {
        "GET": metadef.list_namespaces,
        "POST": metadef.create_namespace,
    },
    NS: {
        "GET": metadef.show_namespace,
        "PUT": metadef.update_namespace,
        "DELETE": metadef.delete_namespace,
    },
    NS + "/resource_types": {
        "GET": metadef.list_associations,
        "POST": metadef.create_association,
    },
    NS + "/resource_types/{name}": {"DELETE": metadef.delete_association},
    NS + "/objects": {
        "GET": metadef.list_objects,
        "POST": metadef.create_object,
        "DELETE": metadef.delete_objects,
    },
    NS + "/objects/{name}": {
        "GET": metadef.show_object,
        "PUT": metadef.update_object,
        "DELETE": metadef.delete_object,
    },
    NS + "/properties": {
        "GET": metadef.list_properties,
        "POST": metadef.create_property,
        "DELETE": metadef.delete_properties,
    },
    NS + "/properties/{name}": {
        "GET": metadef.show_property,
        "PUT": metadef.update_property,
        "DELETE": metadef.delete_property,
    },
    NS + "/tags": {
        "GET": metadef.list_tags,
        "POST": metadef.create_tags,
        "DELETE": metadef.delete_tags,
    },
    NS + "/tags/{name}": {
        "GET": metadef.show_tag,
        "POST": metadef.create_tag,
        "PUT": metadef.update_tag,
        "DELETE": metadef.delete_tag,
    },
}
