"""Registered limits: any token reads them, admins write them."""

from pocketstack.identity.policies.base import ADMIN, ALL_SCOPES, SYSTEM_AND_PROJECT, rule

rules = [
    rule("get_registered_limit", "", ALL_SCOPES, "Show registered limit details."),
    rule("list_registered_limits", "", ALL_SCOPES, "List registered limits."),
    rule(
        "create_registered_limits", ADMIN, SYSTEM_AND_PROJECT, "Create multiple registered limits."
    ),
    rule("update_registered_limit", ADMIN, SYSTEM_AND_PROJECT, "Update registered limit."),
    rule("delete_registered_limit", ADMIN, SYSTEM_AND_PROJECT, "Delete registered limit."),
]
