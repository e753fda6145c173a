"""/v3/users and the self-service password change, as Keystone answers."""

from __future__ import annotations

import datetime

import pytest

from pocketstack import timeutils
from pocketstack.identity import models
from tests.api.identity_people import (
    V3,
    error,
    make_domain,
    make_group,
    make_project,
    token,
    unique,
)

USERS = f"{V3}/users"
TOKENS = f"{V3}/auth/tokens"
PASSWORD = "correct horse"
FORBIDDEN = "You are not authorized to perform the requested action: {}."
UNAUTHORIZED = "The request you have made requires authentication."


def _create(api, headers, **fields) -> dict:
    body = {"name": unique("user"), "password": PASSWORD, **fields}
    response = api.post(USERS, headers=headers, json={"user": body})
    assert response.status_code == 201, response.text
    return response.json()["user"]


def _role_id(api, admin, name: str) -> str:
    return api.get(f"{V3}/roles?name={name}", headers=admin).json()["roles"][0]["id"]


def _valid(api, admin, subject: str) -> bool:
    response = api.get(TOKENS, headers={**admin, "X-Subject-Token": subject})
    assert response.status_code in (200, 404), response.text
    return response.status_code == 200


def _password_auth(api, user_id: str, password: str):
    body = {
        "auth": {
            "identity": {
                "methods": ["password"],
                "password": {"user": {"id": user_id, "password": password}},
            },
            "scope": "unscoped",
        }
    }
    return api.post(TOKENS, json=body)


def _change_password(api, user_id: str, original: str, new: str, headers=None):
    body = {"user": {"original_password": original, "password": new}}
    return api.post(f"{USERS}/{user_id}/password", headers=headers or {}, json=body)


@pytest.fixture(scope="module")
def domain_id(cloud) -> str:
    return make_domain(cloud)


@pytest.fixture(scope="module")
def domain_manager(api, tokens, domain_id) -> dict[str, str]:
    """A token scoped to ``domain_id`` for a user holding its manager role."""
    admin = tokens.headers("admin")
    manager = _create(api, admin, domain_id=domain_id)
    grant = (
        f"{V3}/domains/{domain_id}/users/{manager['id']}/roles/{_role_id(api, admin, 'manager')}"
    )
    assert api.put(grant, headers=admin).status_code == 204
    return {"X-Auth-Token": token(api, manager["id"], PASSWORD, {"domain": {"id": domain_id}})}


# -- create -------------------------------------------------------------------------


def test_create_returns_keystone_body_with_extra_attributes(api, admin):
    name = unique("user")
    response = api.post(
        USERS,
        headers=admin,
        json={
            "user": {"name": name, "password": "x", "email": "u@example.com", "description": "d"}
        },
    )
    assert response.status_code == 201
    user = response.json()["user"]
    assert user == {
        "id": user["id"],
        "name": name,
        "domain_id": "default",
        "enabled": True,
        "email": "u@example.com",
        "description": "d",
        "password_expires_at": None,
        "options": {},
        "links": {"self": f"http://cloud.test/identity/v3/users/{user['id']}"},
    }
    assert api.get(f"{USERS}/{user['id']}", headers=admin).json() == {"user": user}


def test_description_and_default_project_appear_only_when_set(api, admin):
    bare = _create(api, admin)
    assert "description" not in bare and "email" not in bare
    assert "default_project_id" not in bare
    project_id = api.get(f"{V3}/projects?name=demo", headers=admin).json()["projects"][0]["id"]
    with_project = _create(api, admin, default_project_id=project_id, description=None)
    assert with_project["default_project_id"] == project_id
    assert with_project["description"] is None


def test_name_is_stripped_and_unique_in_its_domain(api, admin, domain_id):
    name = unique("user")
    assert _create(api, admin, name=f"  {name} ")["name"] == name
    again = api.post(USERS, headers=admin, json={"user": {"name": name}})
    assert again.status_code == 409
    assert error(again)["message"] == (
        "Conflict occurred attempting to store user - Duplicate entry found with name "
        f"{name} at domain ID default."
    )
    assert _create(api, admin, name=name, domain_id=domain_id)["domain_id"] == domain_id


