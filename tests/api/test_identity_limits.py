"""/v3/registered_limits, /v3/limits and /v3/limits/model, as Keystone answers.

Each test registers a resource of its own service, so tests never see each
other's limits through the service filter.
"""

from __future__ import annotations

import pytest

from tests.api.identity_catalog import (
    CLIENT_IS_WRONG,
    FORBIDDEN,
    ROOT,
    V3,
    error,
    make_region,
    make_service,
    project_id,
    unique,
)
from tests.api.identity_people import make_domain, make_project, make_user, token

REGISTERED = f"{V3}/registered_limits"
LIMITS = f"{V3}/limits"
PASSWORD = "correct horse"


@pytest.fixture
def service(api, admin) -> dict:
    return make_service(api, admin)


def _register(api, admin, service_id: str, **fields) -> dict:
    body = {"service_id": service_id, "resource_name": unique("res"), "default_limit": 10}
    response = api.post(REGISTERED, headers=admin, json={"registered_limits": [{**body, **fields}]})
    assert response.status_code == 201, response.text
    return response.json()["registered_limits"][0]


def _limit(api, admin, registered: dict, **owner) -> dict:
    body = {
        "service_id": registered["service_id"],
        "resource_name": registered["resource_name"],
        "resource_limit": 5,
        **({"region_id": registered["region_id"]} if registered["region_id"] else {}),
        **owner,
    }
    response = api.post(LIMITS, headers=admin, json={"limits": [body]})
    assert response.status_code == 201, response.text
    return response.json()["limits"][0]


# -- registered limits --------------------------------------------------------------


def test_create_a_batch_and_read_it_back(api, admin, service):
    region = make_region(api, admin)
    batch = [
        {"service_id": service["id"], "resource_name": "cores", "default_limit": 10},
        {
            "service_id": service["id"],
            "region_id": region["id"],
            "resource_name": "cores",
            "default_limit": 20,
            "description": "per region",
        },
    ]
    response = api.post(REGISTERED, headers=admin, json={"registered_limits": batch})
    assert response.status_code == 201
    created = response.json()
    assert set(created) == {"registered_limits"}
    first, second = created["registered_limits"]
    assert first == {
        "id": first["id"],
        "service_id": service["id"],
        "region_id": None,
        "resource_name": "cores",
        "default_limit": 10,
        "description": None,
        "links": {"self": f"{ROOT}/registered_limits/{first['id']}"},
    }
    assert second["region_id"] == region["id"]
    shown = api.get(f"{REGISTERED}/{second['id']}", headers=admin)
    assert shown.json() == {"registered_limit": second}
    listed = api.get(f"{REGISTERED}?service_id={service['id']}", headers=admin).json()
    assert {r["id"] for r in listed["registered_limits"]} == {first["id"], second["id"]}
    in_region = api.get(
        f"{REGISTERED}?service_id={service['id']}&region_id={region['id']}", headers=admin
    ).json()
    assert [r["id"] for r in in_region["registered_limits"]] == [second["id"]]


def test_any_token_reads_only_admins_write(api, admin, demo, service):
    registered = _register(api, admin, service["id"])
    assert api.get(f"{REGISTERED}/{registered['id']}", headers=demo).status_code == 200
    assert api.get(REGISTERED, headers=demo).status_code == 200
    body = {
        "registered_limits": [
            {"service_id": service["id"], "resource_name": "x", "default_limit": 1}
        ]
    }
    refused = api.post(REGISTERED, headers=demo, json=body)
    assert error(refused, 403) == FORBIDDEN.format("create_registered_limits")
    patched = api.patch(
        f"{REGISTERED}/{registered['id']}",
        headers=demo,
        json={"registered_limit": {"default_limit": 1}},
    )
    assert error(patched, 403) == FORBIDDEN.format("update_registered_limit")
    deleted = api.delete(f"{REGISTERED}/{registered['id']}", headers=demo)
    assert error(deleted, 403) == FORBIDDEN.format("delete_registered_limit")
    assert error(api.get(REGISTERED), 401)


