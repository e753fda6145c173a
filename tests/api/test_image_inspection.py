"""Uploaded data must be what the image says it is (Glance's format check),
and gives the image its virtual size."""

from __future__ import annotations

import struct

import pytest

from tests.api.test_image_images import IMAGES, JSON, create, stage, upload

GIB = 1 << 30


def qcow2(virtual_size: int, backing_file: bytes = b"") -> bytes:
    """A qcow2 version 2 header (and nothing behind it) for a disk of ``virtual_size``."""
    header = bytearray(1 << 16)
    header[0:8] = b"QFI\xfb" + struct.pack(">I", 2)
    if backing_file:
        header[8:20] = struct.pack(">QI", 512, len(backing_file))
        header[512 : 512 + len(backing_file)] = backing_file
    header[20:32] = struct.pack(">IQ", 16, virtual_size)
    return bytes(header)


def shown(api, headers, image_id: str) -> dict:
    return api.get(f"{IMAGES}/{image_id}", headers=headers).json()


def test_a_qcow2_image_gets_the_virtual_size_its_header_gives(api, demo):
    image = create(api, demo, disk_format="qcow2")
    assert upload(api, demo, image["id"], qcow2(4 * GIB)).status_code == 204
    after = shown(api, demo, image["id"])
    assert after["status"] == "active" and after["virtual_size"] == 4 * GIB


def test_raw_data_is_its_own_virtual_size(api, demo):
    image = create(api, demo)
    assert upload(api, demo, image["id"], b"x" * 5000).status_code == 204
    assert shown(api, demo, image["id"])["virtual_size"] == 5000


def test_data_that_is_not_the_disk_format_is_415_and_the_image_stays_queued(api, demo):
    image = create(api, demo, disk_format="qcow2")
    response = upload(api, demo, image["id"], b"just some text\n" * 100)
    assert response.status_code == 415
    assert "Image disk_format qcow2 does not match stream data raw" in response.json()["message"]
    after = shown(api, demo, image["id"])
    assert after["status"] == "queued" and after["size"] is None


@pytest.mark.parametrize("disk_format", ["raw", "qcow2"])
def test_a_qcow2_with_a_backing_file_is_refused_whatever_it_claims(api, demo, disk_format):
    image = create(api, demo, disk_format=disk_format)
    response = upload(api, demo, image["id"], qcow2(GIB, backing_file=b"/etc/shadow"))
    assert response.status_code == 415
    assert "Image failed safety checks" in response.json()["message"]
    assert shown(api, demo, image["id"])["status"] == "queued"


def test_a_format_no_inspector_knows_passes_when_the_data_looks_raw(api, demo):
    image = create(api, demo, disk_format="ami", container_format="ami")
    assert upload(api, demo, image["id"], b"kernel-ish bytes").status_code == 204
    assert shown(api, demo, image["id"])["virtual_size"] is None
    bare = create(api, demo, disk_format="ami")
    assert upload(api, demo, bare["id"], b"kernel-ish bytes").status_code == 204
    assert shown(api, demo, bare["id"])["status"] == "active"


def test_a_glance_direct_import_checks_the_staged_data(api, demo, cloud):
    image = create(api, demo, disk_format="vmdk")
    staged = stage(api, demo, image["id"], b"not a vmdk")
    assert staged.status_code == 204
    imported = api.post(
        f"{IMAGES}/{image['id']}/import",
        headers={**demo, **JSON},
        json={"method": {"name": "glance-direct"}},
    )
    assert imported.status_code == 202
    cloud.plumbing.bus.drain()
    tasks = api.get(f"{IMAGES}/{image['id']}/tasks", headers=demo).json()["tasks"]
    assert tasks and tasks[0]["status"] == "failure"
    assert "does not match stream data raw" in tasks[0]["message"]
    assert shown(api, demo, image["id"])["status"] != "active"


def test_the_bootstrap_image_passes_the_check_it_would_meet_in_glance(api, demo):
    [hello] = api.get(f"{IMAGES}?name=pocketstack-hello-x86", headers=demo).json()["images"]
    assert hello["virtual_size"] == hello["size"] == 1 << 20
