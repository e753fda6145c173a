"""POST /v3/volumes/{id}/action through HTTP: each action's effect, its
wrong-state answer in Cinder's words, and the bytes it moves."""

from __future__ import annotations

import os
import threading
import uuid

import sqlalchemy as sa

from pocketstack.block_storage import models
from pocketstack.block_storage.drivers.file import FileDriver
from pocketstack.block_storage.objects import quota
from tests.api.block_storage import (
    VOLUMES,
    action,
    attach_status,
    create_volume,
    database,
    make_type,
    mv,
    set_status,
    unlimited_cloud,  # noqa: F401 - the cloud fixture
    volume_file,
    volume_row,
    wait_gone,
    wait_status,
)

GIB = 1 << 30


def message(response) -> str:
    body = response.json()
    return next(iter(body.values()))["message"]


def test_unknown_action_is_cinder_400(api, demo):
    volume = create_volume(api, demo)
    response = action(api, demo, volume["id"], {"os-bogus": {}})
    assert response.status_code == 400
    assert message(response) == (
        "There is no such action: os-bogus. Verify the request body and Content-Type header "
        "and try again."
    )
    for body in ({}, {"os-reserve": None, "os-unreserve": None}):
        malformed = action(api, demo, volume["id"], body)
        assert (malformed.status_code, message(malformed)) == (400, "Malformed request body")


def test_another_projects_volume_is_404(api, demo, tokens):
    volume = create_volume(api, demo)
    other = action(api, tokens.headers("alt_demo"), volume["id"], {"os-reserve": None})
    assert other.status_code == 404


def test_extend_grows_the_file(api, cloud, demo):
    volume = create_volume(api, demo)
    assert action(api, demo, volume["id"], {"os-extend": {"new_size": 3}}).status_code == 202
    shown = wait_status(api, demo, volume["id"], "available")
    cloud.plumbing.bus.drain()
    shown = wait_status(api, demo, volume["id"], "available")
    assert shown["size"] == 3
    assert os.path.getsize(volume_file(cloud, volume["id"])) == 3 * GIB


def test_extend_must_grow(api, demo):
    volume = create_volume(api, demo, size=2)
    response = action(api, demo, volume["id"], {"os-extend": {"new_size": 2}})
    assert response.status_code == 400
    assert message(response) == (
        "Invalid input received: New size for extend must be greater than current size. "
        "(current: 2, extended: 2)."
    )


def test_extend_in_use_needs_3_42(api, cloud, demo):
    volume = create_volume(api, demo)
    attach(api, demo, volume["id"])
    old = action(api, demo, volume["id"], {"os-extend": {"new_size": 2}}, version="3.41")
    assert old.status_code == 400
    assert message(old) == (
        f"Invalid volume: Volume {volume['id']} status must be '{{'status': 'available'}}' "
        "to extend, currently in-use."
    )
    assert action(api, demo, volume["id"], {"os-extend": {"new_size": 2}}).status_code == 202
    cloud.plumbing.bus.drain()
    shown = wait_status(api, demo, volume["id"], "in-use")
    assert shown["size"] == 2


def attach(api, auth, volume_id, server=None):
    body = {"os-attach": {"instance_uuid": server or str(uuid.uuid4()), "mountpoint": "/dev/vdb"}}
    response = action(api, auth, volume_id, {"os-reserve": None})
    assert response.status_code == 202, response.text
    response = action(api, auth, volume_id, body)
    assert response.status_code == 202, response.text


def test_nova_attach_and_detach_calls(api, cloud, demo):
    volume = create_volume(api, demo)
    assert action(api, demo, volume["id"], {"os-reserve": None}).status_code == 202
    again = action(api, demo, volume["id"], {"os-reserve": None})
    assert message(again) == (
        "Invalid volume: Volume status must be available to reserve, but the status is attaching."
    )
    assert action(api, demo, volume["id"], {"os-unreserve": None}).status_code == 202
    assert wait_status(api, demo, volume["id"], "available")
    connector = {"host": "compute-1", "initiator": "iqn.test"}
    init = action(api, demo, volume["id"], {"os-initialize_connection": {"connector": connector}})
    assert init.status_code == 200
    info = init.json()["connection_info"]
    assert info["driver_volume_type"] == "local"
    assert info["data"]["device_path"] == str(volume_file(cloud, volume["id"]))
    attach(api, demo, volume["id"])
    shown = wait_status(api, demo, volume["id"], "in-use")
    assert attach_status(cloud, volume["id"]) == "attached"
    assert shown["attachments"][0]["device"] == "/dev/vdb"
    assert action(api, demo, volume["id"], {"os-begin_detaching": None}).status_code == 202
    assert wait_status(api, demo, volume["id"], "detaching")
    assert action(api, demo, volume["id"], {"os-roll_detaching": None}).status_code == 202
    assert wait_status(api, demo, volume["id"], "in-use")
    terminate = {"os-terminate_connection": {"connector": connector}}
    assert action(api, demo, volume["id"], terminate).status_code == 202
    assert action(api, demo, volume["id"], {"os-begin_detaching": None}).status_code == 202
    assert action(api, demo, volume["id"], {"os-detach": {}}).status_code == 202
    shown = wait_status(api, demo, volume["id"], "available")
    assert shown["attachments"] == [] and attach_status(cloud, volume["id"]) == "detached"
    refused = action(api, demo, volume["id"], {"os-begin_detaching": None})
    assert message(refused) == (
        "Invalid volume: Unable to detach volume. Volume status must be 'in-use' and "
        "attach_status must be 'attached' to detach."
    )


