from pocketstack.identity.policies.base import ADMIN, ALL_SCOPES, SYSTEM_READER, rule

rules = [
    rule(
        "check_token",
        f"{ADMIN} or ({SYSTEM_READER}) or rule:token_subject",
        ALL_SCOPES,
        "Check a token.",
    ),
    rule(
        "validate_token",
        f"{ADMIN} or ({SYSTEM_READER}) or rule:service_role or rule:token_subject",
        ALL_SCOPES,
        "Validate a token.",
    ),
    rule("revoke_token", f"{ADMIN} or rule:token_subject", ALL_SCOPES, "Revoke a token."),
    rule("get_auth_catalog", "", None, "Get the catalog for a token."),
    rule("get_auth_projects", "", None, "List projects a token may be scoped to."),
    rule("get_auth_domains", "", None, "List domains a token may be scoped to."),
    rule("get_auth_system", "", None, "List the system a token may be scoped to."),
]
