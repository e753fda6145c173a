"""The openstack CLI's container and object commands against a real server."""

from __future__ import annotations

import hashlib

import pytest

from tests.conformance.test_image_cli import openstack, run

pytestmark = pytest.mark.conformance


def test_container_and_object_commands(live_cloud, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the CLI names an object by the path it uploads
    data = bytes(range(256)) * 1000
    (tmp_path / "blob.bin").write_bytes(data)
    openstack(live_cloud, "container", "create", "cli-objects")
    created = openstack(live_cloud, "object", "create", "cli-objects", "blob.bin")
    assert created[0]["etag"] == hashlib.md5(data).hexdigest()
    listed = openstack(live_cloud, "object", "list", "cli-objects")
    assert [row["Name"] for row in listed] == ["blob.bin"]
    run(
        live_cloud,
        "openstack",
        "object",
        "set",
        "--property",
        "color=blue",
        "cli-objects",
        "blob.bin",
    )
    shown = openstack(live_cloud, "object", "show", "cli-objects", "blob.bin")
    assert shown["properties"] == {"color": "blue"} and shown["content-length"] == str(len(data))
    saved = tmp_path / "saved.bin"
    run(live_cloud, "openstack", "object", "save", "--file", str(saved), "cli-objects", "blob.bin")
    assert saved.read_bytes() == data
    container = openstack(live_cloud, "container", "show", "cli-objects")
    assert container["object_count"] == "1" and container["bytes_used"] == str(len(data))
    run(live_cloud, "openstack", "container", "delete", "--recursive", "cli-objects")
    assert [row["Name"] for row in openstack(live_cloud, "container", "list")] == []
