from pocketstack.identity.policies.base import (
    ADMIN,
    ADMIN_OR_SYSTEM_READER,
    ALL_SCOPES,
    SYSTEM_AND_PROJECT,
    SYSTEM_READER,
    rule,
)

rules = [
    rule(
        "get_domain",
        f"{ADMIN} or ({SYSTEM_READER}) or token.domain.id:%(target.domain.id)s"
        " or token.project.domain.id:%(target.domain.id)s",
        ALL_SCOPES,
        "Show a domain.",
    ),
    rule(
        "list_domains",
        f"{ADMIN_OR_SYSTEM_READER} or (role:reader and domain_id:%(target.domain.id)s)",
        ALL_SCOPES,
        "List domains.",
    ),
    rule("create_domain", ADMIN, SYSTEM_AND_PROJECT, "Create a domain."),
    rule("update_domain", ADMIN, SYSTEM_AND_PROJECT, "Update a domain."),
    rule("delete_domain", ADMIN, SYSTEM_AND_PROJECT, "Delete a domain."),
]