def test_one_per_service_region_and_resource(api, admin, service):
    registered = _register(api, admin, service["id"])
    same = {
        "service_id": service["id"],
        "resource_name": registered["resource_name"],
        "default_limit": 3,
    }
    again = api.post(REGISTERED, headers=admin, json={"registered_limits": [same]})
    duplicate = "Conflict occurred attempting to store registered_limit - Duplicate entry."
    assert error(again, 409) == duplicate
    twice = {**same, "resource_name": unique("res")}
    in_one_batch = api.post(REGISTERED, headers=admin, json={"registered_limits": [twice, twice]})
    assert error(in_one_batch, 409) == duplicate
    # Nothing of a refused batch is kept.
    listed = api.get(f"{REGISTERED}?resource_name={twice['resource_name']}", headers=admin)
    assert listed.json()["registered_limits"] == []


def test_service_and_region_must_exist(api, admin, service):
    body = {"service_id": "1" * 32, "resource_name": "x", "default_limit": 1}
    missing_service = api.post(REGISTERED, headers=admin, json={"registered_limits": [body]})
    assert error(missing_service, 400) == (
        "Expecting to find service_id in registered_limit." + CLIENT_IS_WRONG
    )
    body = {**body, "service_id": service["id"], "region_id": "nowhere"}
    missing_region = api.post(REGISTERED, headers=admin, json={"registered_limits": [body]})
    assert error(missing_region, 400) == (
        "Expecting to find region_id in registered_limit." + CLIENT_IS_WRONG
    )
    body = {**body, "service_id": "not-a-uuid"}
    malformed = api.post(REGISTERED, headers=admin, json={"registered_limits": [body]})
    assert error(malformed, 400) == (
        "Invalid input for field/attribute service_id. Value: not-a-uuid. "
        "'not-a-uuid' is not a 'uuid'"
    )


def test_values_are_checked(api, admin, service):
    for default_limit in (-2, 2**31, "10"):
        body = {"service_id": service["id"], "resource_name": "x", "default_limit": default_limit}
        response = api.post(REGISTERED, headers=admin, json={"registered_limits": [body]})
        assert response.status_code == 400
    assert api.post(REGISTERED, headers=admin, json={"registered_limits": []}).status_code == 400


def test_update_a_registered_limit(api, admin, service):
    registered = _register(api, admin, service["id"])
    url = f"{REGISTERED}/{registered['id']}"
    body = {"registered_limit": {"default_limit": 99, "description": "more"}}
    updated = api.patch(url, headers=admin, json=body)
    assert updated.status_code == 200
    assert updated.json()["registered_limit"] == {
        **registered,
        "default_limit": 99,
        "description": "more",
    }
    # Repeating its own key is no conflict with itself.
    same = {"registered_limit": {"resource_name": registered["resource_name"]}}
    assert api.patch(url, headers=admin, json=same).status_code == 200
    other = _register(api, admin, service["id"])
    taken = {"registered_limit": {"resource_name": other["resource_name"]}}
    assert error(api.patch(url, headers=admin, json=taken), 409) == (
        "Conflict occurred attempting to store registered_limit - Duplicate entry."
    )
    missing = api.patch(f"{REGISTERED}/nothing", headers=admin, json=body)
    assert error(missing, 404) == "Could not find registered limit for nothing."
    gone_service = {"registered_limit": {"service_id": "2" * 32}}
    assert error(api.patch(url, headers=admin, json=gone_service), 400) == (
        "Expecting to find service_id in registered_limit." + CLIENT_IS_WRONG
    )


def test_a_registered_limit_in_use_is_frozen(api, admin, service):
    registered = _register(api, admin, service["id"])
    limit = _limit(api, admin, registered, project_id=project_id(api, admin, "demo"))
    url = f"{REGISTERED}/{registered['id']}"
    frozen = (
        f"Unable to update or delete registered limit {registered['id']} because there are "
        "project limits associated with it."
    )
    patched = api.patch(url, headers=admin, json={"registered_limit": {"default_limit": 1}})
    assert error(patched, 403) == frozen
    assert error(api.delete(url, headers=admin), 403) == frozen
    assert api.delete(f"{LIMITS}/{limit['id']}", headers=admin).status_code == 204
    assert api.delete(url, headers=admin).status_code == 204
    assert error(api.get(url, headers=admin), 404) == (
        f"Could not find registered limit for {registered['id']}."
    )


# -- limits ---------------------------------------------------------------------------


