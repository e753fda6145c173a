"""Cinder v3 backups through HTTP: full and incremental backups of real
bytes, restores that give them back exactly, states, isolation and quota."""

from __future__ import annotations

import sqlalchemy as sa

from pocketstack.block_storage import backup_store, models
from tests.api.block_storage import (
    MV,
    V3,
    create_snapshot,
    create_volume,
    database,
    read,
    set_status,
    volume_file,
    wait,
    wait_gone,
    write,
)

MiB = 1 << 20
# Offsets in different pieces of the backup store.
PIECE = backup_store.CHUNK


def create_backup(api, headers, volume_id: str, **fields) -> dict:
    body = {"volume_id": volume_id, **fields}
    response = api.post(f"{V3}/backups", json={"backup": body}, headers={**headers, **MV})
    assert response.status_code == 202, response.text
    backup = response.json()["backup"]
    assert set(backup) == {"id", "name", "links"}
    return wait(api, headers, f"{V3}/backups/{backup['id']}", "backup", "available")


def restore(api, headers, backup_id: str, **fields) -> dict:
    response = api.post(
        f"{V3}/backups/{backup_id}/restore", json={"restore": fields}, headers=headers
    )
    assert response.status_code == 202, response.text
    return response.json()["restore"]


def test_full_and_incremental_backups_restore_byte_exact(api, demo, cloud):
    volume = create_volume(api, demo)
    path = volume_file(cloud, volume["id"])
    write(path, 0, b"A" * 3000)
    write(path, 3 * PIECE + 10, b"original")
    full = create_backup(api, demo, volume["id"], name="full", metadata={"k": "v"})
    assert full["is_incremental"] is False and full["metadata"] == {"k": "v"}
    assert full["object_count"] == 2
    assert api.get(f"{V3}/volumes/{volume['id']}", headers=demo).json()["volume"]["status"] == (
        "available"
    )
    write(path, 3 * PIECE + 10, b"CHANGED!")
    write(path, 900 * MiB, b"new data")
    incremental = create_backup(api, demo, volume["id"], incremental=True)
    assert incremental["is_incremental"] is True
    assert incremental["object_count"] == 2  # only what changed
    shown = api.get(f"{V3}/backups/{full['id']}", headers=demo).json()["backup"]
    assert shown["has_dependent_backups"] is True
    # Restore the full backup onto the volume itself: the old bytes return.
    result = restore(api, demo, full["id"], volume_id=volume["id"])
    assert result == {"backup_id": full["id"], "volume_id": volume["id"], "volume_name": None}
    wait(api, demo, f"{V3}/volumes/{volume['id']}", "volume", "available")
    wait(api, demo, f"{V3}/backups/{full['id']}", "backup", "available")
    assert read(path, 3 * PIECE + 10, 8) == b"original"
    assert read(path, 900 * MiB, 8) == bytes(8)
    # The incremental one, to a new volume: the chain is replayed.
    result = restore(api, demo, incremental["id"], name="restored")
    assert result["volume_name"] == "restored"
    restored = wait(api, demo, f"{V3}/volumes/{result['volume_id']}", "volume", "available")
    copy = volume_file(cloud, restored["id"])
    assert read(copy, 0, 3000) == b"A" * 3000
    assert read(copy, 3 * PIECE + 10, 8) == b"CHANGED!"
    assert read(copy, 900 * MiB, 8) == b"new data"
    assert copy.stat().st_size == path.stat().st_size
    # A backup others are built on cannot go first.
    refused = api.delete(f"{V3}/backups/{full['id']}", headers=demo)
    assert refused.status_code == 400
    assert refused.json()["badRequest"]["message"] == (
        "Invalid backup: Incremental backups exist for this backup."
    )
    assert api.delete(f"{V3}/backups/{incremental['id']}", headers=demo).status_code == 202
    wait_gone(api, demo, f"{V3}/backups/{incremental['id']}")
    assert api.delete(f"{V3}/backups/{full['id']}", headers=demo).status_code == 202
    wait_gone(api, demo, f"{V3}/backups/{full['id']}")
    assert not (cloud.settings.data_dir / "backups" / full["id"]).exists()


