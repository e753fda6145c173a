"""The block-storage API: every path, method and handler, in one table.

Paths are relative to the service's mount point (``/volume``). A project id
after ``/v3`` (the URLs of Cinder before 3.67) is taken off before routing
(service.ProjectIdInUrl), so every path here is written without it.
"""

from pocketstack.block_storage.handlers import (
    attachment,
    backup,
    backup_actions,
    default_type,
    discovery,
    extensions,
    group,
    group_snapshot,
    group_type,
    limits,
    message,
    qos_specs,
    quota_set,
    resource_filters,
    service,
    snapshot,
    snapshot_metadata,
    type_encryption,
    type_extra_specs,
    volume,
    volume_action,
    volume_metadata,
    volume_transfer,
    volume_type,
)

V = "/v3/volumes/{volume_id}"
S = "/v3/snapshots/{snapshot_id}"
B = "/v3/backups/{backup_id}"
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
    # Group types and their specs (3.11).
    "/v3/group_types": {"GET": group_type.list_group_types, "POST": group_type.create_group_type},
    "/v3/group_types/{group_type_id}": {
        "GET": group_type.show_group_type,
        "PUT": group_type.update_group_type,
        "DELETE": group_type.delete_group_type,
    },
    "/v3/group_types/{group_type_id}/group_specs": {
        "GET": group_type.list_specs,
        "POST": group_type.create_specs,
    },
    "/v3/group_types/{group_type_id}/group_specs/{key}": {
        "GET": group_type.show_spec,
        "PUT": group_type.update_spec,
        "DELETE": group_type.delete_spec,
    },
    # Generic volume groups (3.13) and group snapshots (3.14).
    "/v3/groups": {"GET": group.list_groups, "POST": group.create_group},
    "/v3/groups/detail": {"GET": group.list_groups_detail},
    "/v3/groups/action": {"POST": group.create_from_source},
    "/v3/groups/{group_id}": {"GET": group.show_group, "PUT": group.update_group},
    "/v3/groups/{group_id}/action": {"POST": group.group_action},
    "/v3/group_snapshots": {
        "GET": group_snapshot.list_group_snapshots,
        "POST": group_snapshot.create_group_snapshot,
    },
    "/v3/group_snapshots/detail": {"GET": group_snapshot.list_group_snapshots_detail},
    "/v3/group_snapshots/{group_snapshot_id}": {
        "GET": group_snapshot.show_group_snapshot,
        "DELETE": group_snapshot.delete_group_snapshot,
    },
    "/v3/group_snapshots/{group_snapshot_id}/action": {
        "POST": group_snapshot.group_snapshot_action
    },
    # Volume transfers: the 3.55 API and the older extension.
    "/v3/volume-transfers": {
        "GET": volume_transfer.list_transfers,
        "POST": volume_transfer.create_transfer,
    },
    "/v3/volume-transfers/detail": {"GET": volume_transfer.list_transfers_detail},
    "/v3/volume-transfers/{transfer_id}": {
        "GET": volume_transfer.show_transfer,
        "DELETE": volume_transfer.delete_transfer,
    },
    "/v3/volume-transfers/{transfer_id}/accept": {"POST": volume_transfer.accept_transfer},
    "/v3/os-volume-transfer": {
        "GET": volume_transfer.list_transfers,
        "POST": volume_transfer.create_legacy_transfer,
    },
    "/v3/os-volume-transfer/detail": {"GET": volume_transfer.list_transfers_detail},
    "/v3/os-volume-transfer/{transfer_id}": {
        "GET": volume_transfer.show_transfer,
        "DELETE": volume_transfer.delete_transfer,
    },
    "/v3/os-volume-transfer/{transfer_id}/accept": {"POST": volume_transfer.accept_transfer},
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
