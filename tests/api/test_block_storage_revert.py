"""revert (3.40) through HTTP: the latest snapshot's bytes come back into
the volume, with Cinder's statuses while it runs and its refusals."""

from __future__ import annotations

import threading

import openstack

from pocketstack.block_storage.drivers.file import FileDriver
from tests.api.block_storage import (
    V3,
    action,
    create_snapshot,
    create_volume,
    fault,
    read,
    set_status,
    unlimited_cloud,  # noqa: F401 - the cloud fixture
    volume_file,
    wait,
    wait_status,
    write,
)


def revert(api, headers, volume_id: str, snapshot_id: str | None, version: str = "3.40"):
    return action(api, headers, volume_id, {"revert": {"snapshot_id": snapshot_id}}, version)


def test_revert_puts_the_snapshots_bytes_back(api, cloud, demo, monkeypatch):
    volume = create_volume(api, demo)
    path = volume_file(cloud, volume["id"])
    write(path, 4096, b"before")
    snapshot = create_snapshot(api, demo, volume["id"])
    write(path, 4096, b"after!")
    started, release = threading.Event(), threading.Event()
    copy_back = FileDriver.revert_to_snapshot

    def held(driver, *args):
        started.set()
        release.wait(10)
        copy_back(driver, *args)

    monkeypatch.setattr(FileDriver, "revert_to_snapshot", held)
    assert revert(api, demo, volume["id"], snapshot["id"]).status_code == 202
    assert started.wait(10)
    assert api.get(f"{V3}/volumes/{volume['id']}", headers=demo).json()["volume"]["status"] == (
        "reverting"
    )
    shown = api.get(f"{V3}/snapshots/{snapshot['id']}", headers=demo).json()["snapshot"]
    assert shown["status"] == "restoring"
    release.set()
    wait_status(api, demo, volume["id"], "available")
    wait(api, demo, f"{V3}/snapshots/{snapshot['id']}", "snapshot", "available")
    assert read(path, 4096, 6) == b"before"


def test_revert_needs_3_40(api, demo):
    volume = create_volume(api, demo)
    response = revert(api, demo, volume["id"], None, version="3.39")
    assert response.status_code == 404
    assert fault(response) == "The resource could not be found."


def test_revert_refuses_what_cinder_refuses(api, cloud, demo, admin):
    volume = create_volume(api, demo)
    vid = volume["id"]
    none_yet = revert(api, demo, vid, None)
    assert (none_yet.status_code, fault(none_yet)) == (
        400,
        f"Volume {vid} doesn't have any snapshots.",
    )
    older = create_snapshot(api, demo, vid)
    latest = create_snapshot(api, demo, vid)
    not_latest = revert(api, demo, vid, older["id"])
    assert (not_latest.status_code, fault(not_latest)) == (
        400,
        f"Specified snapshot {older['id']} is None or not the latest one of volume {vid}.",
    )
    cannot = f"Can't revert volume {vid} to its latest snapshot {latest['id']}."
    set_status(cloud, vid, "error")
    wrong_volume = revert(api, demo, vid, latest["id"])
    assert (wrong_volume.status_code, fault(wrong_volume)) == (
        409,
        f"Invalid volume: {cannot} Volume's status must be 'available'.",
    )
    set_status(cloud, vid, "available")
    api.post(
        f"{V3}/snapshots/{latest['id']}/action",
        json={"os-reset_status": {"status": "error"}},
        headers=admin,
    )
    wrong_snapshot = revert(api, demo, vid, latest["id"])
    assert (wrong_snapshot.status_code, fault(wrong_snapshot)) == (
        409,
        f"Invalid snapshot: {cannot} Snapshot's status must be 'available'.",
    )
    assert wait_status(api, demo, vid, "available")["status"] == "available"
    assert action(api, demo, vid, {"os-extend": {"new_size": 2}}).status_code == 202
    wait_status(api, demo, vid, "available")
    cloud.plumbing.bus.drain()
    bigger = revert(api, demo, vid, latest["id"])
    assert (bigger.status_code, fault(bigger)) == (
        400,
        f"{cannot} The volume size must be equal to the snapshot size.",
    )


def test_openstacksdk_reverts_a_volume(api, cloud, demo):
    volume = create_volume(api, demo)
    path = volume_file(cloud, volume["id"])
    write(path, 0, b"kept")
    snapshot = create_snapshot(api, demo, volume["id"])
    write(path, 0, b"lost")
    conn = openstack.connection.Connection(
        auth_url=f"http://127.0.0.1:{cloud.settings.server.port}/identity/v3",
        username="demo",
        password=cloud.passwords["demo"],
        project_name="demo",
        user_domain_id="default",
        project_domain_id="default",
        block_storage_api_version="3",
    )
    conn.block_storage.revert_volume_to_snapshot(volume["id"], snapshot["id"])
    wait_status(api, demo, volume["id"], "available")
    cloud.plumbing.bus.drain()
    assert read(path, 0, 4) == b"kept"
