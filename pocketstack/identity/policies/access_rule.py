"""Access rules, read and deleted by their owner or the system."""

from pocketstack.identity.policies.base import SYSTEM_ADMIN, SYSTEM_AND_PROJECT, SYSTEM_READER, rule

_OWNER = "user_id:%(target.user.id)s"

rules = [
    rule(
        "get_access_rule",
        f"({SYSTEM_READER}) or {_OWNER}",
        SYSTEM_AND_PROJECT,
        "Show access rule details.",
    ),
    rule(
        "list_access_rules",
        f"({SYSTEM_READER}) or {_OWNER}",
        SYSTEM_AND_PROJECT,
        "List access rules for a user.",
    ),
    rule(
        "delete_access_rule",
        f"({SYSTEM_ADMIN}) or {_OWNER}",
        SYSTEM_AND_PROJECT,
        "Delete an access_rule.",
    ),
]
