"""/v3/roles, /v3/roles/{id}/implies and /v3/role_inferences, as Keystone answers."""

from __future__ import annotations

import pytest

from pocketstack.identity import models
from tests.api.identity_people import (
    V3,
    error,
    immutable_refusal,
    make_domain,
    make_project,
    make_role,
    make_user,
    token,
    unique,
)

ROLES = f"{V3}/roles"
FORBIDDEN = "You are not authorized to perform the requested action: {}."


@pytest.fixture(scope="module")
def domain_id(cloud) -> str:
    return make_domain(cloud)


def _role_named(api, admin, name: str) -> dict:
    response = api.get(f"{ROLES}?name={name}", headers=admin)
    (role,) = response.json()["roles"]
    return role


# -- roles ------------------------------------------------------------------------


def test_create_global_role_returns_keystone_body(api, admin):
    name = unique("role")
    response = api.post(ROLES, headers=admin, json={"role": {"name": name, "colour": "red"}})
    assert response.status_code == 201
    role = response.json()["role"]
    assert role == {
        "id": role["id"],
        "name": name,
        "domain_id": None,
        "description": None,
        "options": {},
        "colour": "red",
        "links": {"self": f"http://cloud.test/identity/v3/roles/{role['id']}"},
    }
    assert api.get(f"{ROLES}/{role['id']}", headers=admin).json() == {"role": role}


def test_id_in_the_body_is_ignored_on_create(api, admin):
    response = api.post(ROLES, headers=admin, json={"role": {"name": unique("r"), "id": "mine"}})
    assert response.json()["role"]["id"] != "mine"


def test_global_role_names_are_unique(api, admin):
    role = make_role(api, admin)
    response = api.post(ROLES, headers=admin, json={"role": {"name": role["name"]}})
    assert response.status_code == 409
    assert error(response)["message"] == (
        "Conflict occurred attempting to store role - Duplicate entry found with name "
        f"{role['name']}."
    )


def test_domain_role_names_are_unique_per_domain(api, admin, domain_id):
    global_role = make_role(api, admin)
    same_name = {"name": global_role["name"], "domain_id": domain_id}
    created = api.post(ROLES, headers=admin, json={"role": same_name})
    assert created.status_code == 201
    assert created.json()["role"]["domain_id"] == domain_id
    again = api.post(ROLES, headers=admin, json={"role": same_name})
    assert again.status_code == 409
    assert error(again)["message"] == (
        "Conflict occurred attempting to store role - Duplicate entry found with name "
        f"{global_role['name']} at domain ID {domain_id}."
    )


def test_list_shows_global_roles_unless_a_domain_is_asked_for(api, admin, domain_id):
    domain_role = make_role(api, admin, domain_id=domain_id)
    global_names = {r["name"] for r in api.get(ROLES, headers=admin).json()["roles"]}
    assert {"admin", "member", "reader"} <= global_names
    assert domain_role["name"] not in global_names
    listed = api.get(f"{ROLES}?domain_id={domain_id}", headers=admin).json()
    assert domain_role["id"] in {r["id"] for r in listed["roles"]}
    assert all(r["domain_id"] == domain_id for r in listed["roles"])
    assert listed["links"]["self"].startswith("http://cloud.test/identity/v3/roles")


def test_list_filters_by_name(api, admin):
    body = api.get(f"{ROLES}?name=admin", headers=admin).json()
    assert [r["name"] for r in body["roles"]] == ["admin"]
    assert api.get(f"{ROLES}?name=nothing-like-this", headers=admin).json()["roles"] == []


def test_list_query_is_checked_before_the_token(api):
    response = api.get(f"{ROLES}?domain_id=no%20spaces")
    assert response.status_code == 400
    assert error(response)["message"] == (
        "Invalid input for field/attribute domain_id. Value: no spaces. "
        "'no spaces' does not match '^[a-zA-Z0-9-]+$'"
    )


