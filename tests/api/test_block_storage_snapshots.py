"""Cinder v3 snapshots through HTTP: real copies of a volume's bytes, volumes
made from them, states, isolation, quota, metadata and admin actions."""

from __future__ import annotations

import sqlalchemy as sa

from pocketstack.block_storage import models
from tests.api.block_storage import (
    GIB,
    MV,
    V3,
    create_snapshot,
    create_volume,
    database,
    read,
    set_status,
    volume_file,
    wait_gone,
    write,
)


def test_snapshot_copies_bytes_and_a_volume_from_it_has_them(api, demo, cloud):
    volume = create_volume(api, demo, name="source")
    path = volume_file(cloud, volume["id"])
    write(path, 0, b"first block")
    write(path, 700 << 20, b"far away")
    snapshot = create_snapshot(api, demo, volume["id"], name="snap", metadata={"k": "v"})
    assert snapshot["size"] == 1 and snapshot["volume_id"] == volume["id"]
    assert snapshot["metadata"] == {"k": "v"} and snapshot["consumes_quota"] is True
    assert snapshot["os-extended-snapshot-attributes:progress"] == "100%"
    # Later writes to the volume do not change the snapshot.
    write(path, 0, b"SECOND BLOCK")
    copy = create_volume(api, demo, snapshot_id=snapshot["id"], size=2)
    assert copy["snapshot_id"] == snapshot["id"] and copy["size"] == 2
    copied = volume_file(cloud, copy["id"])
    assert read(copied, 0, 11) == b"first block"
    assert read(copied, 700 << 20, 8) == b"far away"
    assert copied.stat().st_size == 2 * GIB
    too_small = api.post(
        f"{V3}/volumes",
        json={"volume": {"snapshot_id": snapshot["id"], "size": 1, "name": "x"}},
        headers=demo,
    )
    assert too_small.status_code == 202  # same size is allowed


def test_snapshot_states_and_cinder_messages(api, demo, admin, cloud):
    volume = create_volume(api, demo)
    snapshot = create_snapshot(api, demo, volume["id"])
    # A volume with snapshots cannot be deleted (without cascade).
    refused = api.delete(f"{V3}/volumes/{volume['id']}", headers=demo)
    assert refused.status_code == 400
    assert "have snapshots" in refused.json()["badRequest"]["message"]
    # An in-use volume needs force before 3.66; from 3.66 force=false is refused.
    set_status(cloud, volume["id"], "in-use")
    body = {"snapshot": {"volume_id": volume["id"]}}
    old = api.post(f"{V3}/snapshots", json=body, headers={**demo, **MV})
    assert old.status_code == 400
    assert old.json()["badRequest"]["message"] == (
        f"Invalid volume: Volume {volume['id']} status must be available, "
        "but current status is: in-use."
    )
    forced = {"snapshot": {"volume_id": volume["id"], "force": False}}
    new = api.post(
        f"{V3}/snapshots", json=forced, headers={**demo, "OpenStack-API-Version": "volume 3.66"}
    )
    assert new.status_code == 400 and "the 'force' flag is invalid" in new.text
    set_status(cloud, volume["id"], "available")
    # Deleting a snapshot that is not available or error.
    reset = {"os-reset_status": {"status": "creating"}}
    action = f"{V3}/snapshots/{snapshot['id']}/action"
    assert api.post(action, json=reset, headers=demo).status_code == 403
    assert api.post(action, json=reset, headers=admin).status_code == 202
    refused = api.delete(f"{V3}/snapshots/{snapshot['id']}", headers=demo)
    assert refused.status_code == 400
    assert refused.json()["badRequest"]["message"] == (
        "Invalid snapshot: Snapshot status must be available or error and must not be part "
        "of a group."
    )
    bad = api.post(action, json={"os-reset_status": {"status": "bogus"}}, headers=admin)
    assert bad.status_code == 400
    assert api.post(action, json={"os-force_delete": {}}, headers=admin).status_code == 202
    wait_gone(api, demo, f"{V3}/snapshots/{snapshot['id']}")
    assert not (volume_file(cloud, volume["id"]).parent / "snapshots" / snapshot["id"]).exists()
    assert api.delete(f"{V3}/volumes/{volume['id']}", headers=demo).status_code == 202