def test_attribute_names_are_normalised(api, admin):
    user = _create(api, admin, **{"os-flavour": "x", "a:b": 1})
    assert user["os_flavour"] == "x" and user["a_b"] == 1


def test_unknown_domain_is_404(api, admin):
    response = api.post(USERS, headers=admin, json={"user": {"name": "x", "domain_id": "nowhere"}})
    assert response.status_code == 404
    assert error(response)["message"] == "Could not find domain: nowhere."


def test_bad_bodies_are_400_in_keystone_words(api, admin):
    missing = api.post(USERS, headers=admin, json={"user": {"email": "e"}})
    assert missing.status_code == 400
    assert error(missing)["message"] == (
        "Invalid input for field/attribute user. Value: {'email': 'e'}. "
        "'name' is a required property"
    )
    blank = api.post(USERS, headers=admin, json={"user": {"name": " "}})
    assert error(blank)["message"] == (
        "Invalid input for field/attribute name. Value:  . ' ' does not match '[\\\\S]+'"
    )
    option = api.post(USERS, headers=admin, json={"user": {"name": "x", "options": {"nope": 1}}})
    assert option.status_code == 400
    assert "'nope' was unexpected" in error(option)["message"]


def test_options_are_strict_booleans_merged_and_cleared_by_null(api, admin):
    user = _create(api, admin, options={"lock_password": True})
    assert user["options"] == {"lock_password": True}
    url = f"{USERS}/{user['id']}"
    body = {"user": {"options": {"ignore_password_expiry": False}}}
    updated = api.patch(url, headers=admin, json=body).json()["user"]
    assert updated["options"] == {"lock_password": True, "ignore_password_expiry": False}
    cleared = api.patch(url, headers=admin, json={"user": {"options": {"lock_password": None}}})
    assert cleared.json()["user"]["options"] == {"ignore_password_expiry": False}
    text = api.patch(url, headers=admin, json={"user": {"options": {"lock_password": "true"}}})
    assert text.status_code == 400
    rules = [["password", "totp"], ["password"]]
    mfa = {"user": {"options": {"multi_factor_auth_rules": rules}}}
    assert (
        api.patch(url, headers=admin, json=mfa).json()["user"]["options"]["multi_factor_auth_rules"]
        == rules
    )


def test_default_project_may_not_be_a_domain(api, admin, domain_id):
    response = api.post(
        USERS, headers=admin, json={"user": {"name": "x", "default_project_id": domain_id}}
    )
    assert response.status_code == 400
    assert error(response)["message"] == (
        f"User's default project ID cannot be a domain ID: {domain_id}"
    )


def test_federated_objects_name_identity_providers_that_do_not_exist(api, admin):
    federated = [{"idp_id": "idp1", "protocols": [{"protocol_id": "saml2", "unique_id": "u"}]}]
    response = api.post(USERS, headers=admin, json={"user": {"name": "x", "federated": federated}})
    assert response.status_code == 400
    assert error(response)["message"] == "Could not find Identity Provider: idp1"


def test_a_domain_scoped_manager_creates_in_its_own_domain(api, admin, domain_manager, domain_id):
    created = _create(api, domain_manager, domain_id=domain_id)
    assert created["domain_id"] == domain_id
    other = api.post(
        USERS, headers=domain_manager, json={"user": {"name": "x", "domain_id": "default"}}
    )
    assert other.status_code == 403
    assert error(other)["message"] == FORBIDDEN.format("identity:create_user")
    # Keystone checks the body as sent: no domain_id, nothing for the rule to match.
    unnamed = api.post(USERS, headers=domain_manager, json={"user": {"name": unique("u")}})
    assert unnamed.status_code == 403


