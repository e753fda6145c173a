from pocketstack.block_storage.policies.base import (
    ADMIN_API,
    ADMIN_OR_PROJECT_MEMBER,
    ADMIN_OR_PROJECT_READER,
    rule,
)

rules = [
    rule("volume:get_all_snapshots", ADMIN_OR_PROJECT_READER, "List snapshots."),
    rule(
        "volume_extension:extended_snapshot_attributes",
        ADMIN_OR_PROJECT_READER,
        "See a snapshot's project and progress (os-extended-snapshot-attributes).",
    ),
    rule("volume:create_snapshot", ADMIN_OR_PROJECT_MEMBER, "Create a snapshot."),
    rule("volume:get_snapshot", ADMIN_OR_PROJECT_READER, "Show a snapshot."),
    rule("volume:update_snapshot", ADMIN_OR_PROJECT_MEMBER, "Update a snapshot."),
    rule("volume:delete_snapshot", ADMIN_OR_PROJECT_MEMBER, "Delete a snapshot."),
    rule("volume:get_snapshot_metadata", ADMIN_OR_PROJECT_READER, "Show snapshot metadata."),
    rule(
        "volume:update_snapshot_metadata",
        ADMIN_OR_PROJECT_MEMBER,
        "Add or replace snapshot metadata.",
    ),
    rule("volume:delete_snapshot_metadata", ADMIN_OR_PROJECT_MEMBER, "Delete snapshot metadata."),
    rule(
        "volume_extension:snapshot_admin_actions:reset_status",
        ADMIN_API,
        "Reset a snapshot's status.",
    ),
    rule(
        "volume_extension:snapshot_admin_actions:force_delete",
        ADMIN_API,
        "Delete a snapshot whatever its status.",
    ),
]
