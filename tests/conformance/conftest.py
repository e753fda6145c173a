"""A real ``pocketstack up`` for conformance tests: real clients, a real process.

``live_cloud`` starts the server on a free port with a fresh data dir (see
``pocketstack.conformance.Server``: ``env()``, ``os_env()``, ``restart(kill=True)``);
``cli`` runs the ``openstack`` command against it.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator

import pytest

from pocketstack.conformance import Server


@pytest.fixture(scope="module")
def live_cloud(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    server = Server(tmp_path_factory.mktemp("live"))
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def cli(live_cloud: Server):
    """Run ``openstack`` with the live cloud; returns stdout, fails on error."""

    def run(*args: str, cloud: str = "pocketstack-admin", check: bool = True) -> str:
        command = ["openstack", *args]
        result = subprocess.run(
            command, env=live_cloud.env(cloud), capture_output=True, text=True, timeout=120
        )
        if check and result.returncode != 0:
            raise AssertionError(f"openstack {' '.join(args)} failed:\n{result.stderr}")
        return result.stdout

    return run