def test_volume_from_backup_and_from_snapshot_backup(api, demo, cloud):
    volume = create_volume(api, demo)
    write(volume_file(cloud, volume["id"]), 123, b"snapshotted")
    snapshot = create_snapshot(api, demo, volume["id"])
    write(volume_file(cloud, volume["id"]), 123, b"overwritten")
    backup = create_backup(api, demo, volume["id"], snapshot_id=snapshot["id"])
    assert backup["snapshot_id"] == snapshot["id"]
    made = create_volume(api, demo, backup_id=backup["id"])
    assert read(volume_file(cloud, made["id"]), 123, 11) == b"snapshotted"
    wait(api, demo, f"{V3}/backups/{backup['id']}", "backup", "available")
    same_size = api.post(
        f"{V3}/volumes",
        json={"volume": {"backup_id": backup["id"], "size": 1}},
        headers={**demo, **MV},
    )
    assert same_size.status_code == 202


def test_wrong_states_are_cinder_400(api, demo, admin, cloud):
    volume = create_volume(api, demo)
    none_yet = api.post(
        f"{V3}/backups",
        json={"backup": {"volume_id": volume["id"], "incremental": True}},
        headers=demo,
    )
    assert none_yet.status_code == 400
    assert none_yet.json()["badRequest"]["message"] == (
        "Invalid backup: No backups available to do an incremental backup."
    )
    set_status(cloud, volume["id"], "in-use")
    in_use = api.post(f"{V3}/backups", json={"backup": {"volume_id": volume["id"]}}, headers=demo)
    assert in_use.status_code == 400
    assert in_use.json()["badRequest"]["message"] == (
        "Invalid volume: Backing up an in-use volume must use the force flag."
    )
    backup = create_backup(api, demo, volume["id"], force=True)
    after = api.get(f"{V3}/volumes/{volume['id']}", headers=demo).json()["volume"]
    assert after["status"] == "in-use"  # back to where it was
    busy = api.post(
        f"{V3}/backups/{backup['id']}/restore",
        json={"restore": {"volume_id": volume["id"]}},
        headers=demo,
    )
    assert busy.status_code == 400
    assert busy.json()["badRequest"]["message"] == (
        "Invalid volume: Volume to be restored to must be available"
    )
    assert api.get(f"{V3}/backups/{backup['id']}", headers=demo).json()["backup"]["status"] == (
        "available"
    )
    set_status(cloud, volume["id"], "available")
    action = f"{V3}/backups/{backup['id']}/action"
    reset = {"os-reset_status": {"status": "error"}}
    assert api.post(action, json=reset, headers=demo).status_code == 403
    assert api.post(action, json=reset, headers=admin).status_code == 202
    not_available = api.post(
        f"{V3}/backups/{backup['id']}/restore", json={"restore": {"name": "x"}}, headers=demo
    )
    assert not_available.status_code == 400
    assert not_available.json()["badRequest"]["message"] == (
        "Invalid backup: Backup status must be available"
    )
    assert api.post(action, json={"os-force_delete": None}, headers=admin).status_code == 202
    wait_gone(api, demo, f"{V3}/backups/{backup['id']}")


def test_export_and_import_record(api, demo, admin):
    volume = create_volume(api, demo)
    backup = create_backup(api, demo, volume["id"], name="exported")
    path = f"{V3}/backups/{backup['id']}/export_record"
    assert api.get(path, headers=demo).status_code == 403
    record = api.get(path, headers=admin).json()["backup-record"]
    again = api.post(f"{V3}/backups/import_record", json={"backup-record": record}, headers=admin)
    assert again.status_code == 400
    assert again.json()["badRequest"]["message"] == (
        "Invalid backup: Backup already exists in database."
    )


