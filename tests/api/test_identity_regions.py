"""/v3/regions: ids, the hierarchy and its refusals, as Keystone answers."""

from __future__ import annotations

import pytest

from tests.api.identity_catalog import (
    ENDPOINTS,
    FORBIDDEN,
    REGIONS,
    ROOT,
    error,
    make_endpoint,
    make_region,
    make_service,
    unique,
)


def test_bootstrap_region_is_listed(api, admin):
    regions = api.get(REGIONS, headers=admin).json()["regions"]
    assert {
        "id": "RegionOne",
        "description": "",
        "parent_region_id": None,
        "links": {"self": f"{ROOT}/regions/RegionOne"},
    } in regions


def test_post_without_id_makes_one_and_keeps_other_attributes(api, admin):
    response = api.post(REGIONS, headers=admin, json={"region": {"name": "west", "os-tier": 2}})
    assert response.status_code == 201
    region = response.json()["region"]
    assert len(region["id"]) == 32
    assert region == {
        "id": region["id"],
        "description": "",
        "parent_region_id": None,
        "name": "west",
        # Keystone stores a new entity's "-" and ":" in names as "_".
        "os_tier": 2,
        "links": {"self": f"{ROOT}/regions/{region['id']}"},
    }
    assert api.get(f"{REGIONS}/{region['id']}", headers=admin).json() == {"region": region}


def test_post_with_an_id_uses_it_and_an_empty_id_means_none(api, admin):
    region_id = unique("r")
    assert make_region(api, admin, id=region_id, description="d")["id"] == region_id
    assert len(make_region(api, admin, id="")["id"]) == 32


def test_put_creates_with_the_path_id(api, admin):
    region_id = unique("put")
    response = api.put(f"{REGIONS}/{region_id}", headers=admin, json={"region": {}})
    assert response.status_code == 201
    assert response.json()["region"]["id"] == region_id
    same = api.put(f"{REGIONS}/{unique('put')}", headers=admin, json={"region": {"id": region_id}})
    assert error(same, 400) == (
        f'Conflicting region IDs specified: "{same.request.url.path.rsplit("/", 1)[1]}"'
        f' != "{region_id}"'
    )


def test_put_with_a_null_id_in_the_body_conflicts(api, admin):
    region_id = unique("put")
    response = api.put(f"{REGIONS}/{region_id}", headers=admin, json={"region": {"id": None}})
    assert error(response, 400) == f'Conflicting region IDs specified: "{region_id}" != "None"'


def test_duplicate_id_is_409_in_keystones_words(api, admin):
    region = make_region(api, admin, id=unique("dup"))
    again = api.post(REGIONS, headers=admin, json={"region": {"id": region["id"]}})
    assert error(again, 409) == (
        f"Conflict occurred attempting to store region - Duplicate ID, {region['id']}.."
    )
    put = api.put(f"{REGIONS}/{region['id']}", headers=admin, json={"region": {}})
    assert error(put, 409).endswith(f"Duplicate ID, {region['id']}..")


def test_id_longer_than_the_column_is_400(api, admin):
    long_id = "r" * 256
    response = api.put(f"{REGIONS}/{long_id}", headers=admin, json={"region": {}})
    assert error(response, 400) == (
        f"Invalid input for field/attribute id. Value: {long_id}. '{long_id}' is too long"
    )


def test_parent_must_exist(api, admin):
    response = api.post(REGIONS, headers=admin, json={"region": {"parent_region_id": "nowhere"}})
    assert error(response, 404) == "Could not find region: nowhere."


def test_list_filters_on_parent(api, admin):
    parent = make_region(api, admin)
    child = make_region(api, admin, parent_region_id=parent["id"])
    make_region(api, admin)
    listed = api.get(f"{REGIONS}?parent_region_id={parent['id']}", headers=admin).json()
    assert [r["id"] for r in listed["regions"]] == [child["id"]]
    assert listed["links"]["self"] == f"{ROOT}/regions?parent_region_id={parent['id']}"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("limit=1", "Additional properties are not allowed ('limit' was unexpected)"),
        (
            "parent_region_id=",
            "Invalid input for field/attribute parent_region_id. Value: . '' should be non-empty",
        ),
    ],
)
def test_list_query_is_checked(api, admin, query, message):
    assert error(api.get(f"{REGIONS}?{query}", headers=admin), 400) == message


def test_update_description_parent_and_attributes(api, admin):
    parent = make_region(api, admin)
    region = make_region(api, admin, description="old", colour="red")
    response = api.patch(
        f"{REGIONS}/{region['id']}",
        headers=admin,
        json={"region": {"description": None, "parent_region_id": parent["id"], "size": 3}},
    )
    assert response.status_code == 200
    updated = response.json()["region"]
    assert updated["description"] == ""
    assert updated["parent_region_id"] == parent["id"]
    assert (updated["colour"], updated["size"]) == ("red", 3)


