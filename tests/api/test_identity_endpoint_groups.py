"""OS-EP-FILTER: endpoint groups, project associations (direct and through
groups) and the project catalogs they filter, as Keystone answers."""

from __future__ import annotations

import pytest

from tests.api.identity_catalog import (
    CLIENT_IS_WRONG,
    ENDPOINTS,
    EP_FILTER,
    FORBIDDEN,
    GROUPS,
    ROOT,
    V3,
    catalog,
    endpoint_ids,
    error,
    make_endpoint,
    make_region,
    make_service,
    project_id,
    token_catalog,
    unique,
)


@pytest.fixture(scope="module")
def service(api, tokens) -> dict:
    return make_service(api, tokens.headers("admin"))


@pytest.fixture(scope="module")
def demo_id(api, tokens) -> str:
    return project_id(api, tokens.headers("admin"), "demo")


@pytest.fixture
def project(api, admin):
    """A fresh project, deleted after the test."""
    response = api.post(f"{V3}/projects", headers=admin, json={"project": {"name": unique("p")}})
    created = response.json()["project"]
    yield created
    api.delete(f"{V3}/projects/{created['id']}", headers=admin)


def make_group(api, admin, filters: dict, **fields) -> dict:
    body = {"name": unique("group"), "filters": filters, **fields}
    response = api.post(GROUPS, headers=admin, json={"endpoint_group": body})
    assert response.status_code == 201, response.text
    return response.json()["endpoint_group"]


# -- endpoint groups ---------------------------------------------------------------


def test_create_returns_keystones_body(api, admin, service):
    group = make_group(api, admin, {"service_id": service["id"], "interface": "public"})
    assert group == {
        "id": group["id"],
        "name": group["name"],
        "description": None,
        "filters": {"service_id": service["id"], "interface": "public"},
        "links": {"self": f"{ROOT}/OS-EP-FILTER/endpoint_groups/{group['id']}"},
    }
    fetched = api.get(f"{GROUPS}/{group['id']}", headers=admin)
    assert fetched.json() == {"endpoint_group": group}


@pytest.mark.parametrize("body", [{}, {"endpoint_group": {"name": "g", "filters": {}}}])
def test_filters_are_required(api, admin, body):
    response = api.post(GROUPS, headers=admin, json=body)
    assert error(response, 400) == "filters field is required and cannot be empty"


def test_only_endpoint_attributes_may_be_filtered(api, admin):
    body = {"endpoint_group": {"name": "g", "filters": {"enabled": True}}}
    response = api.post(GROUPS, headers=admin, json=body)
    assert error(response, 400) == (
        "Expecting to find service_id or region_id or interface in endpoint_group."
        + CLIENT_IS_WRONG
    )


def test_no_other_attributes(api, admin):
    body = {"endpoint_group": {"name": "g", "filters": {"interface": "public"}, "colour": "red"}}
    response = api.post(GROUPS, headers=admin, json=body)
    assert error(response, 400) == (
        "Invalid input for field/attribute endpoint_group. Value: "
        "{'name': 'g', 'filters': {'interface': 'public'}, 'colour': 'red'}. "
        "Additional properties are not allowed ('colour' was unexpected)"
    )


def test_update(api, admin, service):
    group = make_group(api, admin, {"interface": "internal"})
    changes = {"description": "mine", "filters": {"service_id": service["id"]}}
    response = api.patch(f"{GROUPS}/{group['id']}", headers=admin, json={"endpoint_group": changes})
    assert response.status_code == 200
    assert response.json()["endpoint_group"] == {**group, **changes}
    bad = api.patch(
        f"{GROUPS}/{group['id']}",
        headers=admin,
        json={"endpoint_group": {"filters": {"url": "x"}}},
    )
    assert error(bad, 400).startswith("Expecting to find service_id or region_id or interface")
    missing = api.patch(f"{GROUPS}/nope", headers=admin, json={"endpoint_group": {"name": "x"}})
    assert error(missing, 404) == "Could not find Endpoint Group: nope."


def test_list_and_name_filter(api, admin):
    group = make_group(api, admin, {"interface": "admin"})
    other = make_group(api, admin, {"interface": "admin"})
    everything = {g["id"] for g in api.get(GROUPS, headers=admin).json()["endpoint_groups"]}
    assert {group["id"], other["id"]} <= everything
    named = api.get(f"{GROUPS}?name={group['name']}", headers=admin).json()["endpoint_groups"]
    assert [g["id"] for g in named] == [group["id"]]
    unknown = api.get(f"{GROUPS}?interface=admin", headers=admin)
    assert (
        error(unknown, 400) == "Additional properties are not allowed ('interface' was unexpected)"
    )


