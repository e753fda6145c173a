"""/v3/groups, their members and a user's groups, as Keystone answers."""

from __future__ import annotations

import pytest

from tests.api.identity_people import V3, error, make_domain, make_user, token, unique

GROUPS = f"{V3}/groups"
TOKENS = f"{V3}/auth/tokens"
PASSWORD = "correct horse"
FORBIDDEN = "You are not authorized to perform the requested action: {}."


def _create(api, headers, **fields) -> dict:
    response = api.post(
        GROUPS, headers=headers, json={"group": {"name": unique("group"), **fields}}
    )
    assert response.status_code == 201, response.text
    return response.json()["group"]


def _role_id(api, admin, name: str) -> str:
    return api.get(f"{V3}/roles?name={name}", headers=admin).json()["roles"][0]["id"]


def _demo_project(api, admin) -> str:
    return api.get(f"{V3}/projects?name=demo", headers=admin).json()["projects"][0]["id"]


def _valid(api, admin, subject: str) -> bool:
    response = api.get(TOKENS, headers={**admin, "X-Subject-Token": subject})
    assert response.status_code in (200, 404), response.text
    return response.status_code == 200


def _member_url(group_id: str, user_id: str) -> str:
    return f"{GROUPS}/{group_id}/users/{user_id}"


@pytest.fixture(scope="module")
def domain_id(cloud) -> str:
    return make_domain(cloud)


@pytest.fixture(scope="module")
def domain_token(api, tokens, cloud, domain_id):
    """Tokens scoped to ``domain_id`` for a user holding the named role there."""
    admin = tokens.headers("admin")

    def scoped(role: str) -> dict[str, str]:
        user_id = make_user(cloud, domain_id=domain_id, password=PASSWORD)
        grant = f"{V3}/domains/{domain_id}/users/{user_id}/roles/{_role_id(api, admin, role)}"
        assert api.put(grant, headers=admin).status_code == 204
        return {"X-Auth-Token": token(api, user_id, PASSWORD, {"domain": {"id": domain_id}})}

    return scoped


# -- the group itself ---------------------------------------------------------------


def test_create_returns_keystone_body(api, admin):
    name = unique("group")
    response = api.post(GROUPS, headers=admin, json={"group": {"name": name, "colour": "red"}})
    assert response.status_code == 201
    group = response.json()["group"]
    assert group == {
        "id": group["id"],
        "name": name,
        "domain_id": "default",
        "description": "",
        "colour": "red",
        "links": {"self": f"http://cloud.test/identity/v3/groups/{group['id']}"},
    }
    assert api.get(f"{GROUPS}/{group['id']}", headers=admin).json() == {"group": group}


def test_names_are_stripped_and_unique_per_domain(api, admin, domain_id):
    name = unique("group")
    assert _create(api, admin, name=f" {name}  ")["name"] == name
    again = api.post(GROUPS, headers=admin, json={"group": {"name": name}})
    assert again.status_code == 409
    assert error(again)["message"] == (
        "Conflict occurred attempting to store group - Duplicate entry found with name "
        f"{name} at domain ID default."
    )
    assert _create(api, admin, name=name, domain_id=domain_id)["domain_id"] == domain_id


def test_unknown_domain_is_404(api, admin):
    response = api.post(GROUPS, headers=admin, json={"group": {"name": "g", "domain_id": "nope"}})
    assert response.status_code == 404
    assert error(response)["message"] == "Could not find domain: nope."


def test_missing_name_is_400(api, admin):
    response = api.post(GROUPS, headers=admin, json={"group": {"description": "d"}})
    assert response.status_code == 400
    assert error(response)["message"] == (
        "Invalid input for field/attribute group. Value: {'description': 'd'}. "
        "'name' is a required property"
    )


