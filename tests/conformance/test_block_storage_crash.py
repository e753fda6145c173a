"""Restart is recovery: kill -9 the server at random points while volumes
are being created, cloned, snapshotted, backed up and deleted, restart it,
and every volume, snapshot and backup has settled (available or error, or
gone), and no byte of an available volume is lost. Repeated, with a
different moment each round."""

from __future__ import annotations

import hashlib
import random
import re
import time

import openstack
import pytest

from pocketstack.conformance import Server

pytestmark = pytest.mark.conformance

ROUNDS = 6
SETTLED = {"available", "error", "in-use"}
PAYLOAD_OFFSET = 4096


def _volume_file(cloud, volume_id: str):
    return cloud.data_dir / "volumes" / "file-1" / volume_id


def _digest(cloud, volume_id: str) -> str:
    with _volume_file(cloud, volume_id).open("rb") as f:
        return hashlib.sha256(f.read(1 << 20)).hexdigest()


def _connect(cloud) -> openstack.connection.Connection:
    return openstack.connect(cloud="devstack", block_storage_api_version="3")


def _start_work(conn, keeper_id: str, image_id: str) -> None:
    """Deletes, then snapshots, backups and creates, that will be in flight
    when the process dies (within the default quotas)."""
    for volume in conn.block_storage.volumes():
        if volume.id != keeper_id and volume.status in ("available", "error"):
            conn.block_storage.delete_volume(volume)
    for snapshot in conn.block_storage.snapshots():
        if snapshot.status in ("available", "error"):
            conn.block_storage.delete_snapshot(snapshot)
    for backup in conn.block_storage.backups():
        if backup.status in ("available", "error"):
            conn.block_storage.delete_backup(backup)
    conn.block_storage.create_snapshot(volume_id=keeper_id, force=True)
    conn.block_storage.create_backup(volume_id=keeper_id, force=True)
    conn.block_storage.create_volume(size=1)
    conn.block_storage.create_volume(size=2)
    conn.block_storage.create_volume(size=1, image_id=image_id)
    conn.block_storage.create_volume(source_volume_id=keeper_id, size=1)


@pytest.fixture
def live_cloud(tmp_path):
    """A server that logs what its recovery does, so the test can see it ran."""
    server = Server(tmp_path, ["--log-level", "info"])
    server.start()
    yield server
    server.stop()


def test_kill_at_random_points_then_restart_settles_every_volume(live_cloud, monkeypatch):
    monkeypatch.setenv("OS_CLIENT_CONFIG_FILE", str(live_cloud.clouds_yaml))
    rng = random.Random(20261125)
    conn = _connect(live_cloud)
    image_id = conn.image.find_image("pocketstack-hello-x86").id
    keeper = conn.block_storage.create_volume(size=1, name="keeper")
    conn.block_storage.wait_for_status(keeper, "available", failures=["error"], interval=0.05)
    with _volume_file(live_cloud, keeper.id).open("r+b") as f:
        f.seek(PAYLOAD_OFFSET)
        f.write(b"data that must survive" * 100)
    before = _digest(live_cloud, keeper.id)
    for _ in range(ROUNDS):
        _start_work(conn, keeper.id, image_id)
        time.sleep(rng.uniform(0.0, 0.03))
        live_cloud.restart(kill=True)
        conn = _connect(live_cloud)
        volumes = list(conn.block_storage.volumes(details=True))
        unsettled = {v.id: v.status for v in volumes if v.status not in SETTLED}
        assert unsettled == {}
        for resources in (conn.block_storage.snapshots(), conn.block_storage.backups()):
            assert {r.id: r.status for r in resources if r.status not in SETTLED} == {}
        for volume in volumes:
            if volume.status == "available":
                path = _volume_file(live_cloud, volume.id)
                assert path.stat().st_size == volume.size << 30, volume.id
        assert _digest(live_cloud, keeper.id) == before
        assert not list((live_cloud.data_dir / "volumes").rglob("*.partial"))
    # The kills did catch work under way, so recovery was exercised.
    log = live_cloud.log_path.read_text()
    assert re.search(r"settled [1-9]\d* interrupted|never scheduled", log)
