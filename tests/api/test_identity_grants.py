"""Role grants on projects, domains (plain and OS-INHERIT) and the system, and
what they do to tokens."""

from __future__ import annotations

import pytest

from tests.api.identity_people import (
    V3,
    error,
    make_domain,
    make_group,
    make_project,
    make_role,
    make_user,
    token,
)

PASSWORD = "correct horse"
FORBIDDEN = "You are not authorized to perform the requested action: {}."
TOKENS = f"{V3}/auth/tokens"


def _role_id(api, admin, name: str) -> str:
    return api.get(f"{V3}/roles?name={name}", headers=admin).json()["roles"][0]["id"]


def _not_found(role_id: str, actor_id: str, target_id: str) -> str:
    return (
        f"Could not find role assignment with role: {role_id}, user or group: {actor_id}, "
        f"project, domain, or system: {target_id}."
    )


def _token_roles(api, admin, subject: str) -> set[str] | None:
    """The role names a token carries now, or None if it no longer validates."""
    response = api.get(TOKENS, headers={**admin, "X-Subject-Token": subject})
    if response.status_code == 404:
        return None
    assert response.status_code == 200, response.text
    return {role["name"] for role in response.json()["token"]["roles"]}


@pytest.fixture
def user(cloud) -> str:
    return make_user(cloud, password=PASSWORD)


@pytest.fixture
def project(cloud) -> str:
    return make_project(cloud)


# -- projects and domains ----------------------------------------------------------


@pytest.mark.parametrize("target", ["projects", "domains"])
def test_grant_check_list_and_revoke_for_a_user(api, admin, user, project, target):
    target_id = project if target == "projects" else "default"
    role = make_role(api, admin)
    base = f"{V3}/{target}/{target_id}/users/{user}/roles"
    url = f"{base}/{role['id']}"
    assert api.put(url, headers=admin).status_code == 204
    assert api.put(url, headers=admin).status_code == 204  # granting again changes nothing
    assert api.get(url, headers=admin).status_code == 204
    assert api.head(url, headers=admin).status_code == 204
    listed = api.get(base, headers=admin).json()
    assert listed == {
        "roles": [role],
        "links": {"self": f"http://cloud.test{base}", "previous": None, "next": None},
    }
    assert api.delete(url, headers=admin).status_code == 204
    checked = api.get(url, headers=admin)
    assert checked.status_code == 404
    assert error(checked)["message"] == _not_found(role["id"], user, target_id)
    again = api.delete(url, headers=admin)
    assert again.status_code == 404
    assert error(again)["message"] == _not_found(role["id"], user, target_id)
    assert api.get(base, headers=admin).json()["roles"] == []


@pytest.mark.parametrize("target", ["projects", "domains"])
def test_grant_to_a_group_reaches_its_members(api, admin, cloud, user, project, target):
    group = make_group(cloud, members=(user,))
    role = make_role(api, admin)
    target_id = project if target == "projects" else "default"
    url = f"{V3}/{target}/{target_id}/groups/{group}/roles/{role['id']}"
    assert api.put(url, headers=admin).status_code == 204
    assert api.get(url, headers=admin).status_code == 204
    scope = {"project": {"id": project}} if target == "projects" else {"domain": {"id": "default"}}
    subject = token(api, user, PASSWORD, scope)
    assert _token_roles(api, admin, subject) == {role["name"]}


def test_missing_entities_are_404_before_the_policy(api, admin, demo, user, project):
    role_id = _role_id(api, admin, "member")
    base = f"{V3}/projects/{project}/users/{user}/roles"
    cases = [
        (f"{base}/nope", "Could not find role: nope."),
        (f"{V3}/projects/{project}/users/nope/roles/{role_id}", "Could not find user: nope."),
        (f"{V3}/projects/{project}/groups/nope/roles/{role_id}", "Could not find group: nope."),
        (f"{V3}/projects/nope/users/{user}/roles/{role_id}", "Could not find project: nope."),
        (f"{V3}/domains/nope/users/{user}/roles/{role_id}", "Could not find domain: nope."),
    ]
    for url, message in cases:
        for headers in (admin, demo):
            response = api.put(url, headers=headers)
            assert response.status_code == 404, url
            assert error(response)["message"] == message
    assert api.put(f"{base}/{role_id}").status_code == 401