def test_delete(api, admin, project):
    group = make_group(api, admin, {"interface": "admin"})
    api.put(f"{GROUPS}/{group['id']}/projects/{project['id']}", headers=admin)
    assert api.delete(f"{GROUPS}/{group['id']}", headers=admin).status_code == 204
    assert error(api.get(f"{GROUPS}/{group['id']}", headers=admin), 404) == (
        f"Could not find Endpoint Group: {group['id']}."
    )
    groups = api.get(f"{EP_FILTER}/projects/{project['id']}/endpoint_groups", headers=admin)
    assert groups.json()["endpoint_groups"] == []


def test_group_endpoints_are_those_its_filters_select(api, admin):
    service = make_service(api, admin)
    region = make_region(api, admin)
    public = make_endpoint(api, admin, service["id"], region_id=region["id"])
    disabled = make_endpoint(api, admin, service["id"], region_id=region["id"], enabled=False)
    make_endpoint(api, admin, service["id"], region_id=region["id"], interface="internal")
    make_endpoint(api, admin, service["id"])
    group = make_group(
        api, admin, {"service_id": service["id"], "region_id": region["id"], "interface": "public"}
    )
    response = api.get(f"{GROUPS}/{group['id']}/endpoints", headers=admin)
    assert response.status_code == 200
    listed = response.json()["endpoints"]
    assert {e["id"] for e in listed} == {public["id"], disabled["id"]}
    assert public in listed
    missing = api.get(f"{GROUPS}/nope/endpoints", headers=admin)
    assert error(missing, 404) == "Could not find Endpoint Group: nope."


# -- groups and projects -------------------------------------------------------------


def test_associate_a_group_with_a_project(api, admin, project):
    group = make_group(api, admin, {"interface": "internal"})
    path = f"{GROUPS}/{group['id']}/projects/{project['id']}"
    assert api.put(path, headers=admin).status_code == 204
    assert error(api.put(path, headers=admin), 409) == (
        "Conflict occurred attempting to store project_endpoint_group - Duplicate entry."
    )
    shown = api.get(path, headers=admin)
    assert shown.json() == {
        "project_endpoint_group": {
            "endpoint_group_id": group["id"],
            "project_id": project["id"],
            # Keystone's link for an association is a bare path.
            "links": {
                "self": f"/OS-EP-FILTER/endpoint_groups/{group['id']}/projects/{project['id']}"
            },
        }
    }
    assert api.head(path, headers=admin).status_code == 200
    projects = api.get(f"{GROUPS}/{group['id']}/projects", headers=admin).json()["projects"]
    assert [p["id"] for p in projects] == [project["id"]]
    assert projects[0]["links"]["self"] == f"{ROOT}/projects/{project['id']}"
    groups = api.get(f"{EP_FILTER}/projects/{project['id']}/endpoint_groups", headers=admin)
    assert groups.json()["endpoint_groups"] == [group]
    assert api.delete(path, headers=admin).status_code == 204
    assert error(api.get(path, headers=admin), 404) == (
        "Endpoint Group Project Association not found"
    )
    assert error(api.delete(path, headers=admin), 404) == (
        "Endpoint Group Project Association not found"
    )


def test_association_needs_the_project_then_the_group(api, admin, project):
    for method in ("GET", "PUT", "DELETE"):
        no_project = api.request(method, f"{GROUPS}/nope/projects/gone", headers=admin)
        assert error(no_project, 404) == "Could not find project: gone."
        no_group = api.request(method, f"{GROUPS}/nope/projects/{project['id']}", headers=admin)
        assert error(no_group, 404) == "Could not find Endpoint Group: nope."
    groups_of_missing = api.get(f"{EP_FILTER}/projects/gone/endpoint_groups", headers=admin)
    assert error(groups_of_missing, 404) == "Could not find project: gone."
    # Keystone lists a missing group's projects as none.
    assert api.get(f"{GROUPS}/nope/projects", headers=admin).json()["projects"] == []


