"""Shared steps of the block-storage API tests: make a volume and wait
until the manager has settled it."""

from __future__ import annotations

import time
import uuid

import pytest

from pocketstack import timeutils
from pocketstack.block_storage import models
from tests.conftest import serve_cloud

VOLUMES = "/volume/v3/volumes"
LATEST = {"OpenStack-API-Version": "volume 3.71"}


def headers(auth: dict, version: str = "3.71") -> dict:
    return {**auth, "OpenStack-API-Version": f"volume {version}"}


def wait_status(api, auth: dict, volume_id: str, *wanted: str, timeout: float = 20.0) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        response = api.get(f"{VOLUMES}/{volume_id}", headers=headers(auth))
        volume = response.json().get("volume", {})
        if volume.get("status") in wanted or time.monotonic() > deadline:
            assert volume.get("status") in wanted, volume
            return volume
        time.sleep(0.05)


def wait_gone(api, auth: dict, volume_id: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while api.get(f"{VOLUMES}/{volume_id}", headers=headers(auth)).status_code != 404:
        assert time.monotonic() < deadline, "volume not deleted"
        time.sleep(0.05)


def make_volume(api, auth: dict, size: int = 1, **fields) -> dict:
    response = api.post(VOLUMES, json={"volume": {"size": size, **fields}}, headers=headers(auth))
    assert response.status_code == 202, response.text
    return wait_status(api, auth, response.json()["volume"]["id"], "available")


def action(api, auth: dict, volume_id: str, body: dict, version: str = "3.71"):
    return api.post(f"{VOLUMES}/{volume_id}/action", json=body, headers=headers(auth, version))


def database(cloud):
    """The block-storage database, for what the API does not show
    (a volume's attach_status)."""
    [component] = [c for c in cloud.components if c.prefix == "/volume"]
    return component.api.runtime.database


def attach_status(cloud, volume_id: str) -> str:
    with database(cloud).reader() as session:
        return session.get(models.Volume, volume_id).attach_status


@pytest.fixture(scope="module", name="cloud")
def unlimited_cloud(tmp_path_factory, database_template):
    """The cloud with two file backends and no volume quotas: these tests
    make many volumes and move some between backends."""
    yield from serve_cloud(
        tmp_path_factory.mktemp("cloud"),
        database_template,
        block_storage__enabled_backends="file-1:file,file-2:file",
        block_storage__quota_volumes=-1,
        block_storage__quota_gigabytes=-1,
    )


def make_type(cloud, name: str, backend: str | None = None) -> str:
    """A volume type (straight into the database: types have their own
    API elsewhere), optionally pinned to a backend."""
    type_id = str(uuid.uuid4())
    with database(cloud).transaction() as session:
        session.add(models.VolumeType(id=type_id, name=name, created_at=timeutils.utcnow()))
        session.flush()
        if backend:
            session.add(
                models.VolumeTypeExtraSpec(
                    volume_type_id=type_id, key="volume_backend_name", value=backend
                )
            )
    return type_id


def volume_row(cloud, volume_id: str):
    with database(cloud).reader() as session:
        row = session.get(models.Volume, volume_id)
        session.expunge_all()
        return row


def volume_file(cloud, volume_id: str):
    """The file behind a volume (the file driver's sparse file)."""
    [component] = [c for c in cloud.components if c.prefix == "/volume"]
    backends = component.api.runtime.backends
    return backends.for_host(volume_row(cloud, volume_id).host).driver.path(volume_id)
