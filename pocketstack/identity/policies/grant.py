"""Grants of roles to users and groups on projects, domains and the system.

Targets carry the entities involved: ``target.user`` or ``target.group``,
``target.project`` or ``target.domain``, and ``target.role``. A domain admin
or reader acts where both the actor and the target are in its domain; a
domain manager only grants the roles it may manage.
"""

from pocketstack.identity.policies.base import (
    ADMIN,
    ADMIN_OR_SYSTEM_READER,
    ALL_SCOPES,
    SYSTEM_AND_PROJECT,
    SYSTEM_READER,
    rule,
)


def _in_domain(role: str) -> str:
    """The actor and the target both in the token's domain."""
    pairs = [
        ("user.domain_id", "project.domain_id"),
        ("user.domain_id", "domain.id"),
        ("group.domain_id", "project.domain_id"),
        ("group.domain_id", "domain.id"),
    ]
    return " or ".join(
        f"(role:{role} and domain_id:%(target.{actor})s and domain_id:%(target.{target})s)"
        for actor, target in pairs
    )


_ROLE_IN_DOMAIN = "(domain_id:%(target.role.domain_id)s or None:%(target.role.domain_id)s)"
_CHANGE = (
    f"({ADMIN}) or ({_in_domain('admin')}) and {_ROLE_IN_DOMAIN}"
    f" or ({_in_domain('manager')}) and rule:domain_managed_target_role"
)

rules = [
    rule(
        "check_grant",
        f"({ADMIN}) or (({SYSTEM_READER}) or ({_in_domain('reader')}) and {_ROLE_IN_DOMAIN})",
        ALL_SCOPES,
        "Check a role grant.",
    ),
    rule(
        "list_grants",
        f"({ADMIN}) or (({SYSTEM_READER}) or {_in_domain('reader')})",
        ALL_SCOPES,
        "List the roles granted to an actor on a target.",
    ),
    rule("create_grant", _CHANGE, ALL_SCOPES, "Grant a role."),
    rule("revoke_grant", _CHANGE, ALL_SCOPES, "Revoke a role."),
    rule(
        "list_system_grants_for_user",
        ADMIN_OR_SYSTEM_READER,
        SYSTEM_AND_PROJECT,
        "List a user's roles on the system.",
    ),
    rule(
        "check_system_grant_for_user",
        ADMIN_OR_SYSTEM_READER,
        SYSTEM_AND_PROJECT,
        "Check a user's role on the system.",
    ),
    rule(
        "create_system_grant_for_user",
        ADMIN,
        SYSTEM_AND_PROJECT,
        "Grant a user a role on the system.",
    ),
    rule(
        "revoke_system_grant_for_user",
        ADMIN,
        SYSTEM_AND_PROJECT,
        "Revoke a user's role on the system.",
    ),
    rule(
        "list_system_grants_for_group",
        ADMIN_OR_SYSTEM_READER,
        SYSTEM_AND_PROJECT,
        "List a group's roles on the system.",
    ),
    rule(
        "check_system_grant_for_group",
        ADMIN_OR_SYSTEM_READER,
        SYSTEM_AND_PROJECT,
        "Check a group's role on the system.",
    ),
    rule(
        "create_system_grant_for_group",
        ADMIN,
        SYSTEM_AND_PROJECT,
        "Grant a group a role on the system.",
    ),
    rule(
        "revoke_system_grant_for_group",
        ADMIN,
        SYSTEM_AND_PROJECT,
        "Revoke a group's role on the system.",
    ),
]