def test_update_may_repeat_the_id_but_not_change_it(api, admin):
    region = make_region(api, admin)
    path = f"{REGIONS}/{region['id']}"
    same = api.patch(path, headers=admin, json={"region": {"id": region["id"], "description": "x"}})
    assert same.status_code == 200
    other = api.patch(path, headers=admin, json={"region": {"id": "other"}})
    assert error(other, 400) == "Cannot change ID"


def test_update_refuses_a_circle(api, admin):
    top = make_region(api, admin)
    middle = make_region(api, admin, parent_region_id=top["id"])
    bottom = make_region(api, admin, parent_region_id=middle["id"])
    circle = api.patch(
        f"{REGIONS}/{top['id']}", headers=admin, json={"region": {"parent_region_id": bottom["id"]}}
    )
    assert error(circle, 400) == (
        f"The specified parent region {top['id']} would create a circular region hierarchy."
    )
    itself = api.patch(
        f"{REGIONS}/{top['id']}", headers=admin, json={"region": {"parent_region_id": top["id"]}}
    )
    assert error(itself, 400) == circle.json()["error"]["message"]
    assert (
        api.get(f"{REGIONS}/{top['id']}", headers=admin).json()["region"]["parent_region_id"]
        is None
    )


def test_update_of_missing_region_or_parent_is_404(api, admin):
    region = make_region(api, admin)
    missing = api.patch(f"{REGIONS}/nowhere", headers=admin, json={"region": {"description": "x"}})
    assert error(missing, 404) == "Could not find region: nowhere."
    parent = api.patch(
        f"{REGIONS}/{region['id']}", headers=admin, json={"region": {"parent_region_id": "gone"}}
    )
    assert error(parent, 404) == "Could not find region: gone."


def test_update_needs_an_attribute(api, admin):
    region = make_region(api, admin)
    response = api.patch(f"{REGIONS}/{region['id']}", headers=admin, json={"region": {}})
    assert error(response, 400) == (
        "Invalid input for field/attribute region. Value: {}. {} should be non-empty"
    )


def test_wrong_type_is_400_before_the_policy_check(api, demo):
    response = api.post(REGIONS, headers=demo, json={"region": {"description": 42}})
    assert error(response, 400) == (
        "Invalid input for field/attribute description. Value: 42. "
        "42 is not of type 'string', 'null'"
    )


def test_delete_takes_the_subregions_along(api, admin):
    parent = make_region(api, admin)
    child = make_region(api, admin, parent_region_id=parent["id"])
    grandchild = make_region(api, admin, parent_region_id=child["id"])
    assert api.delete(f"{REGIONS}/{parent['id']}", headers=admin).status_code == 204
    for gone in (parent, child, grandchild):
        response = api.get(f"{REGIONS}/{gone['id']}", headers=admin)
        assert error(response, 404) == f"Could not find region: {gone['id']}."


def test_delete_refuses_a_region_whose_subtree_has_endpoints(api, admin):
    parent = make_region(api, admin)
    child = make_region(api, admin, parent_region_id=parent["id"])
    service = make_service(api, admin)
    endpoint = make_endpoint(api, admin, service["id"], region_id=child["id"])
    for region in (parent, child):
        response = api.delete(f"{REGIONS}/{region['id']}", headers=admin)
        assert error(response, 403) == (
            f"Unable to delete region {region['id']} because it or its child regions "
            "have associated endpoints."
        )
    assert api.get(f"{REGIONS}/{child['id']}", headers=admin).status_code == 200
    api.delete(f"{ENDPOINTS}/{endpoint['id']}", headers=admin)
    assert api.delete(f"{REGIONS}/{parent['id']}", headers=admin).status_code == 204


def test_delete_missing_is_404(api, admin):
    assert error(api.delete(f"{REGIONS}/nowhere", headers=admin), 404) == (
        "Could not find region: nowhere."
    )


def test_any_token_may_read_regions(api, demo, admin):
    region = make_region(api, admin)
    assert api.get(REGIONS, headers=demo).status_code == 200
    assert api.get(f"{REGIONS}/{region['id']}", headers=demo).json()["region"] == region
    assert error(api.get(f"{REGIONS}/nowhere", headers=demo), 404) == (
        "Could not find region: nowhere."
    )


def test_members_may_not_write_regions(api, demo, admin):
    region = make_region(api, admin)
    path = f"{REGIONS}/{region['id']}"
    calls = [
        ("create_region", api.post(REGIONS, headers=demo, json={"region": {}})),
        ("create_region", api.put(f"{REGIONS}/{unique('r')}", headers=demo, json={"region": {}})),
        ("update_region", api.patch(path, headers=demo, json={"region": {"description": "x"}})),
        ("delete_region", api.delete(path, headers=demo)),
    ]
    for rule, response in calls:
        assert error(response, 403) == FORBIDDEN.format(rule)


def test_no_token_is_401(api):
    assert error(api.get(REGIONS), 401) == "The request you have made requires authentication."
