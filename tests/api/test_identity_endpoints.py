"""/v3/endpoints: Keystone's validation, the legacy ``region``, and the
token catalog's view of endpoints (enabled, URL substitutions)."""

from __future__ import annotations

import pytest

from tests.api.identity_catalog import (
    CLIENT_IS_WRONG,
    ENDPOINTS,
    FORBIDDEN,
    REGIONS,
    ROOT,
    catalog,
    endpoint_ids,
    error,
    make_endpoint,
    make_region,
    make_service,
    project_id,
    unique,
)


@pytest.fixture(scope="module")
def service(api, tokens) -> dict:
    return make_service(api, tokens.headers("admin"))


def test_create_returns_keystones_body(api, admin, service):
    body = {
        "service_id": service["id"],
        "interface": "internal",
        "url": "http://10.0.0.1:8774/v2.1",
        "region_id": "RegionOne",
        "name": "nova-internal",
        "description": None,
    }
    response = api.post(ENDPOINTS, headers=admin, json={"endpoint": body})
    assert response.status_code == 201
    endpoint = response.json()["endpoint"]
    assert endpoint == {
        **body,
        "id": endpoint["id"],
        "enabled": True,
        "region": "RegionOne",
        "links": {"self": f"{ROOT}/endpoints/{endpoint['id']}"},
    }
    assert api.get(f"{ENDPOINTS}/{endpoint['id']}", headers=admin).json() == {"endpoint": endpoint}


def test_an_id_in_the_body_is_ignored(api, admin, service):
    assert make_endpoint(api, admin, service["id"], id="mine")["id"] != "mine"


def test_endpoint_without_region(api, admin, service):
    endpoint = make_endpoint(api, admin, service["id"])
    assert (endpoint["region_id"], endpoint["region"]) == (None, None)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "interface",
            "outside",
            "Invalid input for field/attribute interface. Value: outside. "
            "'outside' is not one of ['admin', 'internal', 'public']",
        ),
        (
            "url",
            "not a url",
            "Invalid input for field/attribute url. Value: not a url. "
            "'not a url' does not match '^[a-zA-Z0-9+.-]+:.+'",
        ),
        (
            "enabled",
            "true",
            "Invalid input for field/attribute enabled. Value: true. "
            "'true' is not of type 'boolean'",
        ),
    ],
)
def test_schema_refusals(api, admin, service, field, value, message):
    body = {"service_id": service["id"], "interface": "public", "url": "http://x", field: value}
    response = api.post(ENDPOINTS, headers=admin, json={"endpoint": body})
    assert error(response, 400) == message


def test_required_attributes(api, admin):
    response = api.post(ENDPOINTS, headers=admin, json={"endpoint": {"url": "http://x"}})
    assert error(response, 400) == (
        "Invalid input for field/attribute endpoint. Value: {'url': 'http://x'}. "
        "'interface' is a required property"
    )


@pytest.mark.parametrize(
    "url",
    [
        "http://x/$(secret)s",
        "http://x/%(secret)s",
        "http://x/a%20b",
        "http://x/$(project_id)d",
        "http://x/%s",
    ],
)
def test_url_substitutions_must_be_whitelisted(api, admin, service, url):
    body = {"service_id": service["id"], "interface": "public", "url": url}
    response = api.post(ENDPOINTS, headers=admin, json={"endpoint": body})
    assert error(response, 400) == f"Cannot create an endpoint with an invalid URL: {url}."


def test_whitelisted_substitutions_are_accepted(api, admin, service):
    url = "http://x/$(project_id)s/%(tenant_id)s/$(user_id)s/$(compute_host)s"
    assert make_endpoint(api, admin, service["id"], url=url)["url"] == url


def test_service_and_region_must_exist(api, admin, service):
    no_service = {"service_id": "nope", "interface": "public", "url": "http://x"}
    response = api.post(ENDPOINTS, headers=admin, json={"endpoint": no_service})
    assert error(response, 400) == (
        "Expecting to find endpoint service_id in service table." + CLIENT_IS_WRONG
    )
    no_region = {**no_service, "service_id": service["id"], "region_id": "nowhere"}
    response = api.post(ENDPOINTS, headers=admin, json={"endpoint": no_region})
    assert error(response, 400) == (
        "Expecting to find endpoint region_id in region table." + CLIENT_IS_WRONG
    )