def test_update_list_isolation_and_quota(api, demo, tokens, cloud):
    alt = tokens.headers("alt_demo")
    volume = create_volume(api, demo)
    backup = create_backup(api, demo, volume["id"], name="mine")
    path = f"{V3}/backups/{backup['id']}"
    assert api.get(path, headers=alt).status_code == 404
    assert api.delete(path, headers=alt).status_code == 404
    other = api.post(f"{V3}/backups", json={"backup": {"volume_id": volume["id"]}}, headers=alt)
    assert other.status_code == 404
    old = api.put(path, json={"backup": {"name": "x"}}, headers=demo)
    assert old.status_code == 404
    renamed = api.put(
        path,
        json={"backup": {"name": "renamed", "metadata": {"a": "b"}}},
        headers={**demo, **MV},
    )
    assert renamed.status_code == 200 and renamed.json()["backup"]["name"] == "renamed"
    listed = api.get(f"{V3}/backups/detail?name=renamed", headers={**demo, **MV}).json()
    assert [b["metadata"] for b in listed["backups"]] == [{"a": "b"}]
    with database(cloud).transaction() as db:
        owner = db.scalar(
            sa.select(models.Backup.project_id).where(models.Backup.id == backup["id"])
        )
        count = db.scalar(
            sa.select(sa.func.count())
            .select_from(models.Backup)
            .where(models.Backup.project_id == owner)
        )
        db.execute(
            sa.insert(models.Quota).values(project_id=owner, resource="backups", hard_limit=count)
        )
    try:
        over = api.post(f"{V3}/backups", json={"backup": {"volume_id": volume["id"]}}, headers=demo)
        assert over.status_code == 413
        assert over.json()["overLimit"]["message"] == (
            f"Maximum number of backups allowed ({count}) exceeded"
        )
        status = api.get(f"{V3}/volumes/{volume['id']}", headers=demo).json()["volume"]["status"]
        assert status == "available"
    finally:
        with database(cloud).transaction() as db:
            db.execute(sa.delete(models.Quota).where(models.Quota.project_id == owner))


def test_start_settles_what_a_crash_left(api, demo, cloud):
    """Recovery (the managers' init_host): a backup caught creating is an
    error and its volume goes back to its previous status; one caught
    deleting is finished; one caught restoring is available again and its
    volume error_restoring; a snapshot caught creating is an error."""
    volume = create_volume(api, demo)
    snapshot = create_snapshot(api, demo, volume["id"])
    creating = create_backup(api, demo, volume["id"])
    deleting = create_backup(api, demo, volume["id"])
    restoring = create_backup(api, demo, volume["id"])
    target = create_volume(api, demo)
    with database(cloud).transaction() as db:
        db.execute(
            sa.update(models.Volume)
            .where(models.Volume.id == target["id"])
            .values(status="restoring-backup")
        )
        db.execute(
            sa.update(models.Volume)
            .where(models.Volume.id == volume["id"])
            .values(status="backing-up", previous_status="in-use")
        )
        for backup_id, status in (
            (creating["id"], "creating"),
            (deleting["id"], "deleting"),
            (restoring["id"], "restoring"),
        ):
            db.execute(
                sa.update(models.Backup).where(models.Backup.id == backup_id).values(status=status)
            )
        db.execute(
            sa.update(models.Snapshot)
            .where(models.Snapshot.id == snapshot["id"])
            .values(status="creating")
        )
    cloud.plumbing.bus.call("block_storage.backup", "init_host")
    cloud.plumbing.bus.call("block_storage.volume.file-1", "init_host")
    shown = api.get(f"{V3}/backups/{creating['id']}", headers=demo).json()["backup"]
    assert shown["status"] == "error"
    assert api.get(f"{V3}/backups/{deleting['id']}", headers=demo).status_code == 404
    assert not (cloud.settings.data_dir / "backups" / deleting["id"]).exists()
    after = api.get(f"{V3}/volumes/{volume['id']}", headers=demo).json()["volume"]
    assert after["status"] == "in-use"
    snap = api.get(f"{V3}/snapshots/{snapshot['id']}", headers=demo).json()["snapshot"]
    assert snap["status"] == "error"
    # A restore caught midway: the volume's bytes are unknown, the backup intact.
    shown = api.get(f"{V3}/backups/{restoring['id']}", headers=demo).json()["backup"]
    assert shown["status"] == "available"
    after = api.get(f"{V3}/volumes/{target['id']}", headers=demo).json()["volume"]
    assert after["status"] == "error_restoring"
