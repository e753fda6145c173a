"""Killing the server mid-upload never leaves an active image with partial
data; the restarted server puts the interrupted image back to queued."""

from __future__ import annotations

import socket
import time

import openstack
import pytest

pytestmark = pytest.mark.conformance


def _start_upload(cloud, token: str, image_id: str, declared: int, sent: bytes) -> socket.socket:
    connection = socket.create_connection(("127.0.0.1", cloud.port))
    head = (
        f"PUT /image/v2/images/{image_id}/file HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"X-Auth-Token: {token}\r\nContent-Type: application/octet-stream\r\n"
        f"Content-Length: {declared}\r\n\r\n"
    ).encode()
    connection.sendall(head + sent)
    return connection


def test_kill_during_upload_leaves_no_active_partial_image(live_cloud, monkeypatch):
    monkeypatch.setenv("OS_CLIENT_CONFIG_FILE", str(live_cloud.clouds_yaml))
    conn = openstack.connect(cloud="devstack")
    image = conn.image.create_image(name="interrupted", disk_format="raw", container_format="bare")
    upload = _start_upload(
        live_cloud, conn.session.get_token(), image.id, 64 << 20, b"x" * (8 << 20)
    )
    deadline = time.monotonic() + 30
    while conn.image.get_image(image.id).status != "saving":
        assert time.monotonic() < deadline, "upload never started"
        time.sleep(0.1)
    live_cloud.restart(kill=True)
    upload.close()
    conn = openstack.connect(cloud="devstack")
    after = conn.image.get_image(image.id)
    assert after.status == "queued"
    assert after.size is None and after.checksum is None
    leftovers = list((live_cloud.data_dir / "images").rglob("*.part"))
    assert leftovers == []
    # The image can be uploaded again, whole this time.
    response = conn.session.put(
        f"{live_cloud.url}/image/v2/images/{image.id}/file",
        data=b"whole",
        headers={"Content-Type": "application/octet-stream"},
    )
    assert response.status_code == 204
    assert conn.image.get_image(image.id).status == "active"
    assert b"".join(conn.image.download_image(image.id, stream=True).iter_content()) == b"whole"
