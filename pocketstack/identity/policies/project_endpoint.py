from pocketstack.identity.policies.base import (
    ADMIN,
    ADMIN_OR_SYSTEM_READER,
    SYSTEM_AND_PROJECT,
    rule,
)

rules = [
    rule(
        "list_projects_for_endpoint",
        ADMIN_OR_SYSTEM_READER,
        SYSTEM_AND_PROJECT,
        "List projects allowed to access an endpoint.",
    ),
    rule(
        "add_endpoint_to_project", ADMIN, SYSTEM_AND_PROJECT, "Allow project to access an endpoint."
    ),
    rule(
        "check_endpoint_in_project",
        ADMIN_OR_SYSTEM_READER,
        SYSTEM_AND_PROJECT,
        "Check if a project is allowed to access an endpoint.",
    ),
    rule(
        "list_endpoints_for_project",
        ADMIN_OR_SYSTEM_READER,
        SYSTEM_AND_PROJECT,
        "List the endpoints a project is allowed to access.",
    ),
    rule(
        "remove_endpoint_from_project",
        ADMIN,
        SYSTEM_AND_PROJECT,
        "Remove access to an endpoint from a project.",
    ),
]
