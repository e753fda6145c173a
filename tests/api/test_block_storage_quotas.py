"""Quotas (os-quota-sets, os-quota-class-sets) and /v3/limits: limits,
usage counted from the volumes that exist, Cinder's validation, and its 413
when a create would go over."""

from __future__ import annotations

import time

import pytest

V3 = "/volume/v3"


def _project_id(api, headers) -> str:
    token = headers["X-Auth-Token"]
    shown = api.get("/identity/v3/auth/tokens", headers={**headers, "X-Subject-Token": token})
    return shown.json()["token"]["project"]["id"]


@pytest.fixture
def alt(tokens):
    return tokens.headers("alt_demo")


@pytest.fixture
def alt_project(api, admin, alt):
    """alt_demo's project, its own quotas reset after each test."""
    project = _project_id(api, alt)
    yield project
    api.delete(f"{V3}/os-quota-sets/{project}", headers=admin)


def _create_volume(api, headers, size: int = 1) -> dict:
    response = api.post(f"{V3}/volumes", json={"volume": {"size": size}}, headers=headers)
    assert response.status_code == 202, response.text
    volume = response.json()["volume"]
    deadline = time.monotonic() + 20
    while volume["status"] == "creating" and time.monotonic() < deadline:
        time.sleep(0.05)
        volume = api.get(f"{V3}/volumes/{volume['id']}", headers=headers).json()["volume"]
    assert volume["status"] == "available"
    return volume


def _delete_volume(api, headers, volume_id: str) -> None:
    assert api.delete(f"{V3}/volumes/{volume_id}", headers=headers).status_code == 202
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if api.get(f"{V3}/volumes/{volume_id}", headers=headers).status_code == 404:
            return
        time.sleep(0.05)
    raise AssertionError(f"volume {volume_id} was not deleted")


def test_show_defaults_and_per_type_keys(api, admin, alt, alt_project):
    shown = api.get(f"{V3}/os-quota-sets/{alt_project}", headers=alt).json()["quota_set"]
    assert shown["id"] == alt_project
    assert shown["volumes"] == 10 and shown["gigabytes"] == 1000
    assert shown["volumes___DEFAULT__"] == -1
    assert shown["per_volume_gigabytes"] == -1
    defaults = api.get(f"{V3}/os-quota-sets/{alt_project}/defaults", headers=alt).json()
    assert defaults["quota_set"]["volumes"] == 10


def test_update_and_reset(api, admin, alt_project):
    url = f"{V3}/os-quota-sets/{alt_project}"
    updated = api.put(url, json={"quota_set": {"volumes": 123, "id": "x"}}, headers=admin)
    assert updated.status_code == 200
    assert updated.json()["quota_set"]["volumes"] == 123
    assert api.get(url, headers=admin).json()["quota_set"]["volumes"] == 123
    assert api.delete(url, headers=admin).status_code == 200
    assert api.get(url, headers=admin).json()["quota_set"]["volumes"] == 10


def test_members_may_not_update(api, alt, alt_project):
    refused = api.put(
        f"{V3}/os-quota-sets/{alt_project}", json={"quota_set": {"volumes": 1}}, headers=alt
    )
    assert refused.status_code == 403


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"bogus": 1}, "Invalid input received: Bad key(s) in quota set: bogus"),
        ({"volumes": -2}, "volumes must be >= -1"),
        ({"volumes": "many"}, "volumes must be an integer"),
    ],
)
def test_update_validation(api, admin, alt_project, values, message):
    refused = api.put(
        f"{V3}/os-quota-sets/{alt_project}", json={"quota_set": values}, headers=admin
    )
    assert refused.status_code == 400
    assert refused.json()["badRequest"]["message"] == message


def test_usage_limits_and_413(api, admin, alt, alt_project):
    first = _create_volume(api, alt, size=2)
    second = _create_volume(api, alt, size=3)
    try:
        url = f"{V3}/os-quota-sets/{alt_project}"
        usage = api.get(f"{url}?usage=true", headers=alt).json()["quota_set"]
        assert usage["volumes"] == {"limit": 10, "in_use": 2, "reserved": 0, "allocated": 0}
        assert usage["gigabytes"]["in_use"] == 5
        assert usage["volumes___DEFAULT__"]["in_use"] == 2

        below = api.put(url, json={"quota_set": {"volumes": 1}}, headers=admin)
        assert below.status_code == 400
        assert below.json()["badRequest"]["message"] == (
            "Quota volumes limit must be equal or greater than existing resources. "
            "Current usage is 2 and the requested limit is 1."
        )

        limits = api.get(f"{V3}/limits", headers=alt).json()["limits"]
        assert limits["rate"] == []
        assert limits["absolute"]["totalVolumesUsed"] == 2
        assert limits["absolute"]["totalGigabytesUsed"] == 5
        assert limits["absolute"]["maxTotalVolumes"] == 10

        api.put(url, json={"quota_set": {"volumes": 2, "gigabytes": 6}}, headers=admin)
        over = api.post(f"{V3}/volumes", json={"volume": {"size": 1}}, headers=alt)
        assert over.status_code == 413
        assert over.json()["overLimit"]["message"] == (
            "Maximum number of volumes allowed (2) exceeded for quota 'volumes'."
        )
        api.put(url, json={"quota_set": {"volumes": 5}}, headers=admin)
        too_big = api.post(f"{V3}/volumes", json={"volume": {"size": 2}}, headers=alt)
        assert too_big.status_code == 413
        assert too_big.json()["overLimit"]["message"] == (
            "Requested volume or snapshot exceeds allowed gigabytes quota. Requested 2G, "
            "quota is 6G and 5G has been consumed."
        )
    finally:
        _delete_volume(api, alt, first["id"])
        _delete_volume(api, alt, second["id"])


def test_admin_reads_another_projects_limits_from_3_39(api, admin, alt, alt_project):
    api.put(f"{V3}/os-quota-sets/{alt_project}", json={"quota_set": {"volumes": 7}}, headers=admin)
    url = f"{V3}/limits?project_id={alt_project}"
    new = api.get(url, headers={**admin, "OpenStack-API-Version": "volume 3.39"}).json()
    assert new["limits"]["absolute"]["maxTotalVolumes"] == 7
    old = api.get(url, headers={**admin, "OpenStack-API-Version": "volume 3.38"}).json()
    assert old["limits"]["absolute"]["maxTotalVolumes"] == 10
    ignored = api.get(url, headers={**alt, "OpenStack-API-Version": "volume 3.39"}).json()
    assert ignored["limits"]["absolute"]["maxTotalVolumes"] == 7  # its own project anyway


def test_quota_class_default_changes_the_defaults(api, admin, alt_project):
    url = f"{V3}/os-quota-class-sets/default"
    try:
        changed = api.put(url, json={"quota_class_set": {"snapshots": 42}}, headers=admin)
        assert changed.json()["quota_class_set"]["snapshots"] == 42
        shown = api.get(f"{V3}/os-quota-sets/{alt_project}", headers=admin).json()
        assert shown["quota_set"]["snapshots"] == 42
    finally:
        api.put(url, json={"quota_class_set": {"snapshots": 10}}, headers=admin)
