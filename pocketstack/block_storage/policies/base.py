"""Check strings Cinder's rules are built from (its Xena-era personas, the
defaults Cinder still ships): an admin anywhere, or a member / reader of the
resource's project. Targets carry the resource's ``project_id``."""

from oslo_policy import policy

ADMIN_API = "rule:admin_api"
ADMIN_OR_PROJECT_READER = "rule:xena_system_admin_or_project_reader"
ADMIN_OR_PROJECT_MEMBER = "rule:xena_system_admin_or_project_member"
PROJECT = ["project"]


def rule(name: str, check: str, description: str) -> policy.RuleDefault:
    return policy.RuleDefault(
        name=name, check_str=check, scope_types=PROJECT, description=description
    )


rules = [
    policy.RuleDefault("context_is_admin", "role:admin", "Who is an administrator."),
    policy.RuleDefault("admin_api", "role:admin", "The rule of most admin APIs."),
    policy.RuleDefault(
        "xena_system_admin_or_project_reader",
        "(role:admin) or (role:reader and project_id:%(project_id)s)",
        "An admin, or a reader of the resource's project.",
    ),
    policy.RuleDefault(
        "xena_system_admin_or_project_member",
        "(role:admin) or (role:member and project_id:%(project_id)s)",
        "An admin, or a member of the resource's project.",
    ),
]