def test_revoking_for_a_user_that_is_gone_answers_the_assignment(api, admin, project):
    role_id = _role_id(api, admin, "member")
    response = api.delete(f"{V3}/projects/{project}/users/gone/roles/{role_id}", headers=admin)
    assert response.status_code == 404
    assert error(response)["message"] == _not_found(role_id, "gone", project)


def test_member_cannot_grant_or_read_grants(api, admin, demo, user, project):
    role_id = _role_id(api, admin, "member")
    url = f"{V3}/projects/{project}/users/{user}/roles/{role_id}"
    assert error(api.put(url, headers=demo))["message"] == FORBIDDEN.format("identity:create_grant")
    assert error(api.get(url, headers=demo))["message"] == FORBIDDEN.format("identity:check_grant")
    assert error(api.delete(url, headers=demo))["message"] == FORBIDDEN.format(
        "identity:revoke_grant"
    )
    listed = api.get(f"{V3}/projects/{project}/users/{user}/roles", headers=demo)
    assert error(listed)["message"] == FORBIDDEN.format("identity:list_grants")


# -- domain-specific roles ---------------------------------------------------------


def test_a_domain_role_is_granted_only_within_its_domain(api, admin, cloud, user):
    domain = make_domain(cloud)
    inside = make_project(cloud, domain_id=domain)
    outside = make_project(cloud)
    role = make_role(api, admin, domain_id=domain)
    refused = api.put(f"{V3}/projects/{outside}/users/{user}/roles/{role['id']}", headers=admin)
    assert refused.status_code == 403
    assert error(refused)["message"] == (
        f"Project {outside} must be in the same domain as the role {role['id']} being assigned."
    )
    # A user of another domain may hold it, on the role's own domain's projects.
    url = f"{V3}/projects/{inside}/users/{user}/roles/{role['id']}"
    assert api.put(url, headers=admin).status_code == 204


def test_a_domain_role_puts_only_what_it_implies_in_tokens(api, admin, cloud, user):
    domain = make_domain(cloud)
    project = make_project(cloud, domain_id=domain)
    domain_role = make_role(api, admin, domain_id=domain)
    member_id = _role_id(api, admin, "member")
    assert (
        api.put(f"{V3}/roles/{domain_role['id']}/implies/{member_id}", headers=admin).status_code
        == 201
    )
    url = f"{V3}/projects/{project}/users/{user}/roles/{domain_role['id']}"
    assert api.put(url, headers=admin).status_code == 204
    subject = token(api, user, PASSWORD, {"project": {"id": project}})
    assert _token_roles(api, admin, subject) == {"member", "reader"}


def test_a_domain_role_alone_gives_no_access(api, admin, cloud, user):
    domain = make_domain(cloud)
    project = make_project(cloud, domain_id=domain)
    domain_role = make_role(api, admin, domain_id=domain)
    url = f"{V3}/projects/{project}/users/{user}/roles/{domain_role['id']}"
    assert api.put(url, headers=admin).status_code == 204
    body = {
        "auth": {
            "identity": {
                "methods": ["password"],
                "password": {"user": {"id": user, "password": PASSWORD}},
            },
            "scope": {"project": {"id": project}},
        }
    }
    assert api.post(TOKENS, json=body).status_code == 401


# -- tokens follow grants ----------------------------------------------------------


def test_revoking_the_last_role_ends_the_project_token_at_once(api, admin, user, project):
    role = make_role(api, admin)
    url = f"{V3}/projects/{project}/users/{user}/roles/{role['id']}"
    assert api.put(url, headers=admin).status_code == 204
    subject = token(api, user, PASSWORD, {"project": {"id": project}})
    own = {"X-Auth-Token": subject}
    assert api.get(f"{V3}/auth/catalog", headers=own).status_code == 200
    assert _token_roles(api, admin, subject) == {role["name"]}
    assert api.delete(url, headers=admin).status_code == 204
    assert _token_roles(api, admin, subject) is None
    assert api.get(f"{V3}/auth/catalog", headers=own).status_code == 401


