"""Cinder v3 generic volume groups through HTTP: group types and specs,
groups and their volumes, group snapshots (real byte copies) and groups
made from a source."""

from __future__ import annotations

import datetime
import time
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from pocketstack.block_storage import models
from tests.api.block_storage import (
    V3,
    create_volume,
    default_type_id,
    mv,
    wait,
    wait_gone,
)


@pytest.fixture
def admin3(admin):
    return mv(admin, "3.64")


@pytest.fixture
def demo3(demo):
    return mv(demo, "3.64")


@pytest.fixture
def alt3(tokens):
    return mv(tokens.headers("alt_demo"), "3.64")


def create_group_type(api, admin3, **fields) -> dict:
    body = {"group_type": {"name": f"gt-{time.monotonic_ns()}", **fields}}
    response = api.post(f"{V3}/group_types", json=body, headers=admin3)
    assert response.status_code == 202, response.text
    return response.json()["group_type"]


def create_group(api, headers, group_type: str, type_id: str, **fields) -> dict:
    body = {"group": {"group_type": group_type, "volume_types": [type_id], **fields}}
    response = api.post(f"{V3}/groups", json=body, headers=headers)
    assert response.status_code == 202, response.text
    created = response.json()["group"]
    assert set(created) == {"id", "name"}
    return wait(api, headers, f"{V3}/groups/{created['id']}", "group", "available")


@pytest.fixture
def setting(api, admin3, demo3):
    """A public group type and a demo group of the default volume type."""
    group_type = create_group_type(
        api, admin3, group_specs={"consistent_group_snapshot_enabled": "<is> True"}
    )
    type_id = default_type_id(api, demo3)
    group = create_group(api, demo3, group_type["id"], type_id, name="g1", description="first")
    yield group_type, type_id, group
    # Groups count in quota: each test's group goes with its volumes.
    path = f"{V3}/groups/{group['id']}"
    api.post(f"{path}/action", json={"delete": {"delete-volumes": True}}, headers=demo3)
    wait_gone(api, demo3, path)


def test_group_type_crud_specs_and_admin_only_writes(api, admin3, demo3):
    group_type = create_group_type(api, admin3, description="d", group_specs={"a": "1"})
    path = f"{V3}/group_types/{group_type['id']}"
    assert group_type["group_specs"] == {"a": "1"} and group_type["is_public"] is True
    # A user sees the type but not its specs, and may not write.
    shown = api.get(path, headers=demo3).json()["group_type"]
    assert "group_specs" not in shown and shown["name"] == group_type["name"]
    denied = api.post(f"{V3}/group_types", json={"group_type": {"name": "x"}}, headers=demo3)
    assert denied.status_code == 403
    assert denied.json()["forbidden"]["message"] == (
        "Policy doesn't allow group:group_types:create to be performed."
    )
    duplicate = api.post(
        f"{V3}/group_types", json={"group_type": {"name": group_type["name"]}}, headers=admin3
    )
    assert duplicate.status_code == 409
    assert (
        api.post(
            f"{V3}/group_types/{group_type['id']}/group_specs",
            json={"group_specs": {"b": "2"}},
            headers=admin3,
        ).status_code
        == 202
    )
    assert api.get(f"{path}/group_specs", headers=admin3).json() == {
        "group_specs": {"a": "1", "b": "2"}
    }
    assert api.put(f"{path}/group_specs/a", json={"a": "9"}, headers=admin3).json() == {"a": "9"}
    mismatch = api.put(f"{path}/group_specs/a", json={"b": "9"}, headers=admin3)
    assert mismatch.status_code == 400 and "Request body and URI mismatch" in mismatch.text
    assert api.get(f"{path}/group_specs/a", headers=admin3).json() == {"a": "9"}
    assert api.delete(f"{path}/group_specs/b", headers=admin3).status_code == 202
    missing = api.get(f"{path}/group_specs/b", headers=admin3)
    assert missing.status_code == 404
    updated = api.put(
        path,
        json={"group_type": {"name": group_type["name"] + "-2", "is_public": False}},
        headers=admin3,
    )
    assert updated.status_code == 200 and updated.json()["group_type"]["is_public"] is False
    # A private type is an admin's only.
    assert api.get(path, headers=demo3).status_code == 404
    listed = api.get(f"{V3}/group_types", headers=demo3).json()["group_types"]
    assert group_type["id"] not in {t["id"] for t in listed}
    everything = api.get(f"{V3}/group_types?is_public=none", headers=admin3).json()["group_types"]
    assert group_type["id"] in {t["id"] for t in everything}
    assert api.delete(path, headers=admin3).status_code == 202
    assert api.get(path, headers=admin3).status_code == 404


