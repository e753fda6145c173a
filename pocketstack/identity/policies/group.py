"""Groups and their members. A domain's readers see its groups; its managers
change them, and change memberships only between a group and a user that
are both in their domain."""

from pocketstack.identity.policies.base import ADMIN, ALL_SCOPES, SYSTEM_READER, rule

_ADMIN_OR_SYSTEM_READER = f"({ADMIN}) or ({SYSTEM_READER})"
_DOMAIN_READER = (
    f"{_ADMIN_OR_SYSTEM_READER} or (role:reader and domain_id:%(target.group.domain_id)s)"
)
_DOMAIN_MANAGER = f"({ADMIN}) or (role:manager and domain_id:%(target.group.domain_id)s)"
_BOTH_IN_DOMAIN = "domain_id:%(target.group.domain_id)s and domain_id:%(target.user.domain_id)s"

rules = [
    rule("get_group", _DOMAIN_READER, ALL_SCOPES, "Show a group."),
    rule("list_groups", _DOMAIN_READER, ALL_SCOPES, "List groups."),
    rule(
        "list_groups_for_user",
        f"{_ADMIN_OR_SYSTEM_READER} or (role:reader and domain_id:%(target.user.domain_id)s)"
        " or user_id:%(user_id)s",
        ALL_SCOPES,
        "List the groups a user belongs to.",
    ),
    rule("create_group", _DOMAIN_MANAGER, ALL_SCOPES, "Create a group."),
    rule("update_group", _DOMAIN_MANAGER, ALL_SCOPES, "Update a group."),
    rule("delete_group", _DOMAIN_MANAGER, ALL_SCOPES, "Delete a group."),
    rule("list_users_in_group", _DOMAIN_READER, ALL_SCOPES, "List the members of a group."),
    rule(
        "remove_user_from_group",
        f"({ADMIN}) or (role:manager and {_BOTH_IN_DOMAIN})",
        ALL_SCOPES,
        "Remove a user from a group.",
    ),
    rule(
        "check_user_in_group",
        f"{_ADMIN_OR_SYSTEM_READER} or (role:reader and {_BOTH_IN_DOMAIN})",
        ALL_SCOPES,
        "Check whether a user is in a group.",
    ),
    rule(
        "add_user_to_group",
        f"({ADMIN}) or (role:manager and {_BOTH_IN_DOMAIN})",
        ALL_SCOPES,
        "Add a user to a group.",
    ),
]