def test_a_new_grant_shows_in_an_existing_token(api, admin, user, project):
    first, second = make_role(api, admin), make_role(api, admin)
    base = f"{V3}/projects/{project}/users/{user}/roles"
    assert api.put(f"{base}/{first['id']}", headers=admin).status_code == 204
    subject = token(api, user, PASSWORD, {"project": {"id": project}})
    assert api.put(f"{base}/{second['id']}", headers=admin).status_code == 204
    assert _token_roles(api, admin, subject) == {first["name"], second["name"]}


def test_removing_a_member_from_the_granted_group_changes_the_token(
    api, admin, cloud, user, project
):
    group = make_group(cloud, members=(user,))
    role = make_role(api, admin)
    assert (
        api.put(
            f"{V3}/projects/{project}/groups/{group}/roles/{role['id']}", headers=admin
        ).status_code
        == 204
    )
    subject = token(api, user, PASSWORD, {"project": {"id": project}})
    assert _token_roles(api, admin, subject) == {role["name"]}
    assert (
        api.delete(
            f"{V3}/projects/{project}/groups/{group}/roles/{role['id']}", headers=admin
        ).status_code
        == 204
    )
    assert _token_roles(api, admin, subject) is None


# -- OS-INHERIT ----------------------------------------------------------------------


def test_domain_inherited_grant_reaches_every_project_but_not_the_domain(api, admin, cloud, user):
    domain = make_domain(cloud)
    project = make_project(cloud, domain_id=domain)
    role = make_role(api, admin)
    base = f"{V3}/OS-INHERIT/domains/{domain}/users/{user}/roles"
    url = f"{base}/{role['id']}/inherited_to_projects"
    assert api.put(url, headers=admin).status_code == 204
    assert api.get(url, headers=admin).status_code == 204
    listed = api.get(f"{base}/inherited_to_projects", headers=admin).json()
    assert [r["id"] for r in listed["roles"]] == [role["id"]]
    # It is not a grant on the domain itself.
    plain = f"{V3}/domains/{domain}/users/{user}/roles"
    assert api.get(plain, headers=admin).json()["roles"] == []
    assert api.get(f"{plain}/{role['id']}", headers=admin).status_code == 404
    subject = token(api, user, PASSWORD, {"project": {"id": project}})
    assert _token_roles(api, admin, subject) == {role["name"]}
    assert api.delete(url, headers=admin).status_code == 204
    assert _token_roles(api, admin, subject) is None


def test_project_inherited_grant_reaches_the_subtree_only(api, admin, cloud, user):
    parent = make_project(cloud)
    child = make_project(cloud, parent_id=parent)
    role = make_role(api, admin)
    url = f"{V3}/OS-INHERIT/projects/{parent}/users/{user}/roles/{role['id']}/inherited_to_projects"
    assert api.put(url, headers=admin).status_code == 204
    subject = token(api, user, PASSWORD, {"project": {"id": child}})
    assert _token_roles(api, admin, subject) == {role["name"]}
    body = {
        "auth": {
            "identity": {
                "methods": ["password"],
                "password": {"user": {"id": user, "password": PASSWORD}},
            },
            "scope": {"project": {"id": parent}},
        }
    }
    assert api.post(TOKENS, json=body).status_code == 401


def test_os_inherit_group_grant(api, admin, cloud, user):
    domain = make_domain(cloud)
    project = make_project(cloud, domain_id=domain)
    group = make_group(cloud, members=(user,))
    role = make_role(api, admin)
    base = f"{V3}/OS-INHERIT/domains/{domain}/groups/{group}/roles"
    assert api.put(f"{base}/{role['id']}/inherited_to_projects", headers=admin).status_code == 204
    listed = api.get(f"{base}/inherited_to_projects", headers=admin).json()["roles"]
    assert [r["id"] for r in listed] == [role["id"]]
    subject = token(api, user, PASSWORD, {"project": {"id": project}})
    assert _token_roles(api, admin, subject) == {role["name"]}


def test_os_inherit_leaves_missing_entities_to_the_policy(api, admin, demo, user):
    role_id = _role_id(api, admin, "member")
    url = f"{V3}/OS-INHERIT/domains/nope/users/{user}/roles/{role_id}/inherited_to_projects"
    # A member is refused before learning what exists; an admin learns it.
    assert error(api.put(url, headers=demo))["message"] == FORBIDDEN.format("identity:create_grant")
    response = api.put(url, headers=admin)
    assert response.status_code == 404
    assert error(response)["message"] == "Could not find domain: nope."


