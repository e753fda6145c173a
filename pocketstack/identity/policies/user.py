from pocketstack.identity.policies.base import ADMIN, ALL_SCOPES, SYSTEM_READER, rule

_MANAGER = f"({ADMIN}) or (role:manager and token.domain.id:%(target.user.domain_id)s)"

rules = [
    rule(
        "get_user",
        f"({ADMIN}) or ({SYSTEM_READER})"
        " or (role:reader and token.domain.id:%(target.user.domain_id)s)"
        " or user_id:%(target.user.id)s",
        ALL_SCOPES,
        "Show a user.",
    ),
    rule(
        "list_users",
        f"({ADMIN}) or ({SYSTEM_READER}) or (role:reader and domain_id:%(target.domain_id)s)",
        ALL_SCOPES,
        "List users.",
    ),
    rule("list_projects_for_user", "", None, "List the projects a token's user may scope to."),
    rule("list_domains_for_user", "", None, "List the domains a token's user may scope to."),
    rule("create_user", _MANAGER, ALL_SCOPES, "Create a user."),
    rule("update_user", _MANAGER, ALL_SCOPES, "Update a user."),
    rule("delete_user", _MANAGER, ALL_SCOPES, "Delete a user."),
    rule("revoke_tokens_for_user", "rule:admin_or_owner", ALL_SCOPES, "Revoke a user's tokens."),
]
