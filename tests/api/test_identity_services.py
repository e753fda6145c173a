"""/v3/services, and what a service's state does to token catalogs."""

from __future__ import annotations

from tests.api.identity_catalog import (
    ENDPOINTS,
    FORBIDDEN,
    ROOT,
    SERVICES,
    catalog,
    error,
    make_endpoint,
    make_service,
    token_catalog,
    unique,
)


def test_create_returns_keystones_body(api, admin):
    body = {"type": "compute", "name": "nova", "description": "VMs", "os:flavour": "x"}
    response = api.post(SERVICES, headers=admin, json={"service": body})
    assert response.status_code == 201
    service = response.json()["service"]
    assert service == {
        "id": service["id"],
        "type": "compute",
        "name": "nova",
        "description": "VMs",
        "os_flavour": "x",
        "enabled": True,
        "links": {"self": f"{ROOT}/services/{service['id']}"},
    }
    assert api.get(f"{SERVICES}/{service['id']}", headers=admin).json() == {"service": service}


def test_name_defaults_to_empty(api, admin):
    response = api.post(SERVICES, headers=admin, json={"service": {"type": "t"}})
    assert response.json()["service"]["name"] == ""
    assert "description" not in response.json()["service"]


def test_type_is_required(api, admin):
    response = api.post(SERVICES, headers=admin, json={"service": {"name": "x"}})
    assert error(response, 400) == (
        "Invalid input for field/attribute service. Value: {'name': 'x'}. "
        "'type' is a required property"
    )


def test_enabled_is_a_strict_boolean(api, admin):
    response = api.post(SERVICES, headers=admin, json={"service": {"type": "t", "enabled": "yes"}})
    assert error(response, 400) == (
        "Invalid input for field/attribute enabled. Value: yes. 'yes' is not of type 'boolean'"
    )


def test_list_filters_on_type_and_name(api, admin):
    kind = unique("type")
    first = make_service(api, admin, type=kind, name=unique("alpha"))
    second = make_service(api, admin, type=kind, name=unique("beta"))
    by_type = api.get(f"{SERVICES}?type={kind}", headers=admin).json()["services"]
    assert [s["id"] for s in by_type] == sorted([first["id"], second["id"]])
    by_name = api.get(f"{SERVICES}?name={first['name']}", headers=admin).json()["services"]
    assert [s["id"] for s in by_name] == [first["id"]]
    by_prefix = api.get(f"{SERVICES}?type={kind}&name__startswith=beta", headers=admin).json()
    assert [s["id"] for s in by_prefix["services"]] == [second["id"]]


def test_bootstrap_services_are_listed(api, admin):
    services = api.get(SERVICES, headers=admin).json()["services"]
    assert ("identity", "keystone") in {(s["type"], s["name"]) for s in services}


def test_get_missing_is_404(api, admin):
    assert error(api.get(f"{SERVICES}/nope", headers=admin), 404) == "Could not find service: nope."


def test_update(api, admin):
    service = make_service(api, admin, description="old")
    response = api.patch(
        f"{SERVICES}/{service['id']}",
        headers=admin,
        json={"service": {"name": "renamed", "description": "new", "enabled": False}},
    )
    assert response.status_code == 200
    updated = response.json()["service"]
    assert (updated["name"], updated["description"], updated["enabled"]) == (
        "renamed",
        "new",
        False,
    )
    assert updated["type"] == service["type"]


def test_update_refusals(api, admin):
    service = make_service(api, admin)
    path = f"{SERVICES}/{service['id']}"
    assert error(api.patch(path, headers=admin, json={"service": {"id": "x"}}), 400) == (
        "Cannot change ID"
    )
    empty = api.patch(path, headers=admin, json={"service": {}})
    assert error(empty, 400) == (
        "Invalid input for field/attribute service. Value: {}. {} should be non-empty"
    )
    missing = api.patch(f"{SERVICES}/nope", headers=admin, json={"service": {"name": "x"}})
    assert error(missing, 404) == "Could not find service: nope."


def test_delete_deletes_its_endpoints(api, admin):
    service = make_service(api, admin)
    endpoints = [
        make_endpoint(api, admin, service["id"], interface=interface)
        for interface in ("public", "internal")
    ]
    assert api.delete(f"{SERVICES}/{service['id']}", headers=admin).status_code == 204
    for endpoint in endpoints:
        response = api.get(f"{ENDPOINTS}/{endpoint['id']}", headers=admin)
        assert error(response, 404) == f"Could not find endpoint: {endpoint['id']}."
    again = api.delete(f"{SERVICES}/{service['id']}", headers=admin)
    assert error(again, 404) == f"Could not find service: {service['id']}."


def test_a_new_service_and_its_endpoint_reach_existing_tokens_at_once(api, admin, demo):
    before = token_catalog(api, admin, demo)
    service = make_service(api, admin, type=unique("fresh"))
    endpoint = make_endpoint(api, admin, service["id"])
    after = {s["id"]: s for s in token_catalog(api, admin, demo)}
    assert service["id"] not in {s["id"] for s in before}
    assert after[service["id"]]["type"] == service["type"]
    assert after[service["id"]]["name"] == service["name"]
    assert [e["id"] for e in after[service["id"]]["endpoints"]] == [endpoint["id"]]
    api.delete(f"{SERVICES}/{service['id']}", headers=admin)
    assert service["id"] not in {s["id"] for s in token_catalog(api, admin, demo)}


def test_a_disabled_service_leaves_the_catalog(api, admin, demo):
    service = make_service(api, admin)
    make_endpoint(api, admin, service["id"])
    assert service["id"] in {s["id"] for s in catalog(api, demo)}
    api.patch(f"{SERVICES}/{service['id']}", headers=admin, json={"service": {"enabled": False}})
    assert service["id"] not in {s["id"] for s in catalog(api, demo)}
    api.patch(f"{SERVICES}/{service['id']}", headers=admin, json={"service": {"enabled": True}})
    assert service["id"] in {s["id"] for s in catalog(api, demo)}


def test_a_service_without_endpoints_is_listed_empty(api, admin, demo):
    service = make_service(api, admin)
    (entry,) = [s for s in catalog(api, demo) if s["id"] == service["id"]]
    assert entry == {
        "endpoints": [],
        "id": service["id"],
        "type": service["type"],
        "name": service["name"],
    }


def test_system_readers_may_read_services(api, admin, tokens):
    system = tokens.headers("admin", system=True)
    service = make_service(api, admin)
    assert api.get(f"{SERVICES}/{service['id']}", headers=system).status_code == 200
    assert service["id"] in {s["id"] for s in api.get(SERVICES, headers=system).json()["services"]}


def test_members_may_not_see_or_change_services(api, admin, demo):
    service = make_service(api, admin)
    path = f"{SERVICES}/{service['id']}"
    calls = [
        ("list_services", api.get(SERVICES, headers=demo)),
        ("get_service", api.get(path, headers=demo)),
        ("create_service", api.post(SERVICES, headers=demo, json={"service": {"type": "t"}})),
        ("update_service", api.patch(path, headers=demo, json={"service": {"name": "x"}})),
        ("delete_service", api.delete(path, headers=demo)),
    ]
    for rule, response in calls:
        assert error(response, 403) == FORBIDDEN.format(rule)
    assert error(api.get(f"{SERVICES}/nope", headers=demo), 403) == FORBIDDEN.format("get_service")