def test_admin_with_a_domain_scoped_token_creates_in_that_domain(api, admin, cloud, domain_id):
    boss = _create(api, admin, domain_id=domain_id)
    grant = f"{V3}/domains/{domain_id}/users/{boss['id']}/roles/{_role_id(api, admin, 'admin')}"
    assert api.put(grant, headers=admin).status_code == 204
    scoped = {"X-Auth-Token": token(api, boss["id"], PASSWORD, {"domain": {"id": domain_id}})}
    assert _create(api, scoped)["domain_id"] == domain_id


def test_member_cannot_create(api, demo):
    response = api.post(USERS, headers=demo, json={"user": {"name": "x"}})
    assert response.status_code == 403
    assert error(response)["message"] == FORBIDDEN.format("identity:create_user")


def test_no_token_is_401(api):
    response = api.post(USERS, json={"user": {"name": "x"}})
    assert response.status_code == 401
    assert error(response)["message"] == UNAUTHORIZED


# -- read and list ------------------------------------------------------------------


def test_missing_user_is_404_for_admin_and_403_for_member(api, admin, demo):
    missing = api.get(f"{USERS}/nothing-here", headers=admin)
    assert missing.status_code == 404
    assert error(missing)["message"] == "Could not find user: nothing-here."
    refused = api.get(f"{USERS}/nothing-here", headers=demo)
    assert refused.status_code == 403
    assert error(refused)["message"] == FORBIDDEN.format("identity:get_user")


def test_a_user_may_read_itself_but_no_one_else(api, admin, demo, cloud):
    own_id = api.get(TOKENS, headers={**demo, "X-Subject-Token": demo["X-Auth-Token"]}).json()[
        "token"
    ]["user"]["id"]
    assert api.get(f"{USERS}/{own_id}", headers=demo).status_code == 200
    other = _create(api, admin)
    assert api.get(f"{USERS}/{other['id']}", headers=demo).status_code == 403


def test_member_cannot_list(api, demo):
    response = api.get(USERS, headers=demo)
    assert response.status_code == 403
    assert error(response)["message"] == FORBIDDEN.format("identity:list_users")


def test_list_filters(api, admin, domain_id):
    marker = unique("Filter")
    first = _create(api, admin, name=f"{marker}-one")
    second = _create(api, admin, name=f"{marker}-two", enabled=False, domain_id=domain_id)

    def names(query: str) -> set[str]:
        response = api.get(f"{USERS}?{query}", headers=admin)
        assert response.status_code == 200, response.text
        return {u["name"] for u in response.json()["users"]}

    assert names(f"name={first['name']}") == {first["name"]}
    assert names(f"name__icontains={marker.lower()}") == {first["name"], second["name"]}
    assert names(f"name__startswith={marker.lower()}") == set()
    assert names("name__endswith=-two") >= {second["name"]}
    assert names(f"name__icontains={marker}&enabled=false") == {second["name"]}
    assert names(f"name__icontains={marker}&domain_id={domain_id}") == {second["name"]}
    assert names("idp_id=anything") == set()


def test_list_query_is_checked_before_the_token(api):
    response = api.get(f"{USERS}?enabled=maybe")
    assert response.status_code == 400
    assert error(response)["message"].startswith(
        "Invalid input for field/attribute enabled. Value: maybe. 'maybe' is not one of"
    )


def test_domain_reader_sees_only_its_domain(api, admin, domain_manager, domain_id):
    inside = _create(api, admin, domain_id=domain_id)
    outside = _create(api, admin)
    listed = api.get(USERS, headers=domain_manager).json()["users"]
    ids = {u["id"] for u in listed}
    assert inside["id"] in ids and outside["id"] not in ids
    assert all(u["domain_id"] == domain_id for u in listed)
    asked = api.get(f"{USERS}?domain_id=default", headers=domain_manager).json()["users"]
    assert asked == []
    assert api.get(f"{USERS}/{outside['id']}", headers=domain_manager).status_code == 403
    assert api.get(f"{USERS}/{inside['id']}", headers=domain_manager).status_code == 200


