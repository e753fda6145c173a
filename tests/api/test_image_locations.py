"""Glance's location API (2.17): for services only, and never at another
image's expense."""

from __future__ import annotations

import hashlib

import pytest

from tests.api.test_image_images import IMAGES, JSON, create, glance_message, upload


@pytest.fixture
def service(tokens) -> dict[str, str]:
    """Block storage's service user: roles admin and service on project service."""
    return tokens.headers("cinder", "service")


def _location_of(api, headers, image_id: str) -> str:
    response = api.get(f"{IMAGES}/{image_id}/locations", headers=headers)
    assert response.status_code == 200, response.text
    [location] = response.json()
    return location["url"]


def test_a_service_adds_a_location_and_the_image_is_active_with_its_hashes(api, service):
    data = b"snapshot bytes " * 1000
    source = create(api, service, name="stored")
    assert upload(api, service, source["id"], data).status_code == 204
    url = _location_of(api, service, source["id"])
    target = create(api, service, name="pointed")
    validation = {"os_hash_algo": "sha512", "os_hash_value": hashlib.sha512(data).hexdigest()}
    added = api.post(
        f"{IMAGES}/{target['id']}/locations",
        headers=service,
        json={"url": url, "validation_data": validation},
    )
    assert added.status_code == 202, added.text
    shown = api.get(f"{IMAGES}/{target['id']}", headers=service).json()
    assert shown["status"] == "active" and shown["checksum"] == hashlib.md5(data).hexdigest()
    # Deleting the image that wrote the data leaves the other one whole.
    assert api.delete(f"{IMAGES}/{source['id']}", headers=service).status_code == 204
    assert api.get(f"{IMAGES}/{target['id']}/file", headers=service).content == data


def test_a_project_member_cannot_point_an_image_at_stored_data(api, demo, service):
    victim = create(api, service, name="someone else's")
    assert upload(api, service, victim["id"], b"private bytes").status_code == 204
    url = _location_of(api, service, victim["id"])
    mine = create(api, demo, name="borrowed")
    response = api.post(
        f"{IMAGES}/{mine['id']}/locations", headers={**demo, **JSON}, json={"url": url}
    )
    assert response.status_code == 403
    assert response.json()["message"] == glance_message(
        "http store must be enabled to use location API by normal user."
    )
    assert api.get(f"{IMAGES}/{mine['id']}", headers=demo).json()["status"] == "queued"


def test_locations_at_create_are_reserved(api, demo):
    response = api.post(IMAGES, json={"name": "x", "locations": []}, headers={**demo, **JSON})
    assert response.status_code == 403
    assert response.json()["message"] == glance_message("Attribute 'locations' is reserved.")


@pytest.mark.parametrize("field", ["min_ram", "min_disk"])
def test_a_negative_minimum_at_create_is_400(api, demo, field):
    response = api.post(IMAGES, json={field: -1}, headers={**demo, **JSON})
    assert response.status_code == 400
    assert response.json()["message"] == glance_message(
        f"Invalid value '-1' for parameter '{field}': Cannot be a negative value"
    )


def test_a_tag_put_alone_is_checked_against_the_schema(api, demo):
    image = create(api, demo, name="tagged")
    response = api.put(f"{IMAGES}/{image['id']}/tags/{'a' * 256}", headers={**demo, **JSON})
    assert response.status_code == 400
    assert "Provided object does not match schema 'image'" in response.json()["message"]
    assert api.get(f"{IMAGES}/{image['id']}", headers=demo).json()["tags"] == []
