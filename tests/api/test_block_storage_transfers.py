"""Cinder volume transfers through HTTP: offering a volume, the auth key,
isolation between projects, acceptance moving ownership, and quota."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from pocketstack.block_storage import models
from tests.api.block_storage import (
    V3,
    create_snapshot,
    create_volume,
    database,
    default_type_id,
    mv,
    wait,
    wait_gone,
)


@pytest.fixture
def demo3(demo):
    return mv(demo, "3.64")


@pytest.fixture
def alt3(tokens):
    return mv(tokens.headers("alt_demo"), "3.64")


def offer(api, headers, volume_id: str, path: str = "volume-transfers", **fields) -> dict:
    body = {"transfer": {"volume_id": volume_id, "name": "gift", **fields}}
    response = api.post(f"{V3}/{path}", json=body, headers=headers)
    assert response.status_code == 202, response.text
    return response.json()["transfer"]


def test_offer_shows_the_key_once_and_withdrawing_frees_the_volume(api, demo3, alt3):
    volume = create_volume(api, demo3)
    transfer = offer(api, demo3, volume["id"])
    assert len(transfer["auth_key"]) == 16 and transfer["no_snapshots"] is False
    assert transfer["source_project_id"] and transfer["accepted"] is False
    volume_path = f"{V3}/volumes/{volume['id']}"
    assert api.get(volume_path, headers=demo3).json()["volume"]["status"] == "awaiting-transfer"
    path = f"{V3}/volume-transfers/{transfer['id']}"
    shown = api.get(path, headers=demo3).json()["transfer"]
    assert "auth_key" not in shown and shown["volume_id"] == volume["id"]
    # The volume waits: it cannot be offered twice, nor deleted.
    again = api.post(
        f"{V3}/volume-transfers", json={"transfer": {"volume_id": volume["id"]}}, headers=demo3
    )
    assert again.status_code == 400
    assert again.json()["badRequest"]["message"] == "Invalid volume: status must be available"
    assert api.delete(volume_path, headers=demo3).status_code == 400
    # Another project sees nothing of it.
    assert api.get(path, headers=alt3).status_code == 404
    listed = api.get(f"{V3}/volume-transfers", headers=alt3).json()["transfers"]
    assert transfer["id"] not in {t["id"] for t in listed}
    assert api.delete(path, headers=alt3).status_code == 404
    mine = api.get(f"{V3}/volume-transfers/detail", headers=demo3).json()["transfers"]
    assert transfer["id"] in {t["id"] for t in mine}
    assert api.delete(path, headers=demo3).status_code == 202
    assert api.get(path, headers=demo3).status_code == 404
    assert api.get(volume_path, headers=demo3).json()["volume"]["status"] == "available"
    assert api.delete(volume_path, headers=demo3).status_code == 202


def test_wrong_key_is_refused_and_the_right_one_moves_ownership(api, demo3, alt3):
    volume = create_volume(api, demo3)
    transfer = offer(api, demo3, volume["id"])
    accept = f"{V3}/volume-transfers/{transfer['id']}/accept"
    wrong = api.post(accept, json={"accept": {"auth_key": "0" * 16}}, headers=alt3)
    assert wrong.status_code == 400
    assert wrong.json()["badRequest"]["message"] == (
        f"Invalid auth key: Attempt to transfer {transfer['id']} with invalid auth key."
    )
    accepted = api.post(accept, json={"accept": {"auth_key": transfer["auth_key"]}}, headers=alt3)
    assert accepted.status_code == 202, accepted.text
    assert accepted.json()["transfer"]["volume_id"] == volume["id"]
    volume_path = f"{V3}/volumes/{volume['id']}"
    assert api.get(volume_path, headers=demo3).status_code == 404
    moved = api.get(volume_path, headers=alt3).json()["volume"]
    assert moved["status"] == "available"
    # The transfer is closed: a second accept finds nothing.
    again = api.post(accept, json={"accept": {"auth_key": transfer["auth_key"]}}, headers=alt3)
    assert again.status_code == 404
    assert api.delete(volume_path, headers=alt3).status_code == 202
    wait_gone(api, alt3, volume_path)


def test_accepting_takes_quota_of_the_accepting_project(api, cloud, demo3, alt3):
    """With os-quota-sets elsewhere, the limit is set in the table itself."""
    volume = create_volume(api, demo3)
    transfer = offer(api, demo3, volume["id"], path="os-volume-transfer")
    database = next(c for c in cloud.components if c.prefix == "/volume").api.runtime.database
    mine = create_volume(api, alt3)
    with database.transaction() as session:
        alt_project = session.get(models.Volume, mine["id"]).project_id
        used = session.scalar(
            sa.select(sa.func.count())
            .select_from(models.Volume)
            .where(models.Volume.project_id == alt_project)
        )
        session.merge(models.Quota(project_id=alt_project, resource="volumes", hard_limit=used))
    accept = f"{V3}/os-volume-transfer/{transfer['id']}/accept"
    try:
        over = api.post(accept, json={"accept": {"auth_key": transfer["auth_key"]}}, headers=alt3)
        assert over.status_code == 413
        assert over.json()["overLimit"]["message"] == (
            f"Maximum number of volumes allowed ({used}) exceeded for quota 'volumes'."
        )
        # Nothing moved.
        still = api.get(f"{V3}/volumes/{volume['id']}", headers=demo3).json()["volume"]
        assert still["status"] == "awaiting-transfer"
    finally:
        with database.transaction() as session:
            session.merge(models.Quota(project_id=alt_project, resource="volumes", hard_limit=-1))
    accepted = api.post(accept, json={"accept": {"auth_key": transfer["auth_key"]}}, headers=alt3)
    assert accepted.status_code == 202
    history = api.get(f"{V3}/volumes/{volume['id']}", headers=alt3)
    assert history.status_code == 200
    for volume_id in (volume["id"], mine["id"]):
        assert api.delete(f"{V3}/volumes/{volume_id}", headers=alt3).status_code == 202


def test_only_available_volumes_are_offered_and_lists_page(api, demo3):
    volumes = [create_volume(api, demo3) for _ in range(3)]
    transfers = [offer(api, demo3, v["id"]) for v in volumes]
    first = api.get(f"{V3}/volume-transfers?limit=2", headers=mv(demo3, "3.59")).json()
    assert len(first["transfers"]) == 2 and first["transfers_links"][0]["rel"] == "next"
    marker = first["transfers"][-1]["id"]
    rest = api.get(
        f"{V3}/volume-transfers?limit=2&marker={marker}", headers=mv(demo3, "3.59")
    ).json()
    seen = {t["id"] for t in first["transfers"]} | {t["id"] for t in rest["transfers"]}
    assert {t["id"] for t in transfers} <= seen
    legacy = api.get(f"{V3}/os-volume-transfer", headers=mv(demo3, "3.0")).json()
    assert "no_snapshots" not in legacy["transfers"][0]
    for transfer, volume in zip(transfers, volumes, strict=True):
        assert (
            api.delete(f"{V3}/volume-transfers/{transfer['id']}", headers=demo3).status_code == 202
        )
        wait(api, demo3, f"{V3}/volumes/{volume['id']}", "volume", "available")
        assert api.delete(f"{V3}/volumes/{volume['id']}", headers=demo3).status_code == 202


def test_a_volume_in_a_group_is_not_offered(api, demo3, admin):
    admin3 = mv(admin, "3.64")
    body = {"group_type": {"name": "transfer-gt"}}
    group_type = api.post(f"{V3}/group_types", json=body, headers=admin3).json()["group_type"]
    type_id = default_type_id(api, demo3)
    body = {"group": {"group_type": group_type["id"], "volume_types": [type_id]}}
    group = api.post(f"{V3}/groups", json=body, headers=demo3).json()["group"]
    group_path = f"{V3}/groups/{group['id']}"
    wait(api, demo3, group_path, "group", "available")
    volume = create_volume(api, demo3, volume_type=type_id, group_id=group["id"])
    body = {"transfer": {"volume_id": volume["id"]}}
    refused = api.post(f"{V3}/volume-transfers", json=body, headers=demo3)
    assert refused.status_code == 400
    assert refused.json()["badRequest"]["message"] == (
        f"Invalid volume: Volume {volume['id']} must not be part of a group."
    )
    delete = {"delete": {"delete-volumes": True}}
    assert api.post(f"{group_path}/action", json=delete, headers=demo3).status_code == 202
    wait_gone(api, demo3, group_path)


def test_a_transfer_takes_the_volumes_snapshots_unless_told_not_to(api, demo3, alt3):
    volume = create_volume(api, demo3)
    snapshot = create_snapshot(api, demo3, volume["id"])
    transfer = offer(api, demo3, volume["id"])
    accept = {"accept": {"auth_key": transfer["auth_key"]}}
    path = f"{V3}/volume-transfers/{transfer['id']}/accept"
    assert api.post(path, json=accept, headers=alt3).status_code == 202
    snapshot_path = f"{V3}/snapshots/{snapshot['id']}"
    assert api.get(snapshot_path, headers=demo3).status_code == 404
    assert api.get(snapshot_path, headers=alt3).json()["snapshot"]["volume_id"] == volume["id"]
    # Left behind with no_snapshots (3.55): the snapshot stays its owner's.
    kept = create_volume(api, demo3)
    kept_snapshot = create_snapshot(api, demo3, kept["id"])
    transfer = offer(api, demo3, kept["id"], no_snapshots=True)
    path = f"{V3}/volume-transfers/{transfer['id']}/accept"
    accept = {"accept": {"auth_key": transfer["auth_key"]}}
    assert api.post(path, json=accept, headers=alt3).status_code == 202
    assert api.get(f"{V3}/snapshots/{kept_snapshot['id']}", headers=demo3).status_code == 200


def test_a_volume_whose_snapshot_is_not_available_cannot_be_offered(api, demo3, cloud):
    volume = create_volume(api, demo3)
    snapshot = create_snapshot(api, demo3, volume["id"])
    with database(cloud).transaction() as session:
        session.get(models.Snapshot, snapshot["id"]).status = "error"
    refused = api.post(
        f"{V3}/volume-transfers", json={"transfer": {"volume_id": volume["id"]}}, headers=demo3
    )
    assert refused.status_code == 400
    assert refused.json()["badRequest"]["message"] == (
        f"Invalid snapshot: snapshot: {snapshot['id']} status must be available"
    )