def test_group_types_need_3_11_and_there_is_no_default(api, admin, admin3):
    assert api.get(f"{V3}/group_types", headers=mv(admin, "3.10")).status_code == 404
    default = api.get(f"{V3}/group_types/default", headers=admin3)
    assert default.status_code == 404
    assert default.json()["itemNotFound"]["message"] == "Default group type can not be found."


def test_group_show_list_update_and_isolation(api, demo3, alt3, admin3, setting):
    group_type, type_id, group = setting
    path = f"{V3}/groups/{group['id']}"
    assert group["group_type"] == group_type["id"] and group["volume_types"] == [type_id]
    assert group["replication_status"] == "disabled" and "project_id" not in group
    assert api.get(path, headers=admin3).json()["group"]["project_id"]
    detail = api.get(f"{V3}/groups/detail?name=g1", headers=demo3).json()["groups"]
    assert group["id"] in {g["id"] for g in detail}
    bad_filter = api.get(f"{V3}/groups?status=available", headers=demo3)
    assert bad_filter.status_code == 400
    assert api.get(path, headers=alt3).status_code == 404
    assert group["id"] not in {
        g["id"] for g in api.get(f"{V3}/groups", headers=alt3).json()["groups"]
    }
    renamed = api.put(path, json={"group": {"name": "g2", "description": "second"}}, headers=demo3)
    assert renamed.status_code == 202
    shown = api.get(path, headers=demo3).json()["group"]
    assert (shown["name"], shown["description"]) == ("g2", "second")
    nothing = api.put(path, json={"group": {"name": "g2"}}, headers=demo3)
    assert nothing.status_code == 400 and nothing.json()["badRequest"]["message"].startswith(
        "Invalid Group:"
    )
    in_use = api.delete(f"{V3}/group_types/{group_type['id']}", headers=admin3)
    assert in_use.status_code == 400 and "still in use" in in_use.text


def test_volume_in_group_needs_its_type_and_cannot_go_alone(api, demo3, setting):
    _, type_id, group = setting
    untyped = api.post(
        f"{V3}/volumes", json={"volume": {"size": 1, "group_id": group["id"]}}, headers=demo3
    )
    assert untyped.status_code == 400
    assert "volume_type must be provided" in untyped.json()["badRequest"]["message"]
    volume = create_volume(api, demo3, volume_type=type_id, group_id=group["id"])
    assert volume["group_id"] == group["id"]
    alone = api.delete(f"{V3}/volumes/{volume['id']}", headers=demo3)
    assert alone.status_code == 400 and "belong to a group" in alone.text
    group_path = f"{V3}/groups/{group['id']}"
    listed = api.get(f"{group_path}?list_volume=true", headers=demo3).json()["group"]
    assert listed["volumes"] == [volume["id"]]
    without_flag = api.post(f"{group_path}/action", json={"delete": {}}, headers=demo3)
    assert without_flag.status_code == 400 and "delete-volumes flag" in without_flag.text
    deleted = api.post(
        f"{group_path}/action", json={"delete": {"delete-volumes": True}}, headers=demo3
    )
    assert deleted.status_code == 202
    wait_gone(api, demo3, group_path)
    wait_gone(api, demo3, f"{V3}/volumes/{volume['id']}")