def test_os_attach_refuses_a_second_instance_of_a_plain_volume(api, demo):
    volume = create_volume(api, demo)
    attach(api, demo, volume["id"])
    body = {"os-attach": {"instance_uuid": str(uuid.uuid4()), "mountpoint": "/dev/vdc"}}
    response = action(api, demo, volume["id"], body)
    assert response.status_code == 400
    assert message(response) == (
        "Invalid volume: volume is already attached and multiple attachments are not enabled"
    )


def test_reset_status_is_for_admins(api, cloud, demo, admin):
    volume = create_volume(api, demo)
    body = {"os-reset_status": {"status": "error", "attach_status": "detached"}}
    denied = action(api, demo, volume["id"], body)
    assert denied.status_code == 403
    assert action(api, admin, volume["id"], body).status_code == 202
    assert wait_status(api, demo, volume["id"], "error")
    empty = action(api, admin, volume["id"], {"os-reset_status": {}})
    assert empty.status_code == 400
    wrong = action(api, admin, volume["id"], {"os-reset_status": {"attach_status": "glued"}})
    assert message(wrong) == (
        "Volume attach status: glued is invalid, valid statuses are: ['attached', 'detached']."
    )


def test_set_bootable(api, demo):
    volume = create_volume(api, demo)
    body = {"os-set_bootable": {"bootable": True}}
    assert action(api, demo, volume["id"], body).status_code == 200
    assert wait_status(api, demo, volume["id"], "available")["bootable"] == "true"


def test_readonly_flag_makes_connections_read_only(api, demo):
    volume = create_volume(api, demo)
    body = {"os-update_readonly_flag": {"readonly": True}}
    assert action(api, demo, volume["id"], body).status_code == 202
    init = action(api, demo, volume["id"], {"os-initialize_connection": {"connector": {}}})
    assert init.json()["connection_info"]["data"]["access_mode"] == "ro"
    rw = {"os-attach": {"instance_uuid": str(uuid.uuid4()), "mountpoint": "/dev/vdb"}}
    refused = action(api, demo, volume["id"], rw)
    assert message(refused) == f"Invalid attaching mode 'rw' for volume {volume['id']}."
    ro = {"os-attach": {**rw["os-attach"], "mode": "ro"}}
    assert action(api, demo, volume["id"], ro).status_code == 202


def test_force_delete_is_for_admins(api, demo, admin):
    volume = create_volume(api, demo)
    action(api, admin, volume["id"], {"os-reset_status": {"status": "error_deleting"}})
    assert action(api, demo, volume["id"], {"os-force_delete": {}}).status_code == 403
    assert action(api, admin, volume["id"], {"os-force_delete": {}}).status_code == 202
    wait_gone(api, demo, f"{VOLUMES}/{volume['id']}")


def test_retype_on_the_same_backend_changes_only_the_type(api, cloud, demo):
    volume = create_volume(api, demo)
    make_type(cloud, "plain-same")
    body = {"os-retype": {"new_type": "plain-same"}}
    assert action(api, demo, volume["id"], body).status_code == 202
    cloud.plumbing.bus.drain()
    shown = wait_status(api, demo, volume["id"], "available")
    assert shown["volume_type"] == "plain-same"
    same = action(api, demo, volume["id"], body)
    assert same.status_code == 400 and "Retype needs volume" in message(same)
    unknown = action(api, demo, volume["id"], {"os-retype": {"new_type": "nope"}})
    assert message(unknown) == "Invalid input received: Invalid volume_type passed: nope."