def test_create_limits_for_a_project_and_a_domain(api, admin, service, cloud):
    registered = _register(api, admin, service["id"])
    project = make_project(cloud)
    domain = make_domain(cloud)
    common = {
        "service_id": service["id"],
        "resource_name": registered["resource_name"],
        "resource_limit": 7,
    }
    batch = [{**common, "project_id": project}, {**common, "domain_id": domain, "description": "d"}]
    response = api.post(LIMITS, headers=admin, json={"limits": batch})
    assert response.status_code == 201
    created = response.json()
    assert set(created) == {"limits"}
    for_project, for_domain = created["limits"]
    assert for_project == {
        "id": for_project["id"],
        "project_id": project,
        "domain_id": None,
        "service_id": service["id"],
        "region_id": None,
        "resource_name": registered["resource_name"],
        "resource_limit": 7,
        "description": None,
        "links": {"self": f"{ROOT}/limits/{for_project['id']}"},
    }
    assert (for_domain["project_id"], for_domain["domain_id"]) == (None, domain)
    assert api.get(f"{LIMITS}/{for_project['id']}", headers=admin).json() == {"limit": for_project}


def test_a_domain_named_as_the_project_owns_the_limit_as_a_domain(api, admin, service, cloud):
    registered = _register(api, admin, service["id"])
    domain = make_domain(cloud)
    limit = _limit(api, admin, registered, project_id=domain)
    assert (limit["project_id"], limit["domain_id"]) == (None, domain)


def test_a_limit_needs_its_registered_limit_and_an_owner(api, admin, service, cloud):
    registered = _register(api, admin, service["id"])
    body = {"service_id": service["id"], "resource_name": "unregistered", "resource_limit": 1}
    unregistered = api.post(
        LIMITS, headers=admin, json={"limits": [{**body, "project_id": make_project(cloud)}]}
    )
    assert error(unregistered, 403) == (
        "Unable to create a limit that has no corresponding registered limit."
    )
    body["resource_name"] = registered["resource_name"]
    nowhere = api.post(LIMITS, headers=admin, json={"limits": [{**body, "project_id": "nothing"}]})
    assert error(nowhere, 400) == "Expecting to find project_id in limit." + CLIENT_IS_WRONG
    no_domain = api.post(LIMITS, headers=admin, json={"limits": [{**body, "domain_id": "nothing"}]})
    assert error(no_domain, 400) == "Expecting to find domain_id in limit." + CLIENT_IS_WRONG
    both = {**body, "project_id": make_project(cloud), "domain_id": "default"}
    assert api.post(LIMITS, headers=admin, json={"limits": [both]}).status_code == 400
    neither = api.post(LIMITS, headers=admin, json={"limits": [body]})
    assert neither.status_code == 400


def test_one_limit_per_owner_and_registered_limit(api, admin, service, cloud):
    registered = _register(api, admin, service["id"])
    project = make_project(cloud)
    _limit(api, admin, registered, project_id=project)
    body = {
        "service_id": service["id"],
        "resource_name": registered["resource_name"],
        "resource_limit": 1,
        "project_id": project,
    }
    again = api.post(LIMITS, headers=admin, json={"limits": [body]})
    assert error(again, 409) == "Conflict occurred attempting to store limit - Duplicate entry."


def test_update_a_limit(api, admin, service, cloud):
    limit = _limit(api, admin, _register(api, admin, service["id"]), project_id=make_project(cloud))
    url = f"{LIMITS}/{limit['id']}"
    updated = api.patch(
        url, headers=admin, json={"limit": {"resource_limit": 0, "description": "x"}}
    )
    assert updated.status_code == 200
    assert updated.json()["limit"] == {**limit, "resource_limit": 0, "description": "x"}
    unknown_field = api.patch(url, headers=admin, json={"limit": {"project_id": "x"}})
    assert unknown_field.status_code == 400


