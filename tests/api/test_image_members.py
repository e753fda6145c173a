"""/v2/images/{id}/members through HTTP: bodies, and refusals for images
that are not shared, in Glance's order and words."""

from __future__ import annotations

import uuid

import pytest

from tests.api.test_image_images import IMAGES, JSON, create, glance_message


def test_bodies_that_are_not_objects_are_400(api, demo):
    image = create(api, demo)
    members = f"{IMAGES}/{image['id']}/members"
    added = api.post(members, json=["someone"], headers={**demo, **JSON})
    assert added.status_code == 400
    assert added.json()["message"] == glance_message(
        'Expected a member in the form: {"member": "image_id"}'
    )
    updated = api.put(f"{members}/someone", json="accepted", headers={**demo, **JSON})
    assert updated.status_code == 400
    assert updated.json()["message"] == glance_message(
        'Expected a status in the form: {"status": "status"}'
    )


@pytest.mark.parametrize(
    ("method", "suffix", "body", "status", "message"),
    [
        ("POST", "", {"member": "p"}, 403, "Not allowed to create members for image {id}."),
        (
            "GET",
            "",
            None,
            403,
            "Not allowed to list members for image {id}: Only shared images have members.",
        ),
        ("GET", "/p", None, 404, "Only shared images have members."),
        ("PUT", "/p", {"status": "accepted"}, 403, "Not allowed to update members for image {id}."),
        ("DELETE", "/p", None, 403, "Not allowed to delete members for image {id}."),
    ],
)
def test_images_not_shared_are_refused_before_any_member_rule(
    api, demo, tokens, method, suffix, body, status, message
):
    # demo may not manage members of alt's image at all; the image not being
    # shared is what Glance answers first.
    alt = tokens.headers("alt_demo")
    image = create(api, alt, visibility="community")
    response = api.request(
        method,
        f"{IMAGES}/{image['id']}/members{suffix}",
        json=body,
        headers={**demo, **JSON},
    )
    assert response.status_code == status, response.text
    assert response.json()["message"] == glance_message(message.format(id=image["id"]))


def test_members_of_an_unknown_image_are_404(api, demo):
    missing = str(uuid.uuid4())
    response = api.get(f"{IMAGES}/{missing}/members", headers={**demo, **JSON})
    assert response.status_code == 404
    assert response.json()["message"] == glance_message(f"Image {missing} not found.")
