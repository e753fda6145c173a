from pocketstack.identity.policies.base import ADMIN, ALL_SCOPES, SYSTEM_READER, rule

_READER = (
    f"({ADMIN}) or ({SYSTEM_READER})"
    " or (role:reader and domain_id:%(target.project.domain_id)s"
    " and not None:%(target.project.domain_id)s)"
    " or project_id:%(target.project.id)s"
)
_MANAGER = (
    f"({ADMIN}) or (role:manager and domain_id:%(target.project.domain_id)s"
    " and not None:%(target.project.domain_id)s)"
)

rules = [
    rule("get_project", _READER, ALL_SCOPES, "Show a project."),
    rule(
        "list_projects",
        f"({ADMIN}) or ({SYSTEM_READER}) or (role:reader and domain_id:%(target.domain_id)s)",
        ALL_SCOPES,
        "List projects.",
    ),
    rule(
        "list_user_projects",
        f"({ADMIN}) or ({SYSTEM_READER}) or (role:reader and domain_id:%(target.user.domain_id)s)"
        " or user_id:%(target.user.id)s",
        ALL_SCOPES,
        "List the projects a user has roles on.",
    ),
    rule("create_project", _MANAGER, ALL_SCOPES, "Create a project."),
    rule("update_project", _MANAGER, ALL_SCOPES, "Update a project."),
    rule("delete_project", _MANAGER, ALL_SCOPES, "Delete a project."),
    rule("list_project_tags", _READER, ALL_SCOPES, "List a project's tags."),
    rule("get_project_tag", _READER, ALL_SCOPES, "Check a project's tag."),
    rule("update_project_tags", _MANAGER, ALL_SCOPES, "Replace a project's tags."),
    rule("create_project_tag", _MANAGER, ALL_SCOPES, "Add a tag to a project."),
    rule("delete_project_tags", _MANAGER, ALL_SCOPES, "Remove all of a project's tags."),
    rule("delete_project_tag", _MANAGER, ALL_SCOPES, "Remove a tag from a project."),
]
