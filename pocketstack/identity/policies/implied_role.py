"""Rules that one role implies another, and the list of them all."""

from pocketstack.identity.policies.base import (
    ADMIN,
    ADMIN_OR_SYSTEM_READER,
    SYSTEM_AND_PROJECT,
    rule,
)

rules = [
    rule(
        "get_implied_role",
        ADMIN_OR_SYSTEM_READER,
        SYSTEM_AND_PROJECT,
        "Show that one role implies another.",
    ),
    rule(
        "list_implied_roles",
        ADMIN_OR_SYSTEM_READER,
        SYSTEM_AND_PROJECT,
        "List the roles a role implies.",
    ),
    rule("create_implied_role", ADMIN, SYSTEM_AND_PROJECT, "Make one role imply another."),
    rule("delete_implied_role", ADMIN, SYSTEM_AND_PROJECT, "Remove an implication."),
    rule(
        "list_role_inference_rules",
        ADMIN_OR_SYSTEM_READER,
        SYSTEM_AND_PROJECT,
        "List every implication.",
    ),
    rule(
        "check_implied_role",
        ADMIN_OR_SYSTEM_READER,
        SYSTEM_AND_PROJECT,
        "Check that one role implies another.",
    ),
]