def test_legacy_region_names_the_region_and_creates_it(api, admin, service):
    name = unique("legacy")
    endpoint = make_endpoint(api, admin, service["id"], region=name)
    assert (endpoint["region_id"], endpoint["region"]) == (name, name)
    region = api.get(f"{REGIONS}/{name}", headers=admin).json()["region"]
    assert (region["description"], region["parent_region_id"]) == ("", None)
    # Again with the region now existing: it is reused.
    assert make_endpoint(api, admin, service["id"], region=name)["region_id"] == name


def test_region_id_wins_over_legacy_region(api, admin, service):
    name = unique("ignored")
    endpoint = make_endpoint(api, admin, service["id"], region_id="RegionOne", region=name)
    assert (endpoint["region_id"], endpoint["region"]) == ("RegionOne", "RegionOne")
    assert error(api.get(f"{REGIONS}/{name}", headers=admin), 404) == (
        f"Could not find region: {name}."
    )


def test_update(api, admin, service):
    other = make_service(api, admin)
    region = make_region(api, admin)
    endpoint = make_endpoint(api, admin, service["id"], region_id="RegionOne")
    changes = {
        "url": "https://new.example.com",
        "interface": "admin",
        "service_id": other["id"],
        "region_id": region["id"],
        "enabled": False,
        "description": "moved",
    }
    response = api.patch(f"{ENDPOINTS}/{endpoint['id']}", headers=admin, json={"endpoint": changes})
    assert response.status_code == 200
    updated = response.json()["endpoint"]
    assert {key: updated[key] for key in changes} == changes
    assert updated["region"] == region["id"]


def test_update_with_legacy_region(api, admin, service):
    endpoint = make_endpoint(api, admin, service["id"])
    name = unique("legacy")
    response = api.patch(
        f"{ENDPOINTS}/{endpoint['id']}", headers=admin, json={"endpoint": {"region": name}}
    )
    assert response.json()["endpoint"]["region_id"] == name
    assert api.get(f"{REGIONS}/{name}", headers=admin).status_code == 200


def test_update_refusals(api, admin, service):
    endpoint = make_endpoint(api, admin, service["id"])
    path = f"{ENDPOINTS}/{endpoint['id']}"
    assert error(api.patch(path, headers=admin, json={"endpoint": {"id": "x"}}), 400) == (
        "Cannot change ID"
    )
    bad_region = api.patch(path, headers=admin, json={"endpoint": {"region_id": "nowhere"}})
    assert error(bad_region, 400).startswith("Expecting to find endpoint region_id in region")
    bad_service = api.patch(path, headers=admin, json={"endpoint": {"service_id": "nope"}})
    assert error(bad_service, 400).startswith("Expecting to find endpoint service_id in service")
    missing = api.patch(f"{ENDPOINTS}/nope", headers=admin, json={"endpoint": {"url": "http://y"}})
    assert error(missing, 404) == "Could not find endpoint: nope."
    # Keystone checks the references before it looks for the endpoint.
    both = api.patch(f"{ENDPOINTS}/nope", headers=admin, json={"endpoint": {"region_id": "x"}})
    assert error(both, 400).startswith("Expecting to find endpoint region_id")


def test_list_filters(api, admin):
    service = make_service(api, admin)
    region = make_region(api, admin)
    public = make_endpoint(api, admin, service["id"], region_id=region["id"])
    internal = make_endpoint(api, admin, service["id"], interface="internal")

    def listed(query: str) -> set[str]:
        response = api.get(f"{ENDPOINTS}?{query}", headers=admin)
        assert response.status_code == 200
        return {e["id"] for e in response.json()["endpoints"]}

    assert listed(f"service_id={service['id']}") == {public["id"], internal["id"]}
    assert listed(f"service_id={service['id']}&interface=internal") == {internal["id"]}
    assert listed(f"region_id={region['id']}") == {public["id"]}
    assert listed(f"service_id={service['id']}&interface__startswith=int") == {internal["id"]}


def test_list_filter_interface_is_checked(api, admin):
    response = api.get(f"{ENDPOINTS}?interface=outside", headers=admin)
    assert error(response, 400) == (
        "Invalid input for field/attribute interface. Value: outside. "
        "'outside' is not one of ['admin', 'internal', 'public']"
    )


