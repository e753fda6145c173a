"""The ``pocketstack up`` process: version, help, restart keeps everything."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import urllib.request
from email.message import Message

from pocketstack import __version__
from pocketstack.conformance import Server


def _post(url: str, body: dict, headers: dict | None = None) -> tuple[int, Message, dict]:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", **(headers or {})},
    )
    with urllib.request.urlopen(request) as response:
        return response.status, response.headers, json.loads(response.read())


def _admin_token(server: Server) -> str:
    passwords = json.loads((server.data_dir / "secrets.json").read_text())
    body = {
        "auth": {
            "identity": {
                "methods": ["password"],
                "password": {
                    "user": {
                        "name": "admin",
                        "domain": {"id": "default"},
                        "password": passwords["admin"],
                    }
                },
            },
            "scope": {"project": {"name": "admin", "domain": {"id": "default"}}},
        }
    }
    _, headers, _ = _post(f"{server.url}/identity/v3/auth/tokens", body)
    return headers["X-Subject-Token"]


def test_version_and_help():
    version = subprocess.run(
        [sys.executable, "-m", "pocketstack", "--version"], capture_output=True, text=True
    )
    assert version.stdout.strip() == f"pocketstack {__version__}"
    helped = subprocess.run(
        [sys.executable, "-m", "pocketstack", "up", "--help"], capture_output=True, text=True
    )
    for option in ("--host", "--port", "--data-dir", "--config", "--admin-password"):
        assert option in helped.stdout


def test_restart_on_the_same_data_dir_keeps_resources_and_tokens(tmp_path):
    server = Server(tmp_path)
    server.start()
    token = _admin_token(server)
    status, _, body = _post(
        f"{server.url}/identity/v3/projects",
        {"project": {"name": "survivor"}},
        {"X-Auth-Token": token},
    )
    assert status == 201
    project_id = body["project"]["id"]
    server.process.send_signal(signal.SIGTERM)
    assert server.process.wait(timeout=30) == 0
    server.start()
    request = urllib.request.Request(
        f"{server.url}/identity/v3/projects/{project_id}", headers={"X-Auth-Token": token}
    )
    with urllib.request.urlopen(request) as response:
        assert json.loads(response.read())["project"]["name"] == "survivor"
    server.process.send_signal(signal.SIGINT)
    assert server.process.wait(timeout=30) == 0


def test_admin_password_option_sets_the_password(tmp_path):
    server = Server(tmp_path, extra_args=["--admin-password", "correct horse"])
    server.start()
    try:
        assert json.loads((tmp_path / "secrets.json").read_text())["admin"] == "correct horse"
        assert _admin_token(server)
    finally:
        server.stop()
