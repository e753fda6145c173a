"""The service-info APIs: os-services (list, disable, enable), availability
zones, scheduler pools, capabilities, extensions, resource filters and user
messages."""

from __future__ import annotations

import time

V3 = "/volume/v3"
HOST = "pocketstack"
VOLUME_HOST = "pocketstack@file-1"


def _services(api, headers, query: str = "") -> list[dict]:
    response = api.get(f"{V3}/os-services{query}", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["services"]


def test_services_list_and_filters(api, admin):
    services = _services(api, admin)
    assert {(s["binary"], s["host"]) for s in services} == {
        ("cinder-scheduler", HOST),
        ("cinder-volume", VOLUME_HOST),
        ("cinder-backup", HOST),
    }
    for service in services:
        assert service["zone"] == "nova"
        assert service["status"] == "enabled" and service["state"] == "up"
    assert [s["binary"] for s in _services(api, admin, "?binary=cinder-volume")] == [
        "cinder-volume"
    ]
    assert len(_services(api, admin, f"?host={HOST}")) == 2


def test_backend_state_and_cluster_follow_microversions(api, admin):
    old_headers = {**admin, "OpenStack-API-Version": "volume 3.0"}
    old = _services(api, old_headers, "?binary=cinder-volume")
    new = api.get(
        f"{V3}/os-services?binary=cinder-volume",
        headers={**admin, "OpenStack-API-Version": "volume 3.49"},
    ).json()["services"]
    assert new[0]["backend_state"] == "up" and new[0]["cluster"] is None
    assert "backend_state" not in old[0] and "cluster" not in old[0]


def test_services_are_for_admins(api, demo):
    assert api.get(f"{V3}/os-services", headers=demo).status_code == 403


def test_disabled_volume_service_takes_no_volumes(api, admin, demo):
    body = {"binary": "cinder-volume", "host": VOLUME_HOST, "disabled_reason": "maintenance"}
    disabled = api.put(f"{V3}/os-services/disable-log-reason", json=body, headers=admin)
    assert disabled.status_code == 200, disabled.text
    assert disabled.json()["status"] == "disabled"
    try:
        service = _services(api, admin, "?binary=cinder-volume")[0]
        assert service["status"] == "disabled"
        assert service["disabled_reason"] == "maintenance"
        zones = api.get(f"{V3}/os-availability-zone", headers=demo).json()
        assert zones == {
            "availabilityZoneInfo": [{"zoneName": "nova", "zoneState": {"available": False}}]
        }
        created = api.post(f"{V3}/volumes", json={"volume": {"size": 1}}, headers=demo).json()
        volume = _settled(api, demo, created["volume"]["id"])
        assert volume["status"] == "error"
    finally:
        body = {"binary": "cinder-volume", "host": VOLUME_HOST}
        enabled = api.put(f"{V3}/os-services/enable", json=body, headers=admin)
        assert enabled.json() == {
            "host": VOLUME_HOST,
            "service": "",
            "binary": "cinder-volume",
            "status": "enabled",
            "disabled": False,
        }
    api.delete(f"{V3}/volumes/{volume['id']}", headers=demo)
    messages = api.get(
        f"{V3}/messages", headers={**demo, "OpenStack-API-Version": "volume 3.5"}
    ).json()["messages"]
    assert any(m["resource_uuid"] == volume["id"] for m in messages)


def _settled(api, headers, volume_id: str) -> dict:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        volume = api.get(f"{V3}/volumes/{volume_id}", headers=headers).json()["volume"]
        if volume["status"] != "creating":
            return volume
        time.sleep(0.05)
    raise AssertionError("volume stayed creating")


def test_unknown_service_is_404(api, admin):
    body = {"binary": "cinder-volume", "host": "elsewhere@x"}
    missing = api.put(f"{V3}/os-services/disable", json=body, headers=admin)
    assert missing.status_code == 404
    assert missing.json()["itemNotFound"]["message"] == (
        "Service cinder-volume could not be found on host elsewhere@x."
    )


def test_pools_and_capabilities(api, admin):
    pools = api.get(f"{V3}/scheduler-stats/get_pools", headers=admin).json()
    assert pools == {"pools": [{"name": "pocketstack@file-1#file-1"}]}
    detail = api.get(f"{V3}/scheduler-stats/get_pools?detail=true", headers=admin).json()
    capabilities = detail["pools"][0]["capabilities"]
    assert capabilities["volume_backend_name"] == "file-1"
    assert capabilities["total_capacity_gb"] == 1000
    shown = api.get(f"{V3}/capabilities/{VOLUME_HOST}", headers=admin).json()
    assert shown["namespace"] == f"OS::Storage::Capabilities::{VOLUME_HOST}"
    assert shown["volume_backend_name"] == "file-1"
    assert api.get(f"{V3}/capabilities/nowhere", headers=admin).status_code == 404


def test_extensions_and_resource_filters(api, demo):
    extensions = api.get(f"{V3}/extensions", headers=demo).json()["extensions"]
    aliases = {e["alias"] for e in extensions}
    assert {"os-types-manage", "os-quota-sets", "os-used-limits", "qos-specs"} <= aliases
    filters = api.get(
        f"{V3}/resource_filters?resource=volume",
        headers={**demo, "OpenStack-API-Version": "volume 3.33"},
    ).json()["resource_filters"]
    assert filters[0]["resource"] == "volume" and "name" in filters[0]["filters"]
    old = api.get(f"{V3}/resource_filters", headers=demo)
    assert old.status_code == 404


def test_messages_belong_to_their_project(api, admin, demo, tokens):
    """A volume whose type names no backend fails scheduling, and its owner
    (only) gets the message."""
    nowhere = {"name": "nowhere", "extra_specs": {"volume_backend_name": "nowhere"}}
    api.post(f"{V3}/types", json={"volume_type": nowhere}, headers=admin)
    body = {"volume": {"size": 1, "volume_type": "nowhere"}}
    created = api.post(f"{V3}/volumes", json=body, headers=demo).json()
    volume = _settled(api, demo, created["volume"]["id"])
    assert volume["status"] == "error"
    latest = {"OpenStack-API-Version": "volume 3.5"}
    listed = api.get(
        f"{V3}/messages?resource_uuid={volume['id']}", headers={**demo, **latest}
    ).json()["messages"]
    assert len(listed) == 1
    message = listed[0]
    assert message["event_id"] == "VOLUME_VOLUME_001_003"
    assert message["user_message"] == (
        "schedule allocate volume:Could not find any available weighted backend."
    )
    url = f"{V3}/messages/{message['id']}"
    alt = tokens.headers("alt_demo")
    assert api.get(url, headers={**alt, **latest}).status_code == 404
    assert api.get(url, headers={**demo, "OpenStack-API-Version": "volume 3.0"}).status_code == 404
    assert api.get(url, headers={**demo, **latest}).json()["message"]["id"] == message["id"]
    bad = api.get(
        f"{V3}/messages?bogus=1", headers={**demo, "OpenStack-API-Version": "volume 3.33"}
    )
    assert bad.status_code == 400
    assert api.delete(url, headers={**demo, **latest}).status_code == 204
    assert api.get(url, headers={**demo, **latest}).status_code == 404
    api.delete(f"{V3}/volumes/{volume['id']}", headers=demo)
