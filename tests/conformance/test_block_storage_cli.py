"""The openstack CLI and python-cinderclient against a real server: volumes,
snapshots, backups, types, quotas and the absolute limits with their usage."""

from __future__ import annotations

import json
import subprocess
import time

import pytest

pytestmark = pytest.mark.conformance


def run(cloud, *args: str, user: str = "devstack", env: dict | None = None) -> str:
    result = subprocess.run(
        list(args), env=env or cloud.env(user), capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def openstack(cloud, *args: str, user: str = "devstack"):
    output = run(cloud, "openstack", *args, "-f", "json", user=user)
    return json.loads(output) if output.strip() else None


def cinder(cloud, *args: str, user: str = "devstack") -> dict[str, str]:
    """A cinderclient command's Property/Value (or Name/Value) table as a dict."""
    output = run(cloud, "cinder", *args, env=cloud.os_env(user))
    rows = {}
    for line in output.splitlines():
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if line.startswith("|") and len(cells) == 2:
            rows[cells[0]] = cells[1]
    return rows


def wait_for(cloud, kind: str, resource_id: str, status: str, user: str = "devstack") -> dict:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        shown = openstack(cloud, kind, "show", resource_id, user=user)
        if shown["status"] == status:
            return shown
        assert not shown["status"].startswith("error"), shown
        time.sleep(0.2)
    raise AssertionError(f"{kind} {resource_id} never became {status}")


def wait_gone(cloud, kind: str, resource_id: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        listed = openstack(cloud, kind, "list")
        if resource_id not in [row["ID"] for row in listed]:
            return
        time.sleep(0.2)
    raise AssertionError(f"{kind} {resource_id} was never deleted")


def absolute_limits(cloud) -> dict[str, int]:
    """``openstack limits show --absolute``, which names the limits as the
    SDK does (max_total_volumes for Cinder's maxTotalVolumes)."""
    rows = openstack(cloud, "limits", "show", "--absolute")
    return {row["Name"]: row["Value"] for row in rows}


def test_volume_lifecycle(live_cloud):
    created = openstack(live_cloud, "volume", "create", "--size", "1", "cli-volume")
    volume = wait_for(live_cloud, "volume", created["id"], "available")
    assert volume["size"] == 1
    run(live_cloud, "openstack", "volume", "set", "--size", "2", volume["id"])
    wait_for(live_cloud, "volume", volume["id"], "available")
    assert openstack(live_cloud, "volume", "show", volume["id"])["size"] == 2
    listed = openstack(live_cloud, "volume", "list")
    assert volume["id"] in [row["ID"] for row in listed]
    run(live_cloud, "openstack", "volume", "delete", volume["id"])
    wait_gone(live_cloud, "volume", volume["id"])


def test_limits_show_the_usage_of_new_volumes(live_cloud):
    before = absolute_limits(live_cloud)
    made = [
        openstack(live_cloud, "volume", "create", "--size", str(size), f"counted-{size}")
        for size in (1, 2)
    ]
    for volume in made:
        wait_for(live_cloud, "volume", volume["id"], "available")
    after = absolute_limits(live_cloud)
    assert after["total_volumes_used"] == before["total_volumes_used"] + 2
    assert after["total_gigabytes_used"] == before["total_gigabytes_used"] + 3
    limits = cinder(live_cloud, "absolute-limits")
    assert int(limits["totalVolumesUsed"]) == after["total_volumes_used"]
    assert int(limits["totalGigabytesUsed"]) == after["total_gigabytes_used"]
    assert int(limits["maxTotalVolumes"]) == after["max_total_volumes"]
    for volume in made:
        run(live_cloud, "openstack", "volume", "delete", volume["id"])
        wait_gone(live_cloud, "volume", volume["id"])
    assert absolute_limits(live_cloud)["total_volumes_used"] == before["total_volumes_used"]


def test_snapshot_and_backup(live_cloud):
    created = openstack(live_cloud, "volume", "create", "--size", "1", "cli-source")
    volume = wait_for(live_cloud, "volume", created["id"], "available")
    snapshot = openstack(live_cloud, "volume", "snapshot", "create", "--volume", volume["id"], "s1")
    wait_for(live_cloud, "volume snapshot", snapshot["id"], "available")
    backup = openstack(live_cloud, "volume", "backup", "create", "--name", "b1", volume["id"])
    wait_for(live_cloud, "volume backup", backup["id"], "available")
    # To a new volume, then back onto the original (which the CLI wants forced).
    restored = openstack(live_cloud, "volume", "backup", "restore", backup["id"], "restored")
    wait_for(live_cloud, "volume", restored["volume_id"], "available")
    wait_for(live_cloud, "volume backup", backup["id"], "available")
    run(
        live_cloud,
        "openstack",
        "volume",
        "backup",
        "restore",
        "--force",
        backup["id"],
        volume["id"],
    )
    wait_for(live_cloud, "volume", volume["id"], "available")
    wait_for(live_cloud, "volume backup", backup["id"], "available")
    run(live_cloud, "openstack", "volume", "delete", restored["volume_id"])
    run(live_cloud, "openstack", "volume", "backup", "delete", backup["id"])
    wait_gone(live_cloud, "volume backup", backup["id"])
    run(live_cloud, "openstack", "volume", "snapshot", "delete", snapshot["id"])
    wait_gone(live_cloud, "volume snapshot", snapshot["id"])
    run(live_cloud, "openstack", "volume", "delete", volume["id"])


def test_volume_type_commands(live_cloud):
    admin = "devstack-admin"
    created = openstack(
        live_cloud,
        "volume",
        "type",
        "create",
        "--property",
        "volume_backend_name=file-1",
        "--description",
        "from the cli",
        "cli-type",
        user=admin,
    )
    assert created["properties"] == {"volume_backend_name": "file-1"}
    run(
        live_cloud,
        "openstack",
        "volume",
        "type",
        "set",
        "--property",
        "speed=fast",
        "--name",
        "cli-type-2",
        created["id"],
        user=admin,
    )
    shown = openstack(live_cloud, "volume", "type", "show", created["id"], user=admin)
    assert shown["name"] == "cli-type-2"
    assert shown["properties"] == {"volume_backend_name": "file-1", "speed": "fast"}
    volume = openstack(
        live_cloud, "volume", "create", "--size", "1", "--type", "cli-type-2", "typed"
    )
    assert wait_for(live_cloud, "volume", volume["id"], "available")["type"] == "cli-type-2"
    refused = subprocess.run(
        ["openstack", "volume", "type", "delete", created["id"]],
        env=live_cloud.env(admin),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert refused.returncode != 0
    run(live_cloud, "openstack", "volume", "delete", volume["id"])
    wait_gone(live_cloud, "volume", volume["id"])
    run(live_cloud, "openstack", "volume", "type", "delete", created["id"], user=admin)


def test_quota_commands(live_cloud):
    admin = "devstack-admin"
    run(live_cloud, "openstack", "quota", "set", "--volumes", "17", "demo", user=admin)
    try:
        rows = openstack(live_cloud, "quota", "show", "--volume", "demo", user=admin)
        limits = {row["Resource"]: row["Limit"] for row in rows}
        assert limits["volumes"] == 17
        assert absolute_limits(live_cloud)["max_total_volumes"] == 17
        usage = openstack(live_cloud, "quota", "show", "--usage", "--volume", "demo", user=admin)
        assert {row["Resource"] for row in usage} >= {"volumes", "gigabytes", "snapshots"}
    finally:
        project = openstack(live_cloud, "token", "issue")["project_id"]
        run(live_cloud, "cinder", "quota-delete", project, env=live_cloud.os_env(admin))
    assert absolute_limits(live_cloud)["max_total_volumes"] == 10