def test_password_expiry_is_set_and_filtered(api, admin, cloud, monkeypatch):
    monkeypatch.setattr(cloud.identity.settings.identity, "password_expires_days", 30)
    user = _create(api, admin)
    exempt = _create(api, admin, options={"ignore_password_expiry": True})
    expires = datetime.datetime.fromisoformat(user["password_expires_at"])
    soon = timeutils.utcnow() + datetime.timedelta(days=30)
    assert abs((expires - soon).total_seconds()) < 5
    assert user["password_expires_at"].endswith(".000000")
    assert exempt["password_expires_at"] is None

    def ids(op: str, moment: datetime.datetime) -> set[str]:
        stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
        response = api.get(f"{USERS}?password_expires_at={op}:{stamp}", headers=admin)
        assert response.status_code == 200, response.text
        return {u["id"] for u in response.json()["users"]}

    later = expires + datetime.timedelta(days=1)
    assert user["id"] in ids("lt", later) and exempt["id"] not in ids("lt", later)
    assert user["id"] not in ids("gt", later)
    assert user["id"] in ids("lte", expires) and user["id"] in ids("eq", expires)
    assert user["id"] not in ids("neq", expires)
    plain = api.get(f"{USERS}?password_expires_at={user['password_expires_at']}", headers=admin)
    assert user["id"] in {u["id"] for u in plain.json()["users"]}


def test_password_expiry_filter_errors(api, admin):
    bad_op = api.get(f"{USERS}?password_expires_at=xx:2020-01-01T00:00:00Z", headers=admin)
    assert bad_op.status_code == 400
    assert error(bad_op)["message"] == (
        "The given operator xx is not valid. It must be one of the following: "
        "'eq', 'neq', 'lt', 'lte', 'gt', or 'gte'."
    )
    bad_time = api.get(f"{USERS}?password_expires_at=lt:yesterday", headers=admin)
    assert bad_time.status_code == 400
    assert error(bad_time)["message"] == (
        "Timestamp not in expected format. The server could not comply with the request "
        "since it is either malformed or otherwise incorrect. The client is assumed to be "
        "in error."
    )


# -- update -------------------------------------------------------------------------


def test_update_keeps_extra_attributes_and_shows_them_as_extra(api, admin):
    user = _create(api, admin, email="a@example.com")
    response = api.patch(
        f"{USERS}/{user['id']}", headers=admin, json={"user": {"description": "new", "x": None}}
    )
    assert response.status_code == 200
    updated = response.json()["user"]
    assert updated["email"] == "a@example.com" and updated["description"] == "new"
    assert updated["x"] is None
    assert updated["extra"] == {"email": "a@example.com", "description": "new", "x": None}
    fetched = api.get(f"{USERS}/{user['id']}", headers=admin).json()["user"]
    assert "extra" not in fetched and fetched["description"] == "new"


def test_update_cannot_move_or_renumber_a_user(api, admin, domain_id):
    user = _create(api, admin)
    url = f"{USERS}/{user['id']}"
    moved = api.patch(url, headers=admin, json={"user": {"domain_id": domain_id}})
    assert moved.status_code == 400
    assert error(moved)["message"] == "Cannot change Domain ID"
    renumbered = api.patch(url, headers=admin, json={"user": {"id": "other"}})
    assert renumbered.status_code == 400
    assert error(renumbered)["message"] == "Cannot change ID"
    same = api.patch(url, headers=admin, json={"user": {"id": user["id"], "domain_id": "default"}})
    assert same.status_code == 200


def test_update_to_a_taken_name_is_409(api, admin):
    first, second = _create(api, admin), _create(api, admin)
    response = api.patch(
        f"{USERS}/{second['id']}", headers=admin, json={"user": {"name": first["name"]}}
    )
    assert response.status_code == 409
    assert error(response)["message"] == (
        "Conflict occurred attempting to store user - Duplicate entry found with name "
        f"{first['name']}."
    )


def test_empty_update_is_400(api, admin):
    user = _create(api, admin)
    response = api.patch(f"{USERS}/{user['id']}", headers=admin, json={"user": {}})
    assert response.status_code == 400
    assert error(response)["message"] == (
        "Invalid input for field/attribute user. Value: {}. {} should be non-empty"
    )