def test_update_role(api, admin):
    role = make_role(api, admin)
    response = api.patch(
        f"{ROLES}/{role['id']}", headers=admin, json={"role": {"description": "d", "x": 1}}
    )
    assert response.status_code == 200
    assert response.json()["role"]["description"] == "d"
    assert response.json()["role"]["x"] == 1


def test_update_to_a_taken_name_is_409(api, admin):
    first, second = make_role(api, admin), make_role(api, admin)
    response = api.patch(
        f"{ROLES}/{second['id']}", headers=admin, json={"role": {"name": first["name"]}}
    )
    assert response.status_code == 409
    assert error(response)["message"] == (
        f"Conflict occurred attempting to store role - Duplicate entry found with name "
        f"{first['name']}."
    )


def test_domain_and_id_cannot_change(api, admin, domain_id):
    role = make_role(api, admin)
    url = f"{ROLES}/{role['id']}"
    moved = api.patch(url, headers=admin, json={"role": {"domain_id": domain_id}})
    assert moved.status_code == 400
    assert error(moved)["message"] == "Update of `domain_id` is not allowed."
    renamed = api.patch(url, headers=admin, json={"role": {"id": "other"}})
    assert renamed.status_code == 400
    assert error(renamed)["message"] == "Cannot change ID"


def test_empty_update_and_bad_types_are_400(api, admin):
    role = make_role(api, admin)
    url = f"{ROLES}/{role['id']}"
    assert api.patch(url, headers=admin, json={"role": {}}).status_code == 400
    bad = api.patch(url, headers=admin, json={"role": {"options": {"immutable": "yes"}}})
    assert bad.status_code == 400
    unknown = api.patch(url, headers=admin, json={"role": {"options": {"sticky": True}}})
    assert unknown.status_code == 400


def test_immutable_role_refuses_change_until_cleared(api, admin):
    role = make_role(api, admin, options={"immutable": True})
    assert role["options"] == {"immutable": True}
    url = f"{ROLES}/{role['id']}"
    renamed = api.patch(url, headers=admin, json={"role": {"name": unique("x")}})
    assert renamed.status_code == 403
    assert error(renamed)["message"] == immutable_refusal("update", "role", role["id"])
    deleted = api.delete(url, headers=admin)
    assert deleted.status_code == 403
    assert error(deleted)["message"] == immutable_refusal("delete", "role", role["id"])
    # Clearing the option must be the only change in its request.
    both = {"name": unique("x"), "options": {"immutable": False}}
    assert api.patch(url, headers=admin, json={"role": both}).status_code == 403
    cleared = api.patch(url, headers=admin, json={"role": {"options": {"immutable": None}}})
    assert cleared.status_code == 200
    assert cleared.json()["role"]["options"] == {}
    assert api.delete(url, headers=admin).status_code == 204


def test_delete_role(api, admin):
    role = make_role(api, admin)
    assert api.delete(f"{ROLES}/{role['id']}", headers=admin).status_code == 204
    missing = api.get(f"{ROLES}/{role['id']}", headers=admin)
    assert missing.status_code == 404
    assert error(missing)["message"] == f"Could not find role: {role['id']}."


def test_member_is_forbidden_and_anonymous_is_401(api, admin, demo):
    listed = api.get(ROLES, headers=demo)
    assert listed.status_code == 403
    assert error(listed)["message"] == FORBIDDEN.format("identity:list_roles")
    created = api.post(ROLES, headers=demo, json={"role": {"name": unique("r")}})
    assert error(created)["message"] == FORBIDDEN.format("identity:create_role")
    member = _role_named(api, admin, "member")
    shown = api.get(f"{ROLES}/{member['id']}", headers=demo)
    assert error(shown)["message"] == FORBIDDEN.format("identity:get_role")
    assert api.delete(f"{ROLES}/{member['id']}", headers=demo).status_code == 403
    assert api.get(ROLES).status_code == 401
    assert api.get(f"{ROLES}/{member['id']}").status_code == 401


