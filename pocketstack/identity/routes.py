"""The identity API: every path, method and handler, in one table.

Paths are relative to the service's mount point (``/identity``).
"""

from pocketstack.identity.handlers import (
    access_rule,
    application_credential,
    auth,
    credential,
    discovery,
    domain,
    domain_config,
    endpoint,
    endpoint_group,
    grant,
    group,
    implied_role,
    limit,
    project,
    project_endpoint,
    region,
    registered_limit,
    role,
    role_assignment,
    service,
    user,
)

# The four methods of a single grant, and the list of an actor's grants.
_GRANT = {
    "GET": grant.check_grant,
    "HEAD": grant.check_grant,
    "PUT": grant.create_grant,
    "DELETE": grant.revoke_grant,
}
_GRANTS = {"GET": grant.list_grants, "HEAD": grant.list_grants}
_SYSTEM_GRANT = {
    "GET": grant.check_system_grant,
    "HEAD": grant.check_system_grant,
    "PUT": grant.create_system_grant,
    "DELETE": grant.revoke_system_grant,
}
_SYSTEM_GRANTS = {"GET": grant.list_system_grants, "HEAD": grant.list_system_grants}
_INHERITED = "/roles/{role_id}/inherited_to_projects"

# A domain's configuration, whole, by group or by option.
_DOMAIN_CONFIG = {
    "GET": domain_config.get_config,
    "PATCH": domain_config.update_config,
    "DELETE": domain_config.delete_config,
}

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
    # Domain configuration; the defaults' paths first, as they would also
    # read as a domain named "config".
    "/v3/domains/config/default": {"GET": domain_config.get_default_config},
    "/v3/domains/config/{group}/default": {"GET": domain_config.get_default_config},
    "/v3/domains/config/{group}/{option}/default": {"GET": domain_config.get_default_config},
    "/v3/domains/{domain_id}/config": {**_DOMAIN_CONFIG, "PUT": domain_config.create_config},
    "/v3/domains/{domain_id}/config/{group}": _DOMAIN_CONFIG,
    "/v3/domains/{domain_id}/config/{group}/{option}": _DOMAIN_CONFIG,
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
    # Users, groups and who is in which.
    "/v3/users": {"GET": user.list_users, "POST": user.create_user},
    "/v3/users/{user_id}": {
        "GET": user.get_user,
        "PATCH": user.update_user,
        "DELETE": user.delete_user,
    },
    "/v3/users/{user_id}/password": {"POST": user.change_password},
    "/v3/users/{user_id}/groups": {"GET": group.list_user_groups},
    "/v3/groups": {"GET": group.list_groups, "POST": group.create_group},
    "/v3/groups/{group_id}": {
        "GET": group.get_group,
        "PATCH": group.update_group,
        "DELETE": group.delete_group,
    },
    "/v3/groups/{group_id}/users": {"GET": group.list_group_users},
    "/v3/groups/{group_id}/users/{user_id}": {
        "GET": group.check_member,
        "HEAD": group.check_member,
        "PUT": group.add_member,
        "DELETE": group.remove_member,
    },
    # Credentials users keep (ec2 keys, TOTP seeds, certificates).
    "/v3/credentials": {
        "GET": credential.list_credentials,
        "POST": credential.create_credential,
    },
    "/v3/credentials/{credential_id}": {
        "GET": credential.get_credential,
        "PATCH": credential.update_credential,
        "DELETE": credential.delete_credential,
    },
    # Application credentials and the access rules they carry.
    "/v3/users/{user_id}/application_credentials": {
        "GET": application_credential.list_application_credentials,
        "POST": application_credential.create_application_credential,
    },
    "/v3/users/{user_id}/application_credentials/{application_credential_id}": {
        "GET": application_credential.get_application_credential,
        "DELETE": application_credential.delete_application_credential,
    },
    "/v3/users/{user_id}/access_rules": {"GET": access_rule.list_access_rules},
    "/v3/users/{user_id}/access_rules/{access_rule_id}": {
        "GET": access_rule.get_access_rule,
        "DELETE": access_rule.delete_access_rule,
    },
    # Roles and what they imply.
    "/v3/roles": {"GET": role.list_roles, "POST": role.create_role},
    "/v3/roles/{role_id}": {
        "GET": role.get_role,
        "PATCH": role.update_role,
        "DELETE": role.delete_role,
    },
    "/v3/roles/{prior_role_id}/implies": {
        "GET": implied_role.list_implied_roles,
        "HEAD": implied_role.list_implied_roles,
    },
    "/v3/roles/{prior_role_id}/implies/{implied_role_id}": {
        "GET": implied_role.get_implied_role,
        "HEAD": implied_role.check_implied_role,
        "PUT": implied_role.create_implied_role,
        "DELETE": implied_role.delete_implied_role,
    },
    "/v3/role_inferences": {
        "GET": implied_role.list_role_inference_rules,
        "HEAD": implied_role.list_role_inference_rules,
    },
    # Grants on projects and domains, inherited grants, and the system's.
    "/v3/projects/{project_id}/users/{user_id}/roles": _GRANTS,
    "/v3/projects/{project_id}/users/{user_id}/roles/{role_id}": _GRANT,
    "/v3/projects/{project_id}/groups/{group_id}/roles": _GRANTS,
    "/v3/projects/{project_id}/groups/{group_id}/roles/{role_id}": _GRANT,
    "/v3/domains/{domain_id}/users/{user_id}/roles": _GRANTS,
    "/v3/domains/{domain_id}/users/{user_id}/roles/{role_id}": _GRANT,
    "/v3/domains/{domain_id}/groups/{group_id}/roles": _GRANTS,
    "/v3/domains/{domain_id}/groups/{group_id}/roles/{role_id}": _GRANT,
    "/v3/OS-INHERIT/domains/{domain_id}/users/{user_id}/roles/inherited_to_projects": _GRANTS,
    "/v3/OS-INHERIT/domains/{domain_id}/groups/{group_id}/roles/inherited_to_projects": _GRANTS,
    "/v3/OS-INHERIT/domains/{domain_id}/users/{user_id}" + _INHERITED: _GRANT,
    "/v3/OS-INHERIT/domains/{domain_id}/groups/{group_id}" + _INHERITED: _GRANT,
    "/v3/OS-INHERIT/projects/{project_id}/users/{user_id}" + _INHERITED: _GRANT,
    "/v3/OS-INHERIT/projects/{project_id}/groups/{group_id}" + _INHERITED: _GRANT,
    "/v3/system/users/{user_id}/roles": _SYSTEM_GRANTS,
    "/v3/system/users/{user_id}/roles/{role_id}": _SYSTEM_GRANT,
    "/v3/system/groups/{group_id}/roles": _SYSTEM_GRANTS,
    "/v3/system/groups/{group_id}/roles/{role_id}": _SYSTEM_GRANT,
    "/v3/role_assignments": {
        "GET": role_assignment.list_role_assignments,
        "HEAD": role_assignment.list_role_assignments,
    },
    # The catalog: regions, services, endpoints.
    "/v3/regions": {"GET": region.list_regions, "POST": region.create_region},
    "/v3/regions/{region_id}": {
        "GET": region.get_region,
        "PUT": region.put_region,
        "PATCH": region.update_region,
        "DELETE": region.delete_region,
    },
    "/v3/services": {"GET": service.list_services, "POST": service.create_service},
    "/v3/services/{service_id}": {
        "GET": service.get_service,
        "PATCH": service.update_service,
        "DELETE": service.delete_service,
    },
    "/v3/endpoints": {"GET": endpoint.list_endpoints, "POST": endpoint.create_endpoint},
    "/v3/endpoints/{endpoint_id}": {
        "GET": endpoint.get_endpoint,
        "PATCH": endpoint.update_endpoint,
        "DELETE": endpoint.delete_endpoint,
    },
    # OS-EP-FILTER: which endpoints a project's catalog shows.
    "/v3/OS-EP-FILTER/endpoint_groups": {
        "GET": endpoint_group.list_endpoint_groups,
        "POST": endpoint_group.create_endpoint_group,
    },
    "/v3/OS-EP-FILTER/endpoint_groups/{endpoint_group_id}": {
        "GET": endpoint_group.get_endpoint_group,
        "PATCH": endpoint_group.update_endpoint_group,
        "DELETE": endpoint_group.delete_endpoint_group,
    },
    "/v3/OS-EP-FILTER/endpoint_groups/{endpoint_group_id}/endpoints": {
        "GET": endpoint_group.list_group_endpoints,
    },
    "/v3/OS-EP-FILTER/endpoint_groups/{endpoint_group_id}/projects": {
        "GET": endpoint_group.list_group_projects,
    },
    "/v3/OS-EP-FILTER/endpoint_groups/{endpoint_group_id}/projects/{project_id}": {
        "GET": endpoint_group.get_group_project,
        "PUT": endpoint_group.add_group_project,
        "DELETE": endpoint_group.remove_group_project,
    },
    "/v3/OS-EP-FILTER/projects/{project_id}/endpoint_groups": {
        "GET": endpoint_group.list_project_groups,
    },
    "/v3/OS-EP-FILTER/projects/{project_id}/endpoints": {
        "GET": project_endpoint.list_project_endpoints,
    },
    "/v3/OS-EP-FILTER/projects/{project_id}/endpoints/{endpoint_id}": {
        "GET": project_endpoint.check_project_endpoint,
        "PUT": project_endpoint.add_project_endpoint,
        "DELETE": project_endpoint.remove_project_endpoint,
    },
    "/v3/OS-EP-FILTER/endpoints/{endpoint_id}/projects": {
        "GET": project_endpoint.list_endpoint_projects,
    },
    # Unified limits: registered (per service) and per project or domain.
    "/v3/registered_limits": {
        "GET": registered_limit.list_registered_limits,
        "POST": registered_limit.create_registered_limits,
    },
    "/v3/registered_limits/{registered_limit_id}": {
        "GET": registered_limit.get_registered_limit,
        "PATCH": registered_limit.update_registered_limit,
        "DELETE": registered_limit.delete_registered_limit,
    },
    "/v3/limits": {"GET": limit.list_limits, "POST": limit.create_limits},
    # Before /v3/limits/{limit_id}, which it would also match.
    "/v3/limits/model": {"GET": limit.get_limit_model},
    "/v3/limits/{limit_id}": {
        "GET": limit.get_limit,
        "PATCH": limit.update_limit,
        "DELETE": limit.delete_limit,
    },
}
