"""The block-storage API: every path, method and handler, in one table.

Paths are relative to the service's mount point (``/volume``). A project id
after ``/v3`` (the URLs of Cinder before 3.67) is taken off before routing
(service.ProjectIdInUrl), so every path here is written without it.
"""

from pocketstack.block_storage.handlers import (
    default_type,
    discovery,
    extensions,
    limits,
    message,
    qos_specs,
    quota_set,
    resource_filters,
    service,
    type_encryption,
    type_extra_specs,
    volume,
    volume_metadata,
    volume_type,
)

V = "/v3/volumes/{volume_id}"
T = "/v3/types/{type_id}"
Q = "/v3/qos-specs/{qos_id}"

ROUTES = {
    "/": {"GET": discovery.list_versions},
    "/v3": {"GET": discovery.show_version},
    "/v3/": {"GET": discovery.show_version},
    # Volumes.
    "/v3/volumes": {"GET": volume.list_volumes, "POST": volume.create_volume},
    "/v3/volumes/detail": {"GET": volume.list_volumes_detail},
    "/v3/volumes/summary": {"GET": volume.summary},
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
    # Volume types, their extra specs, access and encryption.
    "/v3/types": {"GET": volume_type.list_types, "POST": volume_type.create_type},
    T: {
        "GET": volume_type.show_type,
        "PUT": volume_type.update_type,
        "DELETE": volume_type.delete_type,
    },
    T + "/action": {"POST": volume_type.type_action},
    T + "/os-volume-type-access": {"GET": volume_type.list_type_access},
    T + "/extra_specs": {
        "GET": type_extra_specs.list_extra_specs,
        "POST": type_extra_specs.create_extra_specs,
    },
    T + "/extra_specs/{key}": {
        "GET": type_extra_specs.show_extra_spec,
        "PUT": type_extra_specs.update_extra_spec,
        "DELETE": type_extra_specs.delete_extra_spec,
    },
    T + "/encryption": {
        "GET": type_encryption.show_encryption,
        "POST": type_encryption.create_encryption,
    },
    T + "/encryption/{key}": {
        "GET": type_encryption.show_encryption_item,
        "PUT": type_encryption.update_encryption,
        "DELETE": type_encryption.delete_encryption,
    },
    # Per-project default types (3.62).
    "/v3/default-types": {"GET": default_type.list_default_types},
    "/v3/default-types/{project_id}": {
        "GET": default_type.show_default_type,
        "PUT": default_type.set_default_type,
        "DELETE": default_type.unset_default_type,
    },
    # Quotas and limits.
    "/v3/os-quota-sets/{project_id}": {
        "GET": quota_set.show_quota_set,
        "PUT": quota_set.update_quota_set,
        "DELETE": quota_set.delete_quota_set,
    },
    "/v3/os-quota-sets/{project_id}/defaults": {"GET": quota_set.show_defaults},
    "/v3/os-quota-class-sets/{class_name}": {
        "GET": quota_set.show_quota_class,
        "PUT": quota_set.update_quota_class,
    },
    "/v3/limits": {"GET": limits.show_limits},
    # Service information.
    "/v3/os-services": {"GET": service.list_services},
    "/v3/os-services/{action}": {"PUT": service.update_service},
    "/v3/os-availability-zone": {"GET": service.list_availability_zones},
    "/v3/scheduler-stats/get_pools": {"GET": service.get_pools},
    "/v3/capabilities/{host}": {"GET": service.show_capabilities},
    "/v3/extensions": {"GET": extensions.list_extensions},
    "/v3/extensions/{alias}": {"GET": extensions.show_extension},
    "/v3/resource_filters": {"GET": resource_filters.list_resource_filters},
    # User messages (3.3).
    "/v3/messages": {"GET": message.list_messages},
    "/v3/messages/{message_id}": {
        "GET": message.show_message,
        "DELETE": message.delete_message,
    },
    # QoS specs.
    "/v3/qos-specs": {"GET": qos_specs.list_qos_specs, "POST": qos_specs.create_qos_specs},
    Q: {
        "GET": qos_specs.show_qos_specs,
        "PUT": qos_specs.update_qos_specs,
        "DELETE": qos_specs.delete_qos_specs,
    },
    Q + "/delete_keys": {"PUT": qos_specs.delete_keys},
    Q + "/associations": {"GET": qos_specs.list_associations},
    Q + "/associate": {"GET": qos_specs.associate},
    Q + "/disassociate": {"GET": qos_specs.disassociate},
    Q + "/disassociate_all": {"GET": qos_specs.disassociate_all},
}
