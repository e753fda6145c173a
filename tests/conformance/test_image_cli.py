"""The openstack CLI and python-glanceclient against a real server."""

from __future__ import annotations

import json
import subprocess

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


def test_openstack_image_commands(live_cloud, tmp_path):
    data = tmp_path / "disk.raw"
    data.write_bytes(bytes(range(256)) * 1000)
    created = openstack(
        live_cloud,
        "image",
        "create",
        "--file",
        str(data),
        "--disk-format",
        "raw",
        "--container-format",
        "bare",
        "--shared",
        "cli-image",
    )
    assert created["status"] == "active"
    saved = tmp_path / "saved.raw"
    run(live_cloud, "openstack", "image", "save", "--file", str(saved), created["id"])
    assert saved.read_bytes() == data.read_bytes()
    run(live_cloud, "openstack", "image", "set", "--property", "os_distro=none", created["id"])
    shown = openstack(live_cloud, "image", "show", created["id"])
    assert shown["properties"]["os_distro"] == "none"
    listed = openstack(live_cloud, "image", "list", "--long")
    row = next(r for r in listed if r["ID"] == created["id"])
    assert row["Checksum"] == shown["checksum"] and row["Disk Format"] == "raw"
    alt = openstack(live_cloud, "token", "issue", user="devstack-alt")["project_id"]
    member = openstack(live_cloud, "image", "add", "project", created["id"], alt)
    assert member["status"] == "pending"
    members = openstack(live_cloud, "image", "member", "list", created["id"])
    assert [m["Member ID"] for m in members] == [alt]
    run(live_cloud, "openstack", "image", "set", "--accept", created["id"], user="devstack-alt")
    members = openstack(live_cloud, "image", "member", "list", created["id"])
    assert members[0]["Status"] == "accepted"


def test_glanceclient_create_and_download(live_cloud, tmp_path):
    data = tmp_path / "g.raw"
    data.write_bytes(b"glanceclient bytes" * 1000)
    output = run(
        live_cloud,
        "glance",
        "image-create",
        "--name",
        "via-glance",
        "--disk-format",
        "raw",
        "--container-format",
        "bare",
        "--file",
        str(data),
        env=live_cloud.os_env(),
    )
    image_id = next(
        line.split("|")[2].strip() for line in output.splitlines() if line.startswith("| id ")
    )
    out = tmp_path / "g.out"
    run(
        live_cloud,
        "glance",
        "image-download",
        "--file",
        str(out),
        image_id,
        env=live_cloud.os_env(),
    )
    assert out.read_bytes() == data.read_bytes()