def test_retype_to_another_backend_copies_the_bytes(api, cloud, demo):
    volume = create_volume(api, demo)
    source = volume_file(cloud, volume["id"])
    with open(source, "r+b") as f:
        f.write(b"payload")
    here = volume_row(cloud, volume["id"]).host.split("@")[1].split("#")[0]
    there = "file-2" if here == "file-1" else "file-1"
    make_type(cloud, f"on-{there}", there)
    never = {"os-retype": {"new_type": f"on-{there}", "migration_policy": "never"}}
    assert action(api, demo, volume["id"], never).status_code == 202
    cloud.plumbing.bus.drain()
    assert wait_status(api, demo, volume["id"], "available")["volume_type"] != f"on-{there}"
    demand = {"os-retype": {"new_type": f"on-{there}", "migration_policy": "on-demand"}}
    assert action(api, demo, volume["id"], demand).status_code == 202
    cloud.plumbing.bus.drain()
    assert wait_status(api, demo, volume["id"], "available")["volume_type"] == f"on-{there}"
    moved = volume_file(cloud, volume["id"])
    assert f"/{there}/" in str(moved) and not source.exists()
    with open(moved, "rb") as f:
        assert f.read(7) == b"payload"


def test_migrate_moves_the_volume(api, cloud, demo, admin):
    volume = create_volume(api, demo)
    row = volume_row(cloud, volume["id"])
    here = row.host.split("@")[1].split("#")[0]
    there = "file-2" if here == "file-1" else "file-1"
    target = row.host.replace(f"@{here}#{here}", f"@{there}#{there}")
    body = {"os-migrate_volume": {"host": target}}
    assert action(api, demo, volume["id"], body).status_code == 403
    assert action(api, admin, volume["id"], body).status_code == 202
    cloud.plumbing.bus.drain()
    row = volume_row(cloud, volume["id"])
    assert row.host == target and row.migration_status == "success"
    assert volume_file(cloud, volume["id"]).exists()
    same = action(api, admin, volume["id"], body)
    assert same.status_code == 400


def test_upload_to_image_copies_the_bytes(api, cloud, demo):
    volume = create_volume(api, demo)
    with open(volume_file(cloud, volume["id"]), "r+b") as f:
        f.write(b"image bytes")
    body = {"os-volume_upload_image": {"image_name": "from-volume", "disk_format": "raw"}}
    response = action(api, demo, volume["id"], body)
    assert response.status_code == 202, response.text
    upload = response.json()["os-volume_upload_image"]
    assert upload["status"] == "uploading" and upload["image_name"] == "from-volume"
    assert upload["visibility"] == "private"
    cloud.plumbing.bus.drain(timeout=120)
    wait_status(api, demo, volume["id"], "available")
    image = api.get(f"/image/v2/images/{upload['image_id']}", headers=demo).json()
    assert image["status"] == "active" and image["size"] == GIB
    data = api.get(
        f"/image/v2/images/{upload['image_id']}/file",
        headers={**demo, "Range": "bytes=0-10"},
    )
    assert data.content == b"image bytes"
    busy = action(api, demo, volume["id"], {"os-reserve": None})
    assert busy.status_code == 202
    refused = action(api, demo, volume["id"], body)
    assert message(refused) == f"Invalid volume: Volume {volume['id']} status must be available"


def test_reset_status_to_detached_drops_attachments(api, cloud, demo, admin):
    volume = create_volume(api, demo)
    attach(api, demo, volume["id"])
    body = {"os-reset_status": {"status": "available", "attach_status": "detached"}}
    assert action(api, admin, volume["id"], body).status_code == 202
    shown = wait_status(api, demo, volume["id"], "available")
    assert shown["attachments"] == []
    assert mv(demo)


def test_restart_settles_interrupted_actions(api, cloud, demo):
    """What a crash leaves: uploads and retypes go back to where they came
    from, Nova's half-done reserve or detach to what the attachments say,
    a migration under way to error."""
    uploading, retyping, reserved, detaching = (create_volume(api, demo)["id"] for _ in range(4))
    action(api, demo, reserved, {"os-reserve": None})
    attach(api, demo, detaching)
    action(api, demo, detaching, {"os-begin_detaching": None})
    with database(cloud).transaction() as session:
        for volume_id, status in ((uploading, "uploading"), (retyping, "retyping")):
            row = session.get(models.Volume, volume_id)
            row.status, row.previous_status, row.migration_status = status, "available", None
        session.get(models.Volume, retyping).migration_status = "migrating"
    component = next(c for c in cloud.components if c.prefix == "/volume")
    for backend in component.api.runtime.backends.all:
        cloud.plumbing.bus.call(backend.bus_target, "init_host")
    assert wait_status(api, demo, uploading, "available")
    assert wait_status(api, demo, retyping, "available")
    assert volume_row(cloud, retyping).migration_status == "error"
    assert wait_status(api, demo, reserved, "available")
    assert wait_status(api, demo, detaching, "in-use")
    assert attach_status(cloud, detaching) == "attached"