def test_missing_role_is_404_before_the_policy(api, demo):
    # Keystone loads the policy target first: a caller with a token learns 404.
    response = api.get(f"{ROLES}/no-such-role", headers=demo)
    assert response.status_code == 404
    assert error(response)["message"] == "Could not find role: no-such-role."


def test_domain_roles_use_the_domain_role_rules(api, admin, demo, domain_id):
    role = make_role(api, admin, domain_id=domain_id)
    shown = api.get(f"{ROLES}/{role['id']}", headers=demo)
    assert error(shown)["message"] == FORBIDDEN.format("identity:get_domain_role")
    listed = api.get(f"{ROLES}?domain_id={domain_id}", headers=demo)
    assert error(listed)["message"] == FORBIDDEN.format("identity:list_domain_roles")
    body = {"role": {"name": unique("r"), "domain_id": domain_id}}
    created = api.post(ROLES, headers=demo, json=body)
    assert error(created)["message"] == FORBIDDEN.format("identity:create_domain_role")


def test_system_scoped_admin_manages_roles(api, tokens):
    system_admin = tokens.headers("admin", system=True)
    assert api.get(ROLES, headers=system_admin).status_code == 200
    created = api.post(ROLES, headers=system_admin, json={"role": {"name": unique("r")}})
    assert created.status_code == 201


# -- implied roles --------------------------------------------------------------------


def _implies(prior: str, implied: str | None = None) -> str:
    return f"{ROLES}/{prior}/implies" + (f"/{implied}" if implied else "")


def _summary(role: dict) -> dict:
    link = f"http://cloud.test/identity/v3/roles/{role['id']}"
    return {"id": role["id"], "links": {"self": link}, "name": role["name"]}


def test_create_show_check_list_and_delete_an_implication(api, admin):
    prior, implied = make_role(api, admin), make_role(api, admin)
    url = _implies(prior["id"], implied["id"])
    created = api.put(url, headers=admin)
    assert created.status_code == 201
    expected = {
        "role_inference": {"prior_role": _summary(prior), "implies": _summary(implied)},
        "links": {"self": f"http://cloud.test{url}"},
    }
    assert created.json() == expected
    assert api.get(url, headers=admin).json() == expected
    assert api.head(url, headers=admin).status_code == 204
    listed = api.get(_implies(prior["id"]), headers=admin).json()
    assert listed == {
        "role_inference": {"prior_role": _summary(prior), "implies": [_summary(implied)]},
        "links": {"self": f"http://cloud.test{_implies(prior['id'])}"},
    }
    assert api.delete(url, headers=admin).status_code == 204
    gone = api.get(url, headers=admin)
    assert gone.status_code == 404
    assert error(gone)["message"] == f"{prior['id']} does not imply {implied['id']}."
    assert api.delete(url, headers=admin).status_code == 404


def test_implying_twice_is_409(api, admin):
    prior, implied = make_role(api, admin), make_role(api, admin)
    url = _implies(prior["id"], implied["id"])
    assert api.put(url, headers=admin).status_code == 201
    again = api.put(url, headers=admin)
    assert again.status_code == 409
    assert error(again)["message"] == (
        "Conflict occurred attempting to store implied_role - Duplicate entry."
    )


def test_admin_cannot_be_implied(api, admin):
    prior = make_role(api, admin)
    admin_role = _role_named(api, admin, "admin")
    response = api.put(_implies(prior["id"], admin_role["id"]), headers=admin)
    assert response.status_code == 403
    assert error(response)["message"] == f"{admin_role['id']} cannot be an implied roles."


def test_global_role_cannot_imply_a_domain_role(api, admin, domain_id):
    global_role = make_role(api, admin)
    domain_role = make_role(api, admin, domain_id=domain_id)
    refused = api.put(_implies(global_role["id"], domain_role["id"]), headers=admin)
    assert refused.status_code == 403
    assert error(refused)["message"] == f"{domain_role['id']} cannot be an implied roles."
    # The other way round is how domain roles are meant to be used.
    assert api.put(_implies(domain_role["id"], global_role["id"]), headers=admin).status_code == 201


