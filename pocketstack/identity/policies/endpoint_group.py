from pocketstack.identity.policies.base import (
    ADMIN,
    ADMIN_OR_SYSTEM_READER,
    SYSTEM_AND_PROJECT,
    rule,
)

_READ = ADMIN_OR_SYSTEM_READER

rules = [
    rule("create_endpoint_group", ADMIN, SYSTEM_AND_PROJECT, "Create endpoint group."),
    rule("list_endpoint_groups", _READ, SYSTEM_AND_PROJECT, "List endpoint groups."),
    rule("get_endpoint_group", _READ, SYSTEM_AND_PROJECT, "Get endpoint group."),
    rule("update_endpoint_group", ADMIN, SYSTEM_AND_PROJECT, "Update endpoint group."),
    rule("delete_endpoint_group", ADMIN, SYSTEM_AND_PROJECT, "Delete endpoint group."),
    rule(
        "list_projects_associated_with_endpoint_group",
        _READ,
        SYSTEM_AND_PROJECT,
        "List all projects associated with a specific endpoint group.",
    ),
    rule(
        "list_endpoints_associated_with_endpoint_group",
        _READ,
        SYSTEM_AND_PROJECT,
        "List all endpoints associated with an endpoint group.",
    ),
    rule(
        "get_endpoint_group_in_project",
        _READ,
        SYSTEM_AND_PROJECT,
        "Check if an endpoint group is associated with a project.",
    ),
    rule(
        "list_endpoint_groups_for_project",
        _READ,
        SYSTEM_AND_PROJECT,
        "List endpoint groups associated with a specific project.",
    ),
    rule(
        "add_endpoint_group_to_project",
        ADMIN,
        SYSTEM_AND_PROJECT,
        "Allow a project to access an endpoint group.",
    ),
    rule(
        "remove_endpoint_group_from_project",
        ADMIN,
        SYSTEM_AND_PROJECT,
        "Remove endpoint group from project.",
    ),
]
