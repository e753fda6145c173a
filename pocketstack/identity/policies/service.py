from pocketstack.identity.policies.base import (
    ADMIN,
    ADMIN_OR_SYSTEM_READER,
    SYSTEM_AND_PROJECT,
    rule,
)

rules = [
    rule("get_service", ADMIN_OR_SYSTEM_READER, SYSTEM_AND_PROJECT, "Show service details."),
    rule("list_services", ADMIN_OR_SYSTEM_READER, SYSTEM_AND_PROJECT, "List services."),
    rule("create_service", ADMIN, SYSTEM_AND_PROJECT, "Create service."),
    rule("update_service", ADMIN, SYSTEM_AND_PROJECT, "Update service."),
    rule("delete_service", ADMIN, SYSTEM_AND_PROJECT, "Delete service."),
]
