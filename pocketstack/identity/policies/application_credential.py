"""Application credentials: a user manages their own; admins and system
readers see anyone's. Only a project-scoped token can create one (it is
bound to that project)."""

from pocketstack.identity.policies.base import ADMIN, SYSTEM_AND_PROJECT, SYSTEM_READER, rule

_READ = f"({ADMIN}) or ({SYSTEM_READER}) or rule:owner"

rules = [
    rule(
        "get_application_credential",
        _READ,
        SYSTEM_AND_PROJECT,
        "Show details of an application credential.",
    ),
    rule(
        "list_application_credentials",
        _READ,
        SYSTEM_AND_PROJECT,
        "List application credentials for a user.",
    ),
    rule(
        "create_application_credential",
        "user_id:%(user_id)s",
        ["project"],
        "Create an application credential.",
    ),
    rule(
        "delete_application_credential",
        "rule:admin_or_owner",
        SYSTEM_AND_PROJECT,
        "Delete an application credential.",
    ),
]
