"""Check strings Glance's rules are built from (glance/policies/base.py).

Targets are Glance's: ``project_id`` and ``owner`` are the image's owner,
``member_id`` the caller's project when it is a member of the image, and
``visibility`` the image's visibility.
"""

from oslo_policy import policy

PROJECT_MEMBER = "role:member and project_id:%(project_id)s"
PROJECT_READER = "role:reader and project_id:%(project_id)s"
IMAGE_MEMBER = "project_id:%(member_id)s"
_VISIBLE = (
    f"{IMAGE_MEMBER} or 'community':%(visibility)s or 'public':%(visibility)s"
    " or 'shared':%(visibility)s"
)
ADMIN = "rule:context_is_admin"
DEFAULT = "rule:default"
SERVICE = "rule:service_api"
ADMIN_OR_PROJECT_MEMBER = f"{ADMIN} or ({PROJECT_MEMBER})"
ADMIN_OR_PROJECT_READER = f"{ADMIN} or ({PROJECT_READER})"
ADMIN_OR_PROJECT_READER_GET_IMAGE = (
    f"{ADMIN} or (role:reader and (project_id:%(project_id)s or {_VISIBLE}))"
)
ADMIN_OR_PROJECT_MEMBER_DOWNLOAD_IMAGE = (
    f"{ADMIN} or (role:member and (project_id:%(project_id)s or {_VISIBLE}))"
)
ADMIN_OR_PROJECT_MEMBER_CREATE_IMAGE = f"{ADMIN} or ({PROJECT_MEMBER} and project_id:%(owner)s)"
ADMIN_OR_PROJECT_READER_GET_NAMESPACE = (
    f"{ADMIN} or (role:reader and (project_id:%(project_id)s or 'public':%(visibility)s))"
)
ADMIN_OR_SHARED_MEMBER = f"{ADMIN} or (role:member and {IMAGE_MEMBER})"
ADMIN_OR_PROJECT_READER_OR_SHARED_MEMBER = (
    f"{ADMIN} or role:reader and (project_id:%(project_id)s or {IMAGE_MEMBER})"
)
SERVICE_OR_PROJECT_MEMBER = f"{SERVICE} or ({PROJECT_MEMBER} and project_id:%(owner)s)"
ADMIN_OR_SERVICE_ROLE = f"{ADMIN} or {SERVICE}"
PROJECT = ["project"]


def rule(name: str, check: str, description: str) -> policy.RuleDefault:
    return policy.RuleDefault(
        name=name, check_str=check, scope_types=PROJECT, description=description
    )


rules = [
    policy.RuleDefault("default", "", "The rule of policies with no rule of their own."),
    policy.RuleDefault("context_is_admin", "role:admin", "Who is an administrator."),
    policy.RuleDefault("service_api", "role:service or role:admin", "The service-to-service API."),
]