def test_deleting_a_project_removes_its_associations(api, admin, service):
    created = api.post(f"{V3}/projects", headers=admin, json={"project": {"name": unique("p")}})
    doomed = created.json()["project"]["id"]
    group = make_group(api, admin, {"interface": "internal"})
    endpoint = make_endpoint(api, admin, service["id"])
    api.put(f"{GROUPS}/{group['id']}/projects/{doomed}", headers=admin)
    api.put(f"{EP_FILTER}/projects/{doomed}/endpoints/{endpoint['id']}", headers=admin)
    assert api.delete(f"{V3}/projects/{doomed}", headers=admin).status_code == 204
    assert api.get(f"{GROUPS}/{group['id']}/projects", headers=admin).json()["projects"] == []
    projects = api.get(f"{EP_FILTER}/endpoints/{endpoint['id']}/projects", headers=admin)
    assert projects.json()["projects"] == []


# -- endpoints and projects ----------------------------------------------------------


def test_associate_an_endpoint_with_a_project(api, admin, service, project):
    endpoint = make_endpoint(api, admin, service["id"])
    path = f"{EP_FILTER}/projects/{project['id']}/endpoints/{endpoint['id']}"
    assert api.put(path, headers=admin).status_code == 204
    assert error(api.put(path, headers=admin), 409) == (
        "Conflict occurred attempting to store project_endpoint - Duplicate entry."
    )
    assert api.get(path, headers=admin).status_code == 204
    assert api.head(path, headers=admin).status_code == 204
    listed = api.get(f"{EP_FILTER}/projects/{project['id']}/endpoints", headers=admin)
    assert listed.json()["endpoints"] == [endpoint]
    projects = api.get(f"{EP_FILTER}/endpoints/{endpoint['id']}/projects", headers=admin)
    assert [p["id"] for p in projects.json()["projects"]] == [project["id"]]
    assert api.delete(path, headers=admin).status_code == 204
    missing = f"Endpoint {endpoint['id']} not found in project {project['id']}"
    assert error(api.get(path, headers=admin), 404) == missing
    assert error(api.delete(path, headers=admin), 404) == missing


def test_endpoint_association_needs_the_endpoint_then_the_project(api, admin, service, project):
    endpoint = make_endpoint(api, admin, service["id"])
    for method in ("GET", "PUT"):
        no_endpoint = api.request(
            method, f"{EP_FILTER}/projects/gone/endpoints/nope", headers=admin
        )
        assert error(no_endpoint, 404) == "Could not find endpoint: nope."
        no_project = api.request(
            method, f"{EP_FILTER}/projects/gone/endpoints/{endpoint['id']}", headers=admin
        )
        assert error(no_project, 404) == "Could not find project: gone."
    projects_of_missing = api.get(f"{EP_FILTER}/endpoints/nope/projects", headers=admin)
    assert error(projects_of_missing, 404) == "Could not find endpoint: nope."
    endpoints_of_missing = api.get(f"{EP_FILTER}/projects/gone/endpoints", headers=admin)
    assert error(endpoints_of_missing, 404) == "Could not find project: gone."


def test_deleting_an_endpoint_removes_its_associations(api, admin, service, project):
    endpoint = make_endpoint(api, admin, service["id"])
    api.put(f"{EP_FILTER}/projects/{project['id']}/endpoints/{endpoint['id']}", headers=admin)
    api.delete(f"{ENDPOINTS}/{endpoint['id']}", headers=admin)
    listed = api.get(f"{EP_FILTER}/projects/{project['id']}/endpoints", headers=admin)
    assert listed.json()["endpoints"] == []


def test_project_endpoints_join_direct_and_group_associations(api, admin, project):
    service = make_service(api, admin)
    direct = make_endpoint(api, admin, service["id"])
    internal = make_endpoint(api, admin, service["id"], interface="internal")
    group = make_group(api, admin, {"service_id": service["id"], "interface": "internal"})
    api.put(f"{EP_FILTER}/projects/{project['id']}/endpoints/{direct['id']}", headers=admin)
    api.put(f"{GROUPS}/{group['id']}/projects/{project['id']}", headers=admin)
    listed = api.get(f"{EP_FILTER}/projects/{project['id']}/endpoints", headers=admin)
    assert [e["id"] for e in listed.json()["endpoints"]] == [direct["id"], internal["id"]]
    # Only the direct association is checked by the single-endpoint call.
    check = api.get(
        f"{EP_FILTER}/projects/{project['id']}/endpoints/{internal['id']}", headers=admin
    )
    assert check.status_code == 404


# -- the project's catalog ------------------------------------------------------------