def test_add_and_remove_volumes(api, demo3, alt3, setting):
    _, type_id, group = setting
    path = f"{V3}/groups/{group['id']}"
    volume = create_volume(api, demo3, volume_type=type_id)
    stranger = create_volume(api, alt3, volume_type=type_id)
    foreign = api.put(path, json={"group": {"add_volumes": stranger["id"]}}, headers=demo3)
    assert foreign.status_code == 400 and "cannot be found" in foreign.text
    both = api.put(
        path,
        json={"group": {"add_volumes": volume["id"], "remove_volumes": volume["id"]}},
        headers=demo3,
    )
    assert both.status_code == 400
    assert (
        api.put(path, json={"group": {"add_volumes": volume["id"]}}, headers=demo3).status_code
        == 202
    )
    wait(api, demo3, path, "group", "available")
    assert (
        api.get(f"{V3}/volumes/{volume['id']}", headers=demo3).json()["volume"]["group_id"]
        == group["id"]
    )
    assert (
        api.put(path, json={"group": {"remove_volumes": volume["id"]}}, headers=demo3).status_code
        == 202
    )
    wait(api, demo3, path, "group", "available")
    assert (
        api.get(f"{V3}/volumes/{volume['id']}", headers=demo3).json()["volume"]["group_id"] is None
    )
    not_member = api.put(path, json={"group": {"remove_volumes": volume["id"]}}, headers=demo3)
    assert not_member.status_code == 400 and "not in the group" in not_member.text
    assert api.delete(f"{V3}/volumes/{volume['id']}", headers=demo3).status_code == 202


def test_reset_status_is_admin_only_and_gated(api, demo3, admin3, admin, setting):
    _, _, group = setting
    path = f"{V3}/groups/{group['id']}/action"
    body = {"reset_status": {"status": "error"}}
    assert api.post(path, json=body, headers=demo3).status_code == 403
    assert api.post(path, json=body, headers=mv(admin, "3.19")).status_code == 404
    assert api.post(path, json=body, headers=admin3).status_code == 202
    assert (
        api.get(f"{V3}/groups/{group['id']}", headers=admin3).json()["group"]["status"] == "error"
    )
    wrong = api.post(path, json={"reset_status": {"status": "nonsense"}}, headers=admin3)
    assert wrong.status_code == 400


def test_group_snapshot_copies_bytes_and_a_group_is_made_from_it(api, cloud, demo3, setting):
    _, type_id, group = setting
    volume = create_volume(api, demo3, volume_type=type_id, group_id=group["id"])
    volume_file = Path(cloud.settings.data_dir) / "volumes" / "file-1" / volume["id"]
    with volume_file.open("r+b") as f:
        f.write(b"group snapshot data")
    response = api.post(
        f"{V3}/group_snapshots",
        json={"group_snapshot": {"group_id": group["id"], "name": "gs"}},
        headers=demo3,
    )
    assert response.status_code == 202, response.text
    created = response.json()["group_snapshot"]
    path = f"{V3}/group_snapshots/{created['id']}"
    shown = wait(api, demo3, path, "group_snapshot", "available")
    assert shown["group_id"] == group["id"] and shown["name"] == "gs"
    copy = volume_file.parent / "group_snapshots" / created["id"] / volume["id"]
    assert copy.read_bytes()[:19] == b"group snapshot data"
    listed = api.get(f"{V3}/group_snapshots?group_id={group['id']}", headers=demo3).json()
    assert [g["id"] for g in listed["group_snapshots"]] == [created["id"]]
    # The group cannot go while it has snapshots.
    blocked = api.post(
        f"{V3}/groups/{group['id']}/action",
        json={"delete": {"delete-volumes": True}},
        headers=demo3,
    )
    assert blocked.status_code == 400 and "existing snapshots" in blocked.text
    made = api.post(
        f"{V3}/groups/action",
        json={"create-from-src": {"group_snapshot_id": created["id"], "name": "copy"}},
        headers=demo3,
    )
    assert made.status_code == 202, made.text
    new_path = f"{V3}/groups/{made.json()['group']['id']}"
    new_group = wait(api, demo3, new_path, "group", "available")
    assert new_group["group_snapshot_id"] == created["id"]
    new_volumes = api.get(f"{new_path}?list_volume=true", headers=demo3).json()["group"]["volumes"]
    assert len(new_volumes) == 1
    assert (volume_file.parent / new_volumes[0]).read_bytes()[:19] == b"group snapshot data"
    assert (
        api.post(
            f"{new_path}/action", json={"delete": {"delete-volumes": True}}, headers=demo3
        ).status_code
        == 202
    )
    wait_gone(api, demo3, new_path)
    assert api.delete(path, headers=demo3).status_code == 202
    wait_gone(api, demo3, path)
    assert not copy.exists()


