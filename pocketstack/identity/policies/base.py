"""Check strings the identity rules are built from (Keystone's default roles).

admin, member and reader, where admin implies member implies reader; system
scope for cloud-wide reads; a domain's ``manager`` for work inside a domain.
"""

from oslo_policy import policy

ADMIN = "rule:admin_required"
SYSTEM_READER = "role:reader and system_scope:all"
SYSTEM_ADMIN = "role:admin and system_scope:all"
ADMIN_OR_SYSTEM_READER = f"{ADMIN} or ({SYSTEM_READER})"
ALL_SCOPES = ["system", "domain", "project"]
SYSTEM_AND_PROJECT = ["system", "project"]


def rule(name: str, check: str, scopes: list[str] | None, description: str) -> policy.RuleDefault:
    return policy.RuleDefault(
        name=f"identity:{name}", check_str=check, scope_types=scopes, description=description
    )


rules = [
    policy.RuleDefault("admin_required", "role:admin or is_admin:1"),
    policy.RuleDefault("service_role", "role:service"),
    policy.RuleDefault("service_or_admin", "rule:admin_required or rule:service_role"),
    policy.RuleDefault("owner", "user_id:%(user_id)s"),
    policy.RuleDefault("admin_or_owner", "rule:admin_required or rule:owner"),
    policy.RuleDefault("token_subject", "user_id:%(target.token.user_id)s"),
    policy.RuleDefault("admin_or_token_subject", "rule:admin_required or rule:token_subject"),
    policy.RuleDefault(
        "service_admin_or_token_subject", "rule:service_or_admin or rule:token_subject"
    ),
    policy.RuleDefault(
        "domain_managed_target_role",
        "'manager':%(target.role.name)s or 'member':%(target.role.name)s"
        " or 'reader':%(target.role.name)s",
    ),
]
