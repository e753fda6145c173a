"""Group types and their specs, groups and group snapshots: Cinder's rules."""

from pocketstack.block_storage.policies.base import (
    ADMIN_API,
    ADMIN_OR_PROJECT_MEMBER,
    ADMIN_OR_PROJECT_READER,
    rule,
)

rules = [
    rule("group:group_types:create", ADMIN_API, "Create a group type."),
    rule("group:group_types:update", ADMIN_API, "Update a group type."),
    rule("group:group_types:delete", ADMIN_API, "Delete a group type."),
    rule("group:access_group_types_specs", ADMIN_API, "See a group type's group_specs."),
    rule("group:group_types_specs:get", ADMIN_API, "Show one group spec."),
    rule("group:group_types_specs:get_all", ADMIN_API, "List a group type's specs."),
    rule("group:group_types_specs:create", ADMIN_API, "Set group specs."),
    rule("group:group_types_specs:update", ADMIN_API, "Update one group spec."),
    rule("group:group_types_specs:delete", ADMIN_API, "Delete one group spec."),
    rule("group:get_all", ADMIN_OR_PROJECT_READER, "List groups."),
    rule("group:create", ADMIN_OR_PROJECT_MEMBER, "Create a group."),
    rule("group:get", ADMIN_OR_PROJECT_READER, "Show a group."),
    rule("group:update", ADMIN_OR_PROJECT_MEMBER, "Update a group."),
    rule("group:delete", ADMIN_OR_PROJECT_MEMBER, "Delete a group."),
    rule("group:reset_status", ADMIN_API, "Reset a group's status."),
    rule(
        "group:list_replication_targets",
        ADMIN_OR_PROJECT_MEMBER,
        "List a replication group's targets.",
    ),
    rule("group:group_project_attribute", ADMIN_API, "See a group's project_id."),
    rule("group:get_all_group_snapshots", ADMIN_OR_PROJECT_READER, "List group snapshots."),
    rule("group:create_group_snapshot", ADMIN_OR_PROJECT_MEMBER, "Create a group snapshot."),
    rule("group:get_group_snapshot", ADMIN_OR_PROJECT_READER, "Show a group snapshot."),
    rule("group:delete_group_snapshot", ADMIN_OR_PROJECT_MEMBER, "Delete a group snapshot."),
    rule("group:reset_group_snapshot_status", ADMIN_API, "Reset a group snapshot's status."),
    rule(
        "group:group_snapshot_project_attribute",
        ADMIN_API,
        "See a group snapshot's project_id.",
    ),
]