def test_delete(api, admin, service):
    endpoint = make_endpoint(api, admin, service["id"])
    assert api.delete(f"{ENDPOINTS}/{endpoint['id']}", headers=admin).status_code == 204
    again = api.delete(f"{ENDPOINTS}/{endpoint['id']}", headers=admin)
    assert error(again, 404) == f"Could not find endpoint: {endpoint['id']}."


def test_disabled_endpoints_leave_the_catalog_at_once(api, admin, demo, service):
    endpoint = make_endpoint(api, admin, service["id"], enabled=False)
    assert endpoint["id"] not in endpoint_ids(catalog(api, demo))
    path = f"{ENDPOINTS}/{endpoint['id']}"
    api.patch(path, headers=admin, json={"endpoint": {"enabled": True}})
    assert endpoint["id"] in endpoint_ids(catalog(api, demo))
    api.delete(path, headers=admin)
    assert endpoint["id"] not in endpoint_ids(catalog(api, demo))


def test_catalog_entry_of_an_endpoint(api, admin, demo, service):
    endpoint = make_endpoint(
        api,
        admin,
        service["id"],
        region_id="RegionOne",
        url="http://x/v2/$(project_id)s",
        name="named",
    )
    (entry,) = [e for s in catalog(api, demo) for e in s["endpoints"] if e["id"] == endpoint["id"]]
    assert entry == {
        "id": endpoint["id"],
        "interface": "public",
        "region_id": "RegionOne",
        "region": "RegionOne",
        "url": f"http://x/v2/{project_id(api, admin, 'demo')}",
        "name": "named",
    }


def test_catalog_substitutes_user_and_skips_what_it_cannot_format(api, admin, demo, tokens):
    service = make_service(api, admin)
    for_user = make_endpoint(api, admin, service["id"], url="http://x/%(user_id)s")
    for_project = make_endpoint(api, admin, service["id"], url="http://x/$(tenant_id)s")
    for_host = make_endpoint(api, admin, service["id"], url="http://x/$(compute_host)s")
    # An update does not check the URL (Keystone's create does); the catalog skips it.
    broken = make_endpoint(api, admin, service["id"])
    api.patch(
        f"{ENDPOINTS}/{broken['id']}", headers=admin, json={"endpoint": {"url": "http://x/$(a)s"}}
    )
    subject = {**admin, "X-Subject-Token": demo["X-Auth-Token"]}
    demo_user_id = api.get("/identity/v3/auth/tokens", headers=subject).json()["token"]["user"][
        "id"
    ]
    urls = {e["id"]: e["url"] for s in catalog(api, demo) for e in s["endpoints"]}
    assert for_project["id"] in urls and for_user["id"] in urls
    assert urls[for_project["id"]] == f"http://x/{project_id(api, admin, 'demo')}"
    assert urls[for_user["id"]] == f"http://x/{demo_user_id}"
    assert for_host["id"] not in urls and broken["id"] not in urls
    # A system-scoped token has no project to put in a URL.
    system = {**admin, "X-Subject-Token": tokens.issue("admin", system=True)}
    system_catalog = api.get("/identity/v3/auth/tokens", headers=system).json()["token"]["catalog"]
    assert for_project["id"] not in endpoint_ids(system_catalog)
    assert for_user["id"] in endpoint_ids(system_catalog)


def test_members_may_not_see_or_change_endpoints(api, admin, demo, service):
    endpoint = make_endpoint(api, admin, service["id"])
    path = f"{ENDPOINTS}/{endpoint['id']}"
    body = {"endpoint": {"service_id": service["id"], "interface": "public", "url": "http://x"}}
    calls = [
        ("list_endpoints", api.get(ENDPOINTS, headers=demo)),
        ("get_endpoint", api.get(path, headers=demo)),
        ("create_endpoint", api.post(ENDPOINTS, headers=demo, json=body)),
        ("update_endpoint", api.patch(path, headers=demo, json={"endpoint": {"url": "http://y"}})),
        ("delete_endpoint", api.delete(path, headers=demo)),
    ]
    for rule, response in calls:
        assert error(response, 403) == FORBIDDEN.format(rule)