def test_group_quota_is_counted(api, cloud, demo3, setting):
    """With os-quota-sets elsewhere, the limit is set in the table itself."""
    group_type, type_id, group = setting
    database = next(c for c in cloud.components if c.prefix == "/volume").api.runtime.database
    with database.transaction() as session:
        project_id = session.get(models.Group, group["id"]).project_id
        used = session.scalar(
            sa.select(sa.func.count())
            .select_from(models.Group)
            .where(models.Group.project_id == project_id)
        )
        session.merge(models.Quota(project_id=project_id, resource="groups", hard_limit=used))
    body = {"group": {"group_type": group_type["id"], "volume_types": [type_id]}}
    try:
        over = api.post(f"{V3}/groups", json=body, headers=demo3)
        assert over.status_code == 413
        assert (
            over.json()["overLimit"]["message"]
            == f"Maximum number of groups allowed ({used}) exceeded"
        )
    finally:
        with database.transaction() as session:
            session.merge(models.Quota(project_id=project_id, resource="groups", hard_limit=-1))


def test_replication_targets_only_for_replication_group_types(api, demo3, admin3, setting):
    _, _, group = setting
    path = f"{V3}/groups/{group['id']}/action"
    refused = api.post(path, json={"list_replication_targets": {}}, headers=demo3)
    assert refused.status_code == 400
    assert refused.json()["badRequest"]["message"] == (
        f"Invalid group type: Group {group['id']} is not a replication group type."
    )
    assert (
        api.post(path, json={"list_replication_targets": {}}, headers=mv(demo3, "3.37")).status_code
        == 404
    )


def test_unknown_and_malformed_group_actions_get_cinders_words(api, demo3, setting):
    _, _, group = setting
    path = f"{V3}/groups/{group['id']}/action"
    unknown = api.post(path, json={"failover_replication": {}}, headers=demo3)
    assert unknown.json()["badRequest"]["message"] == (
        "There is no such action: failover_replication. Verify the request body and "
        "Content-Type header and try again."
    )
    two = api.post(path, json={"delete": {}, "reset_status": {}}, headers=demo3)
    assert two.json()["badRequest"]["message"] == "Malformed request body"


def test_restart_settles_what_a_crash_left(api, cloud, demo3, setting):
    """Rows left in transitional statuses are moved on when the managers
    start again, as init_host does after a crash."""
    group_type, type_id, group = setting
    component = next(c for c in cloud.components if c.prefix == "/volume")
    database = component.api.runtime.database
    cloud.plumbing.bus.drain()
    now = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
    stuck = {status: str(uuid.uuid4()) for status in ("creating", "updating", "deleting")}
    snapshots = {status: str(uuid.uuid4()) for status in ("creating", "deleting")}
    with database.transaction() as session:
        project_id = session.get(models.Group, group["id"]).project_id
        for status, group_id in stuck.items():
            session.add(
                models.Group(
                    id=group_id,
                    project_id=project_id,
                    availability_zone="nova",
                    status=status,
                    group_type_id=group_type["id"],
                    created_at=now,
                )
            )
        for status, snapshot_id in snapshots.items():
            session.add(
                models.GroupSnapshot(
                    id=snapshot_id,
                    project_id=project_id,
                    group_id=group["id"],
                    group_type_id=group_type["id"],
                    status=status,
                    created_at=now,
                )
            )
    component.start()
    with database.reader() as session:
        assert session.get(models.Group, stuck["creating"]).status == "error"
        assert session.get(models.Group, stuck["updating"]).status == "available"
        assert session.get(models.Group, stuck["deleting"]) is None
        assert session.get(models.GroupSnapshot, snapshots["creating"]).status == "error"
        assert session.get(models.GroupSnapshot, snapshots["deleting"]) is None
    with database.transaction() as session:
        session.execute(
            sa.delete(models.GroupSnapshot).where(models.GroupSnapshot.id == snapshots["creating"])
        )
        for group_id in (stuck["creating"], stuck["updating"]):
            session.execute(sa.delete(models.Group).where(models.Group.id == group_id))


def test_is_public_filter_is_strict(api, admin3):
    bad = api.get(f"{V3}/group_types?is_public=maybe", headers=admin3)
    assert bad.status_code == 400
    assert bad.json()["badRequest"]["message"] == "Invalid is_public filter [maybe]"
    assert api.get(f"{V3}/group_types?is_public=false", headers=admin3).status_code == 200
