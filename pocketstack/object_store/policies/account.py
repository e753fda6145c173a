"""Who may reach an account (AUTH_<project id>) and what is in it.

The target's ``project_id`` is the account's project; admins play Swift's
reseller admin and reach every account.
"""

from oslo_policy import policy

ADMIN = "role:admin"

rules = [
    policy.RuleDefault(
        "object_store:read",
        f"{ADMIN} or (role:reader and project_id:%(project_id)s)",
        "List and read an account's containers and objects, and their metadata.",
        scope_types=["project"],
    ),
    policy.RuleDefault(
        "object_store:write",
        f"{ADMIN} or (role:member and project_id:%(project_id)s)",
        "Create, change and delete an account's containers and objects.",
        scope_types=["project"],
    ),
]
