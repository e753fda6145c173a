"""PATCH /v2/images/{id} through HTTP: the body's shape, and the policy
asked once a change, as Glance asks it."""

from __future__ import annotations

from tests.api.test_image_images import IMAGES, JSON, PATCH, create, glance_message
from tests.api.test_image_quotas import _project_id


def test_an_empty_patch_from_a_member_who_may_not_modify_is_200(api, demo, tokens):
    alt = tokens.headers("alt_demo")
    image = create(api, demo, name="shared-patch")
    members = f"{IMAGES}/{image['id']}/members"
    assert api.post(members, json={"member": _project_id(api, alt)}, headers=demo).is_success
    url = f"{IMAGES}/{image['id']}"
    empty = api.patch(url, headers={**alt, **PATCH, **JSON}, json=[])
    assert empty.status_code == 200, empty.text
    assert empty.json()["name"] == "shared-patch"
    change = [{"op": "replace", "path": "/name", "value": "mine"}]
    refused = api.patch(url, headers={**alt, **PATCH, **JSON}, json=change)
    assert refused.status_code == 403
    assert refused.json()["message"] == glance_message(
        "You are not authorized to complete modify_image action."
    )


def test_a_patch_body_that_is_not_a_list_is_400(api, demo):
    image = create(api, demo)
    response = api.patch(f"{IMAGES}/{image['id']}", headers={**demo, **PATCH, **JSON}, json={})
    assert response.status_code == 400
    assert response.json()["message"] == glance_message(
        "Request body must be a JSON array of operation objects."
    )


def test_replacing_locations_with_nothing_is_refused_first(api, demo):
    image = create(api, demo)
    response = api.patch(
        f"{IMAGES}/{image['id']}",
        headers={**demo, **PATCH, **JSON},
        json=[{"op": "replace", "path": "/locations", "value": []}],
    )
    assert response.status_code == 403
    assert response.json()["message"] == glance_message(
        "Access was denied to this resource.", "Cannot set locations to empty list."
    )
