from pocketstack.identity.policies.base import (
    ADMIN,
    ADMIN_OR_SYSTEM_READER,
    SYSTEM_AND_PROJECT,
    rule,
)

rules = [
    rule("get_endpoint", ADMIN_OR_SYSTEM_READER, SYSTEM_AND_PROJECT, "Show endpoint details."),
    rule("list_endpoints", ADMIN_OR_SYSTEM_READER, SYSTEM_AND_PROJECT, "List endpoints."),
    rule("create_endpoint", ADMIN, SYSTEM_AND_PROJECT, "Create endpoint."),
    rule("update_endpoint", ADMIN, SYSTEM_AND_PROJECT, "Update endpoint."),
    rule("delete_endpoint", ADMIN, SYSTEM_AND_PROJECT, "Delete endpoint."),
]
