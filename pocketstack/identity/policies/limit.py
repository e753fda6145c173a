"""Project and domain limits: a project (or its domain) reads its own."""

from pocketstack.identity.policies.base import (
    ADMIN,
    ALL_SCOPES,
    SYSTEM_AND_PROJECT,
    SYSTEM_READER,
    rule,
)

_GET = (
    f"{ADMIN} or ({SYSTEM_READER}) or "
    "(domain_id:%(target.limit.domain.id)s or domain_id:%(target.limit.project.domain_id)s) or "
    "(project_id:%(target.limit.project_id)s and not None:%(target.limit.project_id)s)"
)

rules = [
    rule("get_limit_model", "", ALL_SCOPES, "Get limit enforcement model."),
    rule("get_limit", _GET, ALL_SCOPES, "Show limit details."),
    # Filtered by the token's scope in the handler, as Keystone does.
    rule("list_limits", "", ALL_SCOPES, "List limits."),
    rule("create_limits", ADMIN, SYSTEM_AND_PROJECT, "Create limits."),
    rule("update_limit", ADMIN, SYSTEM_AND_PROJECT, "Update limit."),
    rule("delete_limit", ADMIN, SYSTEM_AND_PROJECT, "Delete limit."),
]