def test_limits_are_read_within_the_token_scope(api, admin, tokens, service, cloud):
    registered = _register(api, admin, service["id"])
    demo_project = project_id(api, admin, "demo")
    domain = make_domain(cloud)
    in_domain = make_project(cloud, domain_id=domain)
    mine = _limit(api, admin, registered, project_id=demo_project)
    other = _limit(api, admin, registered, project_id=project_id(api, admin, "alt_demo"))
    domain_limit = _limit(api, admin, registered, domain_id=domain)
    project_limit = _limit(api, admin, registered, project_id=in_domain)
    by_service = f"{LIMITS}?service_id={service['id']}"

    def ids(headers) -> set[str]:
        response = api.get(by_service, headers=headers)
        assert response.status_code == 200, response.text
        return {limit["id"] for limit in response.json()["limits"]}

    everything = {mine["id"], other["id"], domain_limit["id"], project_limit["id"]}
    assert ids(admin) == everything
    assert ids(tokens.headers("admin", system=True)) == everything
    demo = tokens.headers("demo")
    assert ids(demo) == {mine["id"]}
    # Asking for another project's limits finds none of them.
    assert (
        api.get(f"{by_service}&project_id={other['project_id']}", headers=demo).json()["limits"]
        == []
    )
    domain_reader = make_user(cloud, domain_id=domain, password=PASSWORD)
    reader = api.get(f"{V3}/roles?name=reader", headers=admin).json()["roles"][0]["id"]
    grant = f"{V3}/domains/{domain}/users/{domain_reader}/roles/{reader}"
    assert api.put(grant, headers=admin).status_code == 204
    domain_token = {"X-Auth-Token": token(api, domain_reader, PASSWORD, {"domain": {"id": domain}})}
    assert ids(domain_token) == {domain_limit["id"], project_limit["id"]}
    # One limit: one's own project's, or one's domain's.
    assert api.get(f"{LIMITS}/{mine['id']}", headers=demo).status_code == 200
    refused = api.get(f"{LIMITS}/{other['id']}", headers=demo)
    assert error(refused, 403) == FORBIDDEN.format("get_limit")
    for limit in (domain_limit, project_limit):
        assert api.get(f"{LIMITS}/{limit['id']}", headers=domain_token).status_code == 200
    assert api.get(f"{LIMITS}/{mine['id']}", headers=domain_token).status_code == 403


def test_missing_limits(api, admin, demo):
    assert (
        error(api.get(f"{LIMITS}/nothing", headers=admin), 404)
        == "Could not find limit for nothing."
    )
    # Reading asks the rule first; changing loads the limit first, as Keystone does.
    assert error(api.get(f"{LIMITS}/nothing", headers=demo), 403) == FORBIDDEN.format("get_limit")
    patched = api.patch(f"{LIMITS}/nothing", headers=demo, json={"limit": {"resource_limit": 1}})
    assert error(patched, 404) == "Could not find limit for nothing."
    assert (
        error(api.delete(f"{LIMITS}/nothing", headers=demo), 404)
        == "Could not find limit for nothing."
    )


def test_only_admins_change_limits(api, admin, demo, service):
    registered = _register(api, admin, service["id"])
    limit = _limit(api, admin, registered, project_id=project_id(api, admin, "demo"))
    url = f"{LIMITS}/{limit['id']}"
    patched = api.patch(url, headers=demo, json={"limit": {"resource_limit": 1}})
    assert error(patched, 403) == FORBIDDEN.format("update_limit")
    assert error(api.delete(url, headers=demo), 403) == FORBIDDEN.format("delete_limit")
    body = {
        "limits": [
            {
                "service_id": service["id"],
                "resource_name": "x",
                "resource_limit": 1,
                "domain_id": "default",
            }
        ]
    }
    assert error(api.post(LIMITS, headers=demo, json=body), 403) == FORBIDDEN.format(
        "create_limits"
    )
    assert api.delete(url, headers=admin).status_code == 204
    assert api.get(url, headers=admin).status_code == 404


def test_a_deleted_project_takes_its_limits(api, admin, service, cloud):
    project = make_project(cloud)
    limit = _limit(api, admin, _register(api, admin, service["id"]), project_id=project)
    assert api.delete(f"{V3}/projects/{project}", headers=admin).status_code == 204
    assert api.get(f"{LIMITS}/{limit['id']}", headers=admin).status_code == 404


def test_the_enforcement_model_is_flat(api, demo):
    response = api.get(f"{LIMITS}/model", headers=demo)
    assert response.status_code == 200
    assert response.json() == {
        "model": {
            "name": "flat",
            "description": (
                "Limit enforcement and validation does not take project hierarchy into "
                "consideration."
            ),
        }
    }
    assert error(api.get(f"{LIMITS}/model"), 401)


def test_list_query_is_checked_before_the_token(api):
    response = api.get(f"{LIMITS}?project_id=no%20spaces")
    assert error(response, 400) == (
        "Invalid input for field/attribute project_id. Value: no spaces. "
        "'no spaces' does not match '^[a-zA-Z0-9-]+$'"
    )