# -- the system ------------------------------------------------------------------------


@pytest.mark.parametrize("actor", ["users", "groups"])
def test_system_grants(api, admin, cloud, actor):
    actor_id = make_user(cloud) if actor == "users" else make_group(cloud)
    role = make_role(api, admin)
    base = f"{V3}/system/{actor}/{actor_id}/roles"
    url = f"{base}/{role['id']}"
    assert api.put(url, headers=admin).status_code == 204
    assert api.get(url, headers=admin).status_code == 204
    assert api.head(url, headers=admin).status_code == 204
    assert [r["id"] for r in api.get(base, headers=admin).json()["roles"]] == [role["id"]]
    assert api.delete(url, headers=admin).status_code == 204
    checked = api.get(url, headers=admin)
    assert checked.status_code == 404
    assert error(checked)["message"] == _not_found(role["id"], actor_id, "system")
    assert api.get(base, headers=admin).json()["roles"] == []


def test_system_grant_gives_a_system_token(api, admin, cloud):
    user = make_user(cloud, password=PASSWORD)
    reader_id = _role_id(api, admin, "reader")
    assert api.put(f"{V3}/system/users/{user}/roles/{reader_id}", headers=admin).status_code == 204
    subject = token(api, user, PASSWORD, {"system": {"all": True}})
    assert _token_roles(api, admin, subject) == {"reader"}


def test_system_grant_refuses_a_domain_role(api, admin, cloud):
    user = make_user(cloud)
    role = make_role(api, admin, domain_id=make_domain(cloud))
    response = api.put(f"{V3}/system/users/{user}/roles/{role['id']}", headers=admin)
    assert response.status_code == 400
    assert error(response)["message"] == (
        f"Role {role['id']} is a domain-specific role. Unable to use a domain-specific role "
        "in a system assignment."
    )


def test_system_grants_check_what_exists_and_who_asks(api, admin, demo, cloud):
    user = make_user(cloud)
    role_id = _role_id(api, admin, "reader")
    missing_user = api.put(f"{V3}/system/users/nope/roles/{role_id}", headers=admin)
    assert error(missing_user)["message"] == "Could not find user: nope."
    missing_role = api.get(f"{V3}/system/users/{user}/roles/nope", headers=admin)
    assert error(missing_role)["message"] == "Could not find role: nope."
    refused = api.put(f"{V3}/system/users/{user}/roles/{role_id}", headers=demo)
    assert error(refused)["message"] == FORBIDDEN.format("identity:create_system_grant_for_user")
    listed = api.get(f"{V3}/system/groups/{make_group(cloud)}/roles", headers=demo)
    assert error(listed)["message"] == FORBIDDEN.format("identity:list_system_grants_for_group")


# -- a domain manager ---------------------------------------------------------------------


def test_domain_manager_grants_the_roles_it_manages_in_its_domain(api, admin, cloud):
    domain = make_domain(cloud)
    manager = make_user(cloud, domain_id=domain, password=PASSWORD)
    manager_id = _role_id(api, admin, "manager")
    assert (
        api.put(
            f"{V3}/domains/{domain}/users/{manager}/roles/{manager_id}", headers=admin
        ).status_code
        == 204
    )
    headers = {"X-Auth-Token": token(api, manager, PASSWORD, {"domain": {"id": domain}})}
    colleague = make_user(cloud, domain_id=domain)
    project = make_project(cloud, domain_id=domain)
    member_id = _role_id(api, admin, "member")
    base = f"{V3}/projects/{project}/users/{colleague}/roles"
    assert api.put(f"{base}/{member_id}", headers=headers).status_code == 204
    admin_id = _role_id(api, admin, "admin")
    refused = api.put(f"{base}/{admin_id}", headers=headers)
    assert error(refused)["message"] == FORBIDDEN.format("identity:create_grant")
    elsewhere = make_project(cloud)
    outside = api.put(
        f"{V3}/projects/{elsewhere}/users/{colleague}/roles/{member_id}", headers=headers
    )
    assert outside.status_code == 403