def test_update(api, admin, domain_id):
    group = _create(api, admin, description="old")
    url = f"{GROUPS}/{group['id']}"
    response = api.patch(url, headers=admin, json={"group": {"name": " renamed ", "x": 1}})
    assert response.status_code == 200
    updated = response.json()["group"]
    assert updated["name"] == "renamed" and updated["description"] == "old" and updated["x"] == 1
    cleared = api.patch(url, headers=admin, json={"group": {"description": None}})
    assert cleared.json()["group"]["description"] is None
    moved = api.patch(url, headers=admin, json={"group": {"domain_id": domain_id}})
    assert moved.status_code == 400
    assert error(moved)["message"] == "Cannot change Domain ID"
    renumbered = api.patch(url, headers=admin, json={"group": {"id": "x"}})
    assert error(renumbered)["message"] == "Cannot change ID"


def test_update_to_a_taken_name_is_409(api, admin):
    first, second = _create(api, admin), _create(api, admin)
    body = {"group": {"name": first["name"]}}
    response = api.patch(f"{GROUPS}/{second['id']}", headers=admin, json=body)
    assert response.status_code == 409
    assert error(response)["message"] == (
        "Conflict occurred attempting to store group - Duplicate entry found with name "
        f"{first['name']}."
    )


def test_missing_group_is_404_for_admin_403_for_member_except_delete(api, admin, demo):
    url = f"{GROUPS}/no-such-group"
    assert api.get(url, headers=admin).status_code == 404
    assert error(api.get(url, headers=admin))["message"] == "Could not find group: no-such-group."
    assert api.get(url, headers=demo).status_code == 403
    assert api.patch(url, headers=demo, json={"group": {"name": "x"}}).status_code == 403
    # Keystone looks the group up before applying delete's rule.
    deleted = api.delete(url, headers=demo)
    assert deleted.status_code == 404
    assert error(deleted)["message"] == "Could not find group: no-such-group."
    assert api.delete(url).status_code == 401


def test_member_cannot_read_or_change_groups(api, admin, demo):
    group = _create(api, admin)
    url = f"{GROUPS}/{group['id']}"
    for response, rule in (
        (api.get(GROUPS, headers=demo), "list_groups"),
        (api.get(url, headers=demo), "get_group"),
        (api.post(GROUPS, headers=demo, json={"group": {"name": "x"}}), "create_group"),
        (api.patch(url, headers=demo, json={"group": {"name": "x"}}), "update_group"),
        (api.delete(url, headers=demo), "delete_group"),
        (api.get(f"{url}/users", headers=demo), "list_users_in_group"),
    ):
        assert response.status_code == 403
        assert error(response)["message"] == FORBIDDEN.format(f"identity:{rule}")


def test_list_filters(api, admin, domain_id):
    marker = unique("Team")
    first = _create(api, admin, name=f"{marker}-a")
    second = _create(api, admin, name=f"{marker}-b", domain_id=domain_id)

    def names(query: str) -> set[str]:
        response = api.get(f"{GROUPS}?{query}", headers=admin)
        assert response.status_code == 200, response.text
        return {g["name"] for g in response.json()["groups"]}

    assert names(f"name={first['name']}") == {first["name"]}
    assert names(f"name__icontains={marker.upper()}") == {first["name"], second["name"]}
    assert names(f"name__contains={marker}&domain_id={domain_id}") == {second["name"]}


def test_domain_reader_sees_only_its_domain(api, admin, domain_token, domain_id):
    reader = domain_token("reader")
    inside = _create(api, admin, domain_id=domain_id)
    outside = _create(api, admin)
    listed = api.get(GROUPS, headers=reader).json()["groups"]
    assert inside["id"] in {g["id"] for g in listed}
    assert all(g["domain_id"] == domain_id for g in listed)
    assert api.get(f"{GROUPS}/{inside['id']}", headers=reader).status_code == 200
    assert api.get(f"{GROUPS}/{outside['id']}", headers=reader).status_code == 403
    refused = api.post(
        GROUPS, headers=reader, json={"group": {"name": "x", "domain_id": domain_id}}
    )
    assert refused.status_code == 403


def test_domain_manager_manages_groups_of_its_domain(api, admin, domain_token, domain_id):
    manager = domain_token("manager")
    created = _create(api, manager, domain_id=domain_id)
    outside = _create(api, admin)
    body = {"group": {"description": "mine"}}
    assert api.patch(f"{GROUPS}/{created['id']}", headers=manager, json=body).status_code == 200
    assert api.patch(f"{GROUPS}/{outside['id']}", headers=manager, json=body).status_code == 403
    assert api.delete(f"{GROUPS}/{outside['id']}", headers=manager).status_code == 403
    assert api.delete(f"{GROUPS}/{created['id']}", headers=manager).status_code == 204
    assert api.get(f"{GROUPS}/{created['id']}", headers=admin).status_code == 404