def test_admin_password_reset_revokes_tokens_and_sets_the_new_password(api, admin):
    user = _create(api, admin)
    old_token = token(api, user["id"], PASSWORD, "unscoped")
    response = api.patch(f"{USERS}/{user['id']}", headers=admin, json={"user": {"password": "new"}})
    assert response.status_code == 200
    assert not _valid(api, admin, old_token)
    assert _password_auth(api, user["id"], PASSWORD).status_code == 401
    assert _password_auth(api, user["id"], "new").status_code == 201


def test_other_updates_keep_tokens(api, admin):
    user = _create(api, admin)
    subject = token(api, user["id"], PASSWORD, "unscoped")
    api.patch(f"{USERS}/{user['id']}", headers=admin, json={"user": {"email": "e"}})
    api.patch(f"{USERS}/{user['id']}", headers=admin, json={"user": {"enabled": True}})
    assert _valid(api, admin, subject)


def test_disabling_revokes_tokens_and_refuses_authentication(api, admin):
    user = _create(api, admin)
    subject = token(api, user["id"], PASSWORD, "unscoped")
    response = api.patch(
        f"{USERS}/{user['id']}", headers=admin, json={"user": {"enabled": "false"}}
    )
    assert response.json()["user"]["enabled"] is False
    assert not _valid(api, admin, subject)
    refused = _password_auth(api, user["id"], PASSWORD)
    assert refused.status_code == 401
    assert error(refused)["message"] == f"The account is disabled for user: {user['id']}."
    api.patch(f"{USERS}/{user['id']}", headers=admin, json={"user": {"enabled": True}})
    assert _password_auth(api, user["id"], PASSWORD).status_code == 201
    # A token issued before the user was disabled stays revoked.
    assert not _valid(api, admin, subject)


def test_member_cannot_update_or_delete_another_user(api, admin, demo):
    user = _create(api, admin)
    patched = api.patch(f"{USERS}/{user['id']}", headers=demo, json={"user": {"email": "e"}})
    assert patched.status_code == 403
    assert error(patched)["message"] == FORBIDDEN.format("identity:update_user")
    deleted = api.delete(f"{USERS}/{user['id']}", headers=demo)
    assert deleted.status_code == 403
    assert error(deleted)["message"] == FORBIDDEN.format("identity:delete_user")


def test_domain_manager_manages_only_its_domain(api, admin, domain_manager, domain_id):
    inside = _create(api, admin, domain_id=domain_id)
    outside = _create(api, admin)
    body = {"user": {"description": "managed"}}
    assert (
        api.patch(f"{USERS}/{inside['id']}", headers=domain_manager, json=body).status_code == 200
    )
    assert (
        api.patch(f"{USERS}/{outside['id']}", headers=domain_manager, json=body).status_code == 403
    )
    assert api.delete(f"{USERS}/{outside['id']}", headers=domain_manager).status_code == 403
    assert api.delete(f"{USERS}/{inside['id']}", headers=domain_manager).status_code == 204


# -- delete -------------------------------------------------------------------------


def test_delete_removes_the_user_its_memberships_grants_and_tokens(api, admin, cloud):
    user = _create(api, admin)
    group_id = make_group(cloud, members=(user["id"],))
    project_id = api.get(f"{V3}/projects?name=demo", headers=admin).json()["projects"][0]["id"]
    grant = f"{V3}/projects/{project_id}/users/{user['id']}/roles/{_role_id(api, admin, 'member')}"
    assert api.put(grant, headers=admin).status_code == 204
    subject = token(api, user["id"], PASSWORD, {"project": {"id": project_id}})
    assert api.delete(f"{USERS}/{user['id']}", headers=admin).status_code == 204
    gone = api.get(f"{USERS}/{user['id']}", headers=admin)
    assert gone.status_code == 404
    assert error(gone)["message"] == f"Could not find user: {user['id']}."
    assert api.delete(f"{USERS}/{user['id']}", headers=admin).status_code == 404
    assert not _valid(api, admin, subject)
    assert api.get(f"{V3}/groups/{group_id}/users", headers=admin).json()["users"] == []
    with cloud.identity.store.read() as session:
        assert session.query(models.Assignment).filter_by(actor_id=user["id"]).count() == 0


