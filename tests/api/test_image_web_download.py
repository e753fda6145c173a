"""web-download fetches only what the allow-list admits, redirects included."""

from __future__ import annotations

import http.server
import socket
import threading

import pytest

from tests.api.test_image_images import IMAGES, JSON, create
from tests.conftest import serve_cloud

DATA = b"downloaded bytes " * 100


class _Origin(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        if self.path == "/data":
            self.send_response(200)
            self.send_header("Content-Length", str(len(DATA)))
            self.end_headers()
            self.wfile.write(DATA)
        else:  # /elsewhere: off to a host the allow-list does not name
            self.send_response(302)
            self.send_header("Location", f"http://localhost:{self.server.server_port}/data")
            self.send_header("Content-Length", "0")
            self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def origin():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), _Origin)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    server.shutdown()


@pytest.fixture(scope="module")
def cloud(tmp_path_factory, database_template, origin):
    yield from serve_cloud(
        tmp_path_factory.mktemp("cloud"),
        database_template,
        image__web_download_allowed_hosts="127.0.0.1",
        image__web_download_allowed_ports=origin.rsplit(":", 1)[1],
    )


def _import(api, headers, image_id: str, uri: str) -> None:
    response = api.post(
        f"{IMAGES}/{image_id}/import",
        headers={**headers, **JSON},
        json={"method": {"name": "web-download", "uri": uri}},
    )
    assert response.status_code == 202, response.text


def test_an_allowed_uri_is_fetched(api, demo, cloud, origin):
    image = create(api, demo, name="fetched")
    _import(api, demo, image["id"], f"{origin}/data")
    cloud.plumbing.bus.drain()
    assert api.get(f"{IMAGES}/{image['id']}", headers=demo).json()["status"] == "active"
    assert api.get(f"{IMAGES}/{image['id']}/file", headers=demo).content == DATA


def test_a_redirect_to_a_uri_not_allowed_fails_the_import(api, demo, cloud, origin):
    image = create(api, demo, name="redirected")
    _import(api, demo, image["id"], f"{origin}/elsewhere")
    cloud.plumbing.bus.drain()
    shown = api.get(f"{IMAGES}/{image['id']}", headers=demo).json()
    assert shown["status"] == "queued"
    assert shown["os_glance_failed_import"] == "fast"
    tasks = api.get(f"{IMAGES}/{image['id']}/tasks", headers=demo).json()["tasks"]
    assert [t["status"] for t in tasks] == ["failure"]
    assert "not an allowed URI" in tasks[0]["message"]
