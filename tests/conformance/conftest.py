"""A real ``pocketstack up`` for conformance tests: real clients, real process.

``live_cloud`` starts the server from this tree on a free port with a fresh
data dir and waits until it answers; ``restart(kill=True)`` kills it with
SIGKILL (no cleanup at all) and starts it again on the same port and data,
so tests can check what a crash leaves behind.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LiveCloud:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.clouds_yaml = data_dir / "clouds.yaml"
        self.process: subprocess.Popen | None = None

    def env(self, cloud: str = "devstack") -> dict[str, str]:
        return {**os.environ, "OS_CLIENT_CONFIG_FILE": str(self.clouds_yaml),
                "OS_CLOUD": cloud, "PYTHONPATH": str(ROOT)}

    def os_env(self, cloud: str = "devstack") -> dict[str, str]:
        """The cloud as OS_* variables, for clients that read no clouds.yaml."""
        auth = yaml.safe_load(self.clouds_yaml.read_text())["clouds"][cloud]["auth"]
        return {**self.env(cloud), "OS_AUTH_URL": auth["auth_url"],
                "OS_USERNAME": auth["username"], "OS_PASSWORD": auth["password"],
                "OS_PROJECT_NAME": auth["project_name"],
                "OS_USER_DOMAIN_ID": auth["user_domain_id"],
                "OS_PROJECT_DOMAIN_ID": auth["project_domain_id"]}

    def start(self) -> None:
        log = open(self.data_dir / "server.log", "ab")  # noqa: SIM115 - lives with the process
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pocketstack", "up", "--data-dir", str(self.data_dir),
             "--port", str(self.port)], stdout=log, stderr=subprocess.STDOUT, env=self.env())
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/image/versions", timeout=1).close()
                return
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError("pocketstack exited; see server.log") from None
                time.sleep(0.2)
        raise RuntimeError("pocketstack did not answer within 60 s")

    def stop(self, kill: bool = False) -> None:
        if self.process is None:
            return
        self.process.send_signal(signal.SIGKILL if kill else signal.SIGTERM)
        self.process.wait(timeout=30)
        self.process = None

    def restart(self, kill: bool = False) -> None:
        self.stop(kill=kill)
        self.start()


@pytest.fixture(scope="module")
def live_cloud(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveCloud]:
    cloud = LiveCloud(tmp_path_factory.mktemp("live"))
    cloud.start()
    yield cloud
    cloud.stop()
