"""A real ``pocketstack up`` on a free port with a fresh data dir, and the
environment a client needs to use it (OS_CLIENT_CONFIG_FILE)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from pocketstack.conformance import Server


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    server = Server(tmp_path_factory.mktemp("live"))
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def client_env(live_server: Server) -> dict[str, str]:
    return {
        **os.environ,
        "OS_CLIENT_CONFIG_FILE": str(Path(live_server.data_dir) / "clouds.yaml"),
        "OS_CLOUD": "pocketstack-admin",
    }


@pytest.fixture(scope="module")
def cli(client_env: dict[str, str]):
    """Run ``openstack`` with the live cloud; returns stdout, fails on error."""

    def run(*args: str, cloud: str = "pocketstack-admin", check: bool = True) -> str:
        result = subprocess.run(
            ["openstack", *args],
            env={**client_env, "OS_CLOUD": cloud},
            capture_output=True,
            text=True,
            timeout=120,
        )
        if check and result.returncode != 0:
            raise AssertionError(f"openstack {' '.join(args)} failed:\n{result.stderr}")
        return result.stdout

    return run