# -- members ------------------------------------------------------------------------


def test_add_check_list_and_remove_a_member(api, admin, cloud):
    group = _create(api, admin)
    user_id = make_user(cloud)
    url = _member_url(group["id"], user_id)
    assert api.head(url, headers=admin).status_code == 404
    assert api.put(url, headers=admin).status_code == 204
    assert api.put(url, headers=admin).status_code == 204  # adding twice changes nothing
    assert api.head(url, headers=admin).status_code == 204
    assert api.get(url, headers=admin).status_code == 204
    members = api.get(f"{GROUPS}/{group['id']}/users", headers=admin).json()
    assert [u["id"] for u in members["users"]] == [user_id]
    assert members["users"][0] == api.get(f"{V3}/users/{user_id}", headers=admin).json()["user"]
    groups = api.get(f"{V3}/users/{user_id}/groups", headers=admin).json()["groups"]
    assert groups == [{**group, "membership_expires_at": None}]
    assert api.delete(url, headers=admin).status_code == 204
    again = api.delete(url, headers=admin)
    assert again.status_code == 404
    assert error(again)["message"] == f"User '{user_id}' not found in group '{group['id']}'"
    checked = api.get(url, headers=admin)
    assert error(checked)["message"] == f"User '{user_id}' not found in group '{group['id']}'"


def test_membership_calls_name_what_is_missing(api, admin, cloud):
    group = _create(api, admin)
    user_id = make_user(cloud)
    for method in ("PUT", "GET", "DELETE"):
        no_group = api.request(method, _member_url("no-group", user_id), headers=admin)
        assert no_group.status_code == 404
        assert error(no_group)["message"] == "Could not find group: no-group."
        no_user = api.request(method, _member_url(group["id"], "no-user"), headers=admin)
        assert no_user.status_code == 404
        assert error(no_user)["message"] == "Could not find user: no-user."


def test_member_filters(api, admin, cloud):
    group = _create(api, admin)
    enabled, disabled = make_user(cloud), make_user(cloud)
    api.patch(f"{V3}/users/{disabled}", headers=admin, json={"user": {"enabled": False}})
    for user_id in (enabled, disabled):
        api.put(_member_url(group["id"], user_id), headers=admin)
    base = f"{GROUPS}/{group['id']}/users"
    only = api.get(f"{base}?enabled=false", headers=admin).json()["users"]
    assert [u["id"] for u in only] == [disabled]
    expiring = api.get(f"{base}?password_expires_at=lt:2000-01-01T00:00:00Z", headers=admin)
    assert expiring.json()["users"] == []
    missing = api.get(f"{GROUPS}/no-group/users", headers=admin)
    assert missing.status_code == 404


def test_user_groups_name_filter_and_who_may_ask(api, admin, demo, cloud):
    user_id = make_user(cloud, password=PASSWORD)
    project_id = _demo_project(api, admin)
    grant = f"{V3}/projects/{project_id}/users/{user_id}/roles/{_role_id(api, admin, 'member')}"
    assert api.put(grant, headers=admin).status_code == 204
    own = {"X-Auth-Token": token(api, user_id, PASSWORD, {"project": {"id": project_id}})}
    group = _create(api, admin)
    api.put(_member_url(group["id"], user_id), headers=admin)
    listed = api.get(f"{V3}/users/{user_id}/groups?name={group['name']}", headers=own)
    assert listed.status_code == 200
    assert [g["id"] for g in listed.json()["groups"]] == [group["id"]]
    assert api.get(f"{V3}/users/{user_id}/groups?name=other", headers=own).json()["groups"] == []
    other = api.get(f"{V3}/users/{user_id}/groups", headers=demo)
    assert other.status_code == 403
    assert error(other)["message"] == FORBIDDEN.format("identity:list_groups_for_user")
    assert api.get(f"{V3}/users/nobody/groups", headers=admin).status_code == 404