def test_reimage_writes_the_image_over_the_volume(api, cloud, demo):
    image = api.post(
        "/image/v2/images",
        json={"name": "rebuild", "disk_format": "raw", "container_format": "bare"},
        headers=demo,
    ).json()
    api.put(
        f"/image/v2/images/{image['id']}/file",
        content=b"new root disk",
        headers={**demo, "Content-Type": "application/octet-stream"},
    )
    volume = create_volume(api, demo)
    with open(volume_file(cloud, volume["id"]), "r+b") as f:
        f.write(b"old data here and more")
    body = {"os-reimage": {"image_id": image["id"]}}
    assert action(api, demo, volume["id"], body, version="3.67").status_code == 404
    assert action(api, demo, volume["id"], body).status_code == 202
    cloud.plumbing.bus.drain()
    shown = wait_status(api, demo, volume["id"], "available")
    assert shown["bootable"] == "true"
    assert shown["volume_image_metadata"]["image_id"] == image["id"]
    with open(volume_file(cloud, volume["id"]), "rb") as f:
        assert f.read(22) == b"new root disk" + bytes(9)
    assert os.path.getsize(volume_file(cloud, volume["id"])) == GIB
    action(api, demo, volume["id"], {"os-reserve": None})
    refused = action(api, demo, volume["id"], body)
    assert message(refused) == (
        f"Invalid volume: Volume {volume['id']} status must be available or error, "
        "but current status is attaching."
    )


def test_extends_under_way_hold_their_quota(api, cloud, demo, monkeypatch):
    """Two extends racing for the last gigabytes: the second is refused
    while the first is still running (its new size is counted)."""
    release = threading.Event()
    grow = FileDriver.extend
    monkeypatch.setattr(
        FileDriver, "extend", lambda driver, *args: (release.wait(20), grow(driver, *args))
    )
    first, second = create_volume(api, demo), create_volume(api, demo)
    project_id = volume_row(cloud, first["id"]).project_id
    with database(cloud).transaction() as session:
        used = quota.usage(session, project_id)["gigabytes"]
        session.add(models.Quota(project_id=project_id, resource="gigabytes", hard_limit=used + 2))
    try:
        assert action(api, demo, first["id"], {"os-extend": {"new_size": 3}}).status_code == 202
        refused = action(api, demo, second["id"], {"os-extend": {"new_size": 2}})
        assert refused.status_code == 413
        assert message(refused).startswith(
            "Requested volume or snapshot exceeds allowed gigabytes quota. Requested 1G"
        )
    finally:
        release.set()
        cloud.plumbing.bus.drain()
        with database(cloud).transaction() as session:
            session.execute(sa.delete(models.Quota).where(models.Quota.project_id == project_id))
    assert wait_status(api, demo, first["id"], "available")["size"] == 3


def test_upload_ignores_force_unless_forced_uploads_are_enabled(api, demo):
    volume = create_volume(api, demo)
    attach(api, demo, volume["id"])
    body = {"os-volume_upload_image": {"image_name": "forced", "force": True}}
    refused = action(api, demo, volume["id"], body)
    assert refused.status_code == 400
    assert message(refused) == f"Invalid volume: Volume {volume['id']} status must be available"


def test_force_detach_is_for_admins_and_rolls_back_a_failed_detach(api, cloud, demo, admin):
    volume = create_volume(api, demo)
    attach(api, demo, volume["id"])
    refused = action(api, demo, volume["id"], {"os-force_detach": {}})
    assert refused.status_code == 403
    assert message(refused) == (
        "Policy doesn't allow volume_extension:volume_admin_actions:force_detach to be performed."
    )
    set_status(cloud, volume["id"], "error_detaching")
    body = {"os-force_detach": {"connector": {"host": "compute-1"}}}
    assert action(api, admin, volume["id"], body).status_code == 202
    shown = wait_status(api, demo, volume["id"], "available")
    assert shown["attachments"] == [] and attach_status(cloud, volume["id"]) == "detached"


def test_migrate_from_3_16_takes_one_of_host_and_cluster(api, demo, admin):
    volume = create_volume(api, demo)
    one_only = "Invalid input received: One and only one of cluster and host must be set."
    for params in ({}, {"host": "pocketstack@file-2#file-2", "cluster": "c"}):
        refused = action(api, admin, volume["id"], {"os-migrate_volume": params}, "3.16")
        assert (refused.status_code, message(refused)) == (400, one_only)
