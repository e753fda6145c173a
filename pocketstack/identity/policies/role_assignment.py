"""GET /v3/role_assignments. A domain-scoped reader sees its domain's
(the target carries the token's domain as ``domain_id``)."""

from pocketstack.identity.policies.base import ADMIN, ALL_SCOPES, SYSTEM_READER, rule

_READER = (
    f"({ADMIN}) or ({SYSTEM_READER})"
    " or (role:reader and domain_id:%(target.domain_id)s and not None:%(target.domain_id)s)"
)

rules = [
    rule("list_role_assignments", _READER, ALL_SCOPES, "List role assignments."),
    rule(
        "list_role_assignments_for_tree",
        _READER,
        ALL_SCOPES,
        "List role assignments in a project's subtree.",
    ),
]
