"""The identity API: every path, method and handler, in one table.

Paths are relative to the service's mount point (``/identity``).
"""

from pocketstack.identity.handlers import auth, discovery, domain, project

ROUTES = {
    "/": {"GET": discovery.list_versions},
    "/v3": {"GET": discovery.show_v3},
    "/v3/": {"GET": discovery.show_v3},
    # Tokens and what they may be scoped to.
    "/v3/auth/tokens": {
        "POST": auth.issue_token,
        "GET": auth.validate_token,
        "HEAD": auth.validate_token,
        "DELETE": auth.revoke_token,
    },
    "/v3/auth/catalog": {"GET": auth.get_catalog},
    "/v3/auth/projects": {"GET": auth.get_projects},
    "/v3/auth/domains": {"GET": auth.get_domains},
    "/v3/auth/system": {"GET": auth.get_system},
    # Domains.
    "/v3/domains": {"GET": domain.list_domains, "POST": domain.create_domain},
    "/v3/domains/{domain_id}": {
        "GET": domain.get_domain,
        "PATCH": domain.update_domain,
        "DELETE": domain.delete_domain,
    },
    # Projects.
    "/v3/projects": {"GET": project.list_projects, "POST": project.create_project},
    "/v3/projects/{project_id}": {
        "GET": project.get_project,
        "PATCH": project.update_project,
        "DELETE": project.delete_project,
    },
    "/v3/projects/{project_id}/tags": {
        "GET": project.list_tags,
        "PUT": project.replace_tags,
        "DELETE": project.delete_tags,
    },
    "/v3/projects/{project_id}/tags/{tag}": {
        "GET": project.check_tag,
        "PUT": project.add_tag,
        "DELETE": project.delete_tag,
    },
    "/v3/users/{user_id}/projects": {"GET": project.list_user_projects},
}