def test_member_cannot_change_memberships(api, admin, demo, cloud):
    group = _create(api, admin)
    user_id = make_user(cloud)
    url = _member_url(group["id"], user_id)
    for method, rule in (
        ("PUT", "add_user_to_group"),
        ("GET", "check_user_in_group"),
        ("DELETE", "remove_user_from_group"),
    ):
        response = api.request(method, url, headers=demo)
        assert response.status_code == 403
        assert error(response)["message"] == FORBIDDEN.format(f"identity:{rule}")


def test_domain_manager_joins_only_users_and_groups_of_its_domain(
    api, admin, cloud, domain_token, domain_id
):
    manager = domain_token("manager")
    group = _create(api, admin, domain_id=domain_id)
    inside, outside = make_user(cloud, domain_id=domain_id), make_user(cloud)
    assert api.put(_member_url(group["id"], inside), headers=manager).status_code == 204
    assert api.head(_member_url(group["id"], inside), headers=manager).status_code == 204
    refused = api.put(_member_url(group["id"], outside), headers=manager)
    assert refused.status_code == 403
    assert error(refused)["message"] == FORBIDDEN.format("identity:add_user_to_group")
    assert api.delete(_member_url(group["id"], inside), headers=manager).status_code == 204


# -- what membership does to tokens --------------------------------------------------


def test_group_roles_reach_members_and_leaving_ends_their_tokens(api, admin, cloud):
    group = _create(api, admin)
    user_id = make_user(cloud, password=PASSWORD)
    project_id = _demo_project(api, admin)
    member_role = _role_id(api, admin, "member")
    grant = f"{V3}/projects/{project_id}/groups/{group['id']}/roles/{member_role}"
    assert api.put(grant, headers=admin).status_code == 204
    api.put(_member_url(group["id"], user_id), headers=admin)
    through_group = token(api, user_id, PASSWORD, {"project": {"id": project_id}})
    # A role of its own keeps the scope; leaving the group still ends every token.
    own_grant = f"{V3}/projects/{project_id}/users/{user_id}/roles/{member_role}"
    assert api.put(own_grant, headers=admin).status_code == 204
    unscoped = token(api, user_id, PASSWORD, "unscoped")
    assert _valid(api, admin, through_group)
    assert api.delete(_member_url(group["id"], user_id), headers=admin).status_code == 204
    assert not _valid(api, admin, through_group)
    assert not _valid(api, admin, unscoped)
    assert token(api, user_id, PASSWORD, {"project": {"id": project_id}})


def test_deleting_a_group_with_roles_ends_its_members_tokens(api, admin, cloud):
    group = _create(api, admin)
    user_id = make_user(cloud, password=PASSWORD)
    project_id = _demo_project(api, admin)
    member_role = _role_id(api, admin, "member")
    grant = f"{V3}/projects/{project_id}/groups/{group['id']}/roles/{member_role}"
    api.put(grant, headers=admin)
    api.put(_member_url(group["id"], user_id), headers=admin)
    scoped = token(api, user_id, PASSWORD, {"project": {"id": project_id}})
    unscoped = token(api, user_id, PASSWORD, "unscoped")
    assert api.delete(f"{GROUPS}/{group['id']}", headers=admin).status_code == 204
    assert not _valid(api, admin, scoped)
    assert not _valid(api, admin, unscoped)
    assert api.get(f"{V3}/users/{user_id}/groups", headers=admin).json()["groups"] == []
    grants = api.get(f"{V3}/projects/{project_id}/groups/{group['id']}/roles", headers=admin)
    assert grants.status_code == 404


def test_deleting_a_group_without_roles_keeps_members_tokens(api, admin, cloud):
    group = _create(api, admin)
    user_id = make_user(cloud, password=PASSWORD)
    api.put(_member_url(group["id"], user_id), headers=admin)
    subject = token(api, user_id, PASSWORD, "unscoped")
    assert api.delete(f"{GROUPS}/{group['id']}", headers=admin).status_code == 204
    assert _valid(api, admin, subject)