def test_cascade_delete_takes_the_snapshots(api, demo, cloud):
    volume = create_volume(api, demo)
    snapshot = create_snapshot(api, demo, volume["id"])
    stored = volume_file(cloud, volume["id"]).parent / "snapshots" / snapshot["id"]
    assert stored.exists()
    response = api.delete(f"{V3}/volumes/{volume['id']}?cascade=true", headers=demo)
    assert response.status_code == 202
    wait_gone(api, demo, f"{V3}/volumes/{volume['id']}")
    assert api.get(f"{V3}/snapshots/{snapshot['id']}", headers=demo).status_code == 404
    assert not stored.exists()


def test_another_project_gets_404(api, demo, tokens):
    alt = tokens.headers("alt_demo")
    volume = create_volume(api, demo)
    snapshot = create_snapshot(api, demo, volume["id"])
    path = f"{V3}/snapshots/{snapshot['id']}"
    assert api.get(path, headers=alt).status_code == 404
    assert api.delete(path, headers=alt).status_code == 404
    assert api.get(f"{path}/metadata", headers=alt).status_code == 404
    other = api.post(f"{V3}/snapshots", json={"snapshot": {"volume_id": volume["id"]}}, headers=alt)
    assert other.status_code == 404
    listed = api.get(f"{V3}/snapshots", headers=alt).json()["snapshots"]
    assert snapshot["id"] not in [s["id"] for s in listed]
    from_other = api.post(
        f"{V3}/volumes", json={"volume": {"snapshot_id": snapshot["id"]}}, headers=alt
    )
    assert from_other.status_code == 404


def test_list_update_and_metadata(api, demo):
    volume = create_volume(api, demo)
    snapshot = create_snapshot(api, demo, volume["id"], name="listed")
    path = f"{V3}/snapshots/{snapshot['id']}"
    listed = api.get(f"{V3}/snapshots?name=listed", headers=demo).json()["snapshots"]
    assert [s["id"] for s in listed] == [snapshot["id"]]
    assert "user_id" not in listed[0]
    detail = api.get(f"{V3}/snapshots/detail?with_count=true", headers={**demo, **MV}).json()
    assert detail["count"] >= 1 and "user_id" in detail["snapshots"][0]
    updated = api.put(path, json={"snapshot": {"name": "renamed"}}, headers=demo)
    assert updated.status_code == 200 and updated.json()["snapshot"]["name"] == "renamed"
    assert api.put(path, json={"snapshot": {}}, headers=demo).status_code == 400
    meta = f"{path}/metadata"
    assert api.post(meta, json={"metadata": {"a": "1"}}, headers=demo).json() == {
        "metadata": {"a": "1"}
    }
    assert api.put(f"{meta}/b", json={"meta": {"b": "2"}}, headers=demo).status_code == 200
    assert api.get(meta, headers=demo).json()["metadata"] == {"a": "1", "b": "2"}
    assert api.get(f"{meta}/b", headers=demo).json() == {"meta": {"b": "2"}}
    assert api.delete(f"{meta}/a", headers=demo).status_code == 200
    missing = api.get(f"{meta}/a", headers=demo)
    assert missing.status_code == 404
    assert api.put(meta, json={"metadata": {"c": "3"}}, headers=demo).json() == {
        "metadata": {"c": "3"}
    }


def test_snapshot_quota_is_413(api, demo, cloud):
    """Quota counts snapshots: with a limit of the ones there are, one more is 413."""
    volume = create_volume(api, demo)
    with database(cloud).transaction() as db:
        owner = db.scalar(
            sa.select(models.Volume.project_id).where(models.Volume.id == volume["id"])
        )
        count = db.scalar(
            sa.select(sa.func.count())
            .select_from(models.Snapshot)
            .where(models.Snapshot.project_id == owner)
        )
        db.execute(
            sa.insert(models.Quota).values(project_id=owner, resource="snapshots", hard_limit=count)
        )
    try:
        response = api.post(
            f"{V3}/snapshots", json={"snapshot": {"volume_id": volume["id"]}}, headers=demo
        )
        assert response.status_code == 413
        assert response.json()["overLimit"]["message"] == (
            f"Maximum number of snapshots allowed ({count}) exceeded"
        )
    finally:
        with database(cloud).transaction() as db:
            db.execute(sa.delete(models.Quota).where(models.Quota.project_id == owner))