def test_direct_association_filters_the_projects_catalog_at_once(
    api, admin, demo, demo_id, service
):
    endpoint = make_endpoint(api, admin, service["id"])
    full = endpoint_ids(catalog(api, demo))
    path = f"{EP_FILTER}/projects/{demo_id}/endpoints/{endpoint['id']}"
    api.put(path, headers=admin)
    try:
        filtered = catalog(api, demo)
        assert [s["id"] for s in filtered] == [service["id"]]
        assert endpoint_ids(filtered) == {endpoint["id"]}
        assert endpoint_ids(token_catalog(api, admin, demo)) == {endpoint["id"]}
        # Another project's catalog is not filtered.
        assert endpoint["id"] in endpoint_ids(catalog(api, admin))
        assert len(endpoint_ids(catalog(api, admin))) > 1
    finally:
        api.delete(path, headers=admin)
    assert endpoint_ids(catalog(api, demo)) == full


def test_group_association_filters_the_projects_catalog(api, admin, demo, demo_id):
    group = make_group(api, admin, {"interface": "internal"})
    path = f"{GROUPS}/{group['id']}/projects/{demo_id}"
    api.put(path, headers=admin)
    try:
        filtered = catalog(api, demo)
        interfaces = {e["interface"] for s in filtered for e in s["endpoints"]}
        assert interfaces == {"internal"}
        assert all(s["endpoints"] for s in filtered)
        assert "identity" in {s["type"] for s in filtered}
    finally:
        api.delete(path, headers=admin)


def test_a_disabled_associated_endpoint_leaves_an_empty_catalog(api, admin, demo, demo_id, service):
    endpoint = make_endpoint(api, admin, service["id"], enabled=False)
    path = f"{EP_FILTER}/projects/{demo_id}/endpoints/{endpoint['id']}"
    api.put(path, headers=admin)
    try:
        assert catalog(api, demo) == []
    finally:
        api.delete(path, headers=admin)


def test_associations_that_select_nothing_leave_the_whole_catalog(api, admin, demo, demo_id):
    full = endpoint_ids(catalog(api, demo))
    group = make_group(api, admin, {"service_id": "no-such-service"})
    path = f"{GROUPS}/{group['id']}/projects/{demo_id}"
    api.put(path, headers=admin)
    try:
        assert endpoint_ids(catalog(api, demo)) == full
    finally:
        api.delete(path, headers=admin)


# -- policy ----------------------------------------------------------------------------


def test_members_may_not_see_or_change_associations(api, admin, demo, demo_id, service):
    group = make_group(api, admin, {"interface": "internal"})
    endpoint = make_endpoint(api, admin, service["id"])
    group_path = f"{GROUPS}/{group['id']}"
    group_project = f"{group_path}/projects/{demo_id}"
    project_endpoint = f"{EP_FILTER}/projects/{demo_id}/endpoints/{endpoint['id']}"
    body = {"endpoint_group": {"name": "g", "filters": {"interface": "public"}}}
    calls = [
        ("list_endpoint_groups", "GET", GROUPS, None),
        ("create_endpoint_group", "POST", GROUPS, body),
        ("get_endpoint_group", "GET", group_path, None),
        ("update_endpoint_group", "PATCH", group_path, {"endpoint_group": {"name": "x"}}),
        ("delete_endpoint_group", "DELETE", group_path, None),
        ("list_endpoints_associated_with_endpoint_group", "GET", f"{group_path}/endpoints", None),
        ("list_projects_associated_with_endpoint_group", "GET", f"{group_path}/projects", None),
        ("get_endpoint_group_in_project", "GET", group_project, None),
        ("add_endpoint_group_to_project", "PUT", group_project, None),
        ("remove_endpoint_group_from_project", "DELETE", group_project, None),
        (
            "list_endpoint_groups_for_project",
            "GET",
            f"{EP_FILTER}/projects/{demo_id}/endpoint_groups",
            None,
        ),
        ("list_endpoints_for_project", "GET", f"{EP_FILTER}/projects/{demo_id}/endpoints", None),
        ("check_endpoint_in_project", "GET", project_endpoint, None),
        ("add_endpoint_to_project", "PUT", project_endpoint, None),
        ("remove_endpoint_from_project", "DELETE", project_endpoint, None),
        (
            "list_projects_for_endpoint",
            "GET",
            f"{EP_FILTER}/endpoints/{endpoint['id']}/projects",
            None,
        ),
    ]
    for rule, method, path, json in calls:
        response = api.request(method, path, headers=demo, json=json)
        assert error(response, 403) == FORBIDDEN.format(rule), (method, path)


def test_system_readers_may_read_groups(api, admin, tokens):
    system = tokens.headers("admin", system=True)
    group = make_group(api, admin, {"interface": "internal"})
    assert api.get(f"{GROUPS}/{group['id']}", headers=system).status_code == 200