# -- the self-service password change ----------------------------------------------


def test_change_password_needs_no_token_and_revokes_old_ones(api, admin):
    user = _create(api, admin)
    subject = token(api, user["id"], PASSWORD, "unscoped")
    response = _change_password(api, user["id"], PASSWORD, "brand new")
    assert response.status_code == 204
    assert not _valid(api, admin, subject)
    assert _password_auth(api, user["id"], PASSWORD).status_code == 401
    assert _password_auth(api, user["id"], "brand new").status_code == 201


def test_change_password_with_the_wrong_original_is_a_bare_401(api, admin):
    user = _create(api, admin)
    for user_id in (user["id"], "no-such-user"):
        response = _change_password(api, user_id, "wrong", "new")
        assert response.status_code == 401
        assert error(response)["message"] == UNAUTHORIZED
    assert _password_auth(api, user["id"], PASSWORD).status_code == 201


def test_change_password_for_a_disabled_user(api, admin):
    user = _create(api, admin, enabled=False)
    response = _change_password(api, user["id"], PASSWORD, "new")
    assert response.status_code == 401
    assert error(response)["message"] == f"The account is disabled for user: {user['id']}."


def test_change_password_refused_while_locked(api, admin):
    user = _create(api, admin, options={"lock_password": True})
    response = _change_password(api, user["id"], PASSWORD, "new")
    assert response.status_code == 400
    assert error(response)["message"] == (
        "You cannot change your password at this time due to password policy disallowing "
        "password changes. Please contact your administrator to reset your password."
    )
    unlock = {"user": {"options": {"lock_password": False}}}
    api.patch(f"{USERS}/{user['id']}", headers=admin, json=unlock)
    assert _change_password(api, user["id"], PASSWORD, "new").status_code == 204
    # The administrator's reset is not self-service: a lock does not stop it.
    api.patch(
        f"{USERS}/{user['id']}", headers=admin, json={"user": {"options": {"lock_password": True}}}
    )
    reset = api.patch(f"{USERS}/{user['id']}", headers=admin, json={"user": {"password": "reset"}})
    assert reset.status_code == 200


def test_change_password_body_is_checked(api, admin):
    user = _create(api, admin)
    response = api.post(f"{USERS}/{user['id']}/password", json={"user": {"password": "new"}})
    assert response.status_code == 400
    assert "'original_password' is a required property" in error(response)["message"]
    extra = {"user": {"original_password": PASSWORD, "password": "n", "x": 1}}
    assert api.post(f"{USERS}/{user['id']}/password", json=extra).status_code == 400
    assert api.get(f"{USERS}/{user['id']}/password", headers=admin).status_code == 405


def test_an_expired_password_may_still_be_changed(api, admin, cloud):
    user = _create(api, admin)
    with cloud.identity.store.write() as session:
        row = session.get(models.User, user["id"])
        row.password_expires_at = timeutils.utcnow() - datetime.timedelta(days=1)
    expired = _password_auth(api, user["id"], PASSWORD)
    assert expired.status_code == 401
    assert error(expired)["message"] == (
        f"The password is expired and needs to be changed for user: {user['id']}."
    )
    assert _change_password(api, user["id"], PASSWORD, "fresh").status_code == 204
    assert _password_auth(api, user["id"], "fresh").status_code == 201


def test_deleting_its_default_project_unsets_it(api, admin, cloud):
    project_id = make_project(cloud)
    user = _create(api, admin, default_project_id=project_id)
    assert api.delete(f"{V3}/projects/{project_id}", headers=admin).status_code == 204
    assert (
        "default_project_id" not in api.get(f"{USERS}/{user['id']}", headers=admin).json()["user"]
    )