def test_missing_roles_are_404(api, admin):
    role = make_role(api, admin)
    missing_prior = api.put(_implies("nope", role["id"]), headers=admin)
    assert error(missing_prior)["message"] == "Could not find role: nope."
    missing_implied = api.get(_implies(role["id"], "nope"), headers=admin)
    assert missing_implied.status_code == 404
    assert error(missing_implied)["message"] == "Could not find role: nope."


def test_role_inferences_lists_every_rule(api, admin):
    body = api.get(f"{V3}/role_inferences", headers=admin).json()
    assert set(body) == {"role_inferences"}
    by_prior = {
        rule["prior_role"]["name"]: {r["name"] for r in rule["implies"]}
        for rule in body["role_inferences"]
    }
    assert by_prior["admin"] == {"member"}
    assert by_prior["member"] == {"reader"}
    assert by_prior["manager"] == {"member"}


def test_deleting_a_role_removes_its_implications(api, admin):
    prior, implied = make_role(api, admin), make_role(api, admin)
    assert api.put(_implies(prior["id"], implied["id"]), headers=admin).status_code == 201
    assert api.delete(f"{ROLES}/{implied['id']}", headers=admin).status_code == 204
    listed = api.get(_implies(prior["id"]), headers=admin).json()
    assert listed["role_inference"]["implies"] == []


def test_member_cannot_read_or_write_implications(api, admin, demo):
    member = _role_named(api, admin, "member")
    reader = _role_named(api, admin, "reader")
    url = _implies(member["id"], reader["id"])
    assert error(api.get(url, headers=demo))["message"] == FORBIDDEN.format(
        "identity:get_implied_role"
    )
    assert api.head(url, headers=demo).status_code == 403
    assert error(api.put(url, headers=demo))["message"] == FORBIDDEN.format(
        "identity:create_implied_role"
    )
    inferences = api.get(f"{V3}/role_inferences", headers=demo)
    assert error(inferences)["message"] == FORBIDDEN.format("identity:list_role_inference_rules")
    assert api.get(f"{V3}/role_inferences").status_code == 401


def test_deleting_a_role_ends_tokens_and_credentials_that_rested_on_it(api, admin, cloud):
    user = make_user(cloud, password="pw")
    project, other_project = make_project(cloud), make_project(cloud)
    role, kept = make_role(api, admin), make_role(api, admin)
    assert (
        api.put(
            f"{V3}/projects/{project}/users/{user}/roles/{role['id']}", headers=admin
        ).status_code
        == 204
    )
    assert (
        api.put(
            f"{V3}/projects/{other_project}/users/{user}/roles/{kept['id']}", headers=admin
        ).status_code
        == 204
    )
    subject = token(api, user, "pw", {"project": {"id": project}})
    with cloud.identity.store.write() as session:
        for name, where in (("doomed", project), ("spared", other_project)):
            session.add(
                models.ApplicationCredential(
                    id=unique("ac"),
                    name=name,
                    secret_hash="x",
                    user_id=user,
                    project_id=where,
                    role_ids=[role["id"]],
                )
            )
    assert api.delete(f"{ROLES}/{role['id']}", headers=admin).status_code == 204
    validated = api.get(f"{V3}/auth/tokens", headers={**admin, "X-Subject-Token": subject})
    assert validated.status_code == 404
    with cloud.identity.store.read() as session:
        left = session.query(models.ApplicationCredential).filter_by(user_id=user).all()
        assert [credential.name for credential in left] == ["spared"]
    assignments = api.get(f"{V3}/role_assignments?user.id={user}", headers=admin).json()
    assert [a["role"]["id"] for a in assignments["role_assignments"]] == [kept["id"]]
