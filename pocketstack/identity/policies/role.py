"""Roles, global and domain-specific. A domain manager may see the roles it
can grant (reader, member, manager)."""

from pocketstack.identity.policies.base import (
    ADMIN,
    ALL_SCOPES,
    SYSTEM_AND_PROJECT,
    SYSTEM_READER,
    rule,
)

_ADMIN_OR_SYSTEM_READER = f"{ADMIN} or ({SYSTEM_READER})"

rules = [
    rule(
        "get_role",
        f"({_ADMIN_OR_SYSTEM_READER}) or (role:manager and rule:domain_managed_target_role)",
        ALL_SCOPES,
        "Show a role.",
    ),
    rule(
        "list_roles",
        f"({_ADMIN_OR_SYSTEM_READER}) or (role:manager and not domain_id:None)",
        ALL_SCOPES,
        "List roles.",
    ),
    rule("create_role", ADMIN, SYSTEM_AND_PROJECT, "Create a role."),
    rule("update_role", ADMIN, SYSTEM_AND_PROJECT, "Update a role."),
    rule("delete_role", ADMIN, SYSTEM_AND_PROJECT, "Delete a role."),
    rule(
        "get_domain_role",
        _ADMIN_OR_SYSTEM_READER,
        SYSTEM_AND_PROJECT,
        "Show a domain-specific role.",
    ),
    rule(
        "list_domain_roles",
        _ADMIN_OR_SYSTEM_READER,
        SYSTEM_AND_PROJECT,
        "List the roles of a domain.",
    ),
    rule("create_domain_role", ADMIN, SYSTEM_AND_PROJECT, "Create a domain-specific role."),
    rule("update_domain_role", ADMIN, SYSTEM_AND_PROJECT, "Update a domain-specific role."),
    rule("delete_domain_role", ADMIN, SYSTEM_AND_PROJECT, "Delete a domain-specific role."),
]
