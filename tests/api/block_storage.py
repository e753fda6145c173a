"""What the block-storage API tests share: waiting for statuses, volumes
and snapshots made through the API, and the bytes of a volume's file."""

from __future__ import annotations

import time
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from pocketstack import timeutils
from pocketstack.block_storage import models
from tests.conftest import serve_cloud

V3 = "/volume/v3"
VOLUMES = f"{V3}/volumes"
MV = {"OpenStack-API-Version": "volume 3.65"}
GIB = 1 << 30


def mv(headers: dict[str, str], version: str = "3.71") -> dict[str, str]:
    """``headers`` asking for block-storage microversion ``version``."""
    return {**headers, "OpenStack-API-Version": f"volume {version}"}


def wait(api, headers, path: str, key: str, *statuses: str, timeout: float = 20.0) -> dict:
    """Poll until the resource reaches one of ``statuses`` (or fail with what
    it is); an error status fails at once unless one is expected."""
    deadline = time.monotonic() + timeout
    expects_error = any(s.startswith("error") for s in statuses)
    while True:
        body = api.get(path, headers={**MV, **headers}).json()[key]
        if body["status"] in statuses:
            return body
        assert body["status"] not in ("error", "error_deleting") or expects_error, body
        assert time.monotonic() < deadline, body
        time.sleep(0.05)


def wait_status(api, headers, volume_id: str, *statuses: str) -> dict:
    """The volume once it is in one of ``statuses``."""
    return wait(api, headers, f"{VOLUMES}/{volume_id}", "volume", *statuses)


def wait_gone(api, headers, path: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while api.get(path, headers=headers).status_code != 404:
        assert time.monotonic() < deadline
        time.sleep(0.05)


def create_volume(api, headers, expect: str = "available", **fields) -> dict:
    """Create a volume and wait for the status it should settle in."""
    body = {"size": 1, **fields}
    response = api.post(VOLUMES, json={"volume": body}, headers={**MV, **headers})
    assert response.status_code == 202, response.text
    volume = response.json()["volume"]
    return wait_status(api, headers, volume["id"], expect)


def default_type_id(api, headers) -> str:
    """The id of the type a volume gets when it names none."""
    volume = create_volume(api, headers)
    api.delete(f"{VOLUMES}/{volume['id']}", headers=headers)
    return volume["volume_type_id"]


def create_snapshot(api, headers, volume_id: str, **fields) -> dict:
    body = {"volume_id": volume_id, **fields}
    response = api.post(f"{V3}/snapshots", json={"snapshot": body}, headers={**headers, **MV})
    assert response.status_code == 202, response.text
    snapshot = response.json()["snapshot"]
    return wait(api, headers, f"{V3}/snapshots/{snapshot['id']}", "snapshot", "available")


def write(path: Path, offset: int, data: bytes) -> None:
    with path.open("r+b") as f:
        f.seek(offset)
        f.write(data)


def read(path: Path, offset: int, size: int) -> bytes:
    with path.open("rb") as f:
        f.seek(offset)
        return f.read(size)


def runtime_of(cloud):
    """The block-storage service's runtime (database, backends, bus)."""
    return next(c for c in cloud.components if c.prefix == "/volume").api.runtime


def database(cloud):
    """The block-storage database, for what no API shows (attach_status) or
    sets (a volume in a status no request leads to)."""
    return runtime_of(cloud).database


def set_status(cloud, volume_id: str, status: str) -> None:
    with database(cloud).transaction() as session:
        session.execute(
            sa.update(models.Volume).where(models.Volume.id == volume_id).values(status=status)
        )


def volume_row(cloud, volume_id: str):
    with database(cloud).reader() as session:
        row = session.get(models.Volume, volume_id)
        session.expunge_all()
        return row


def attach_status(cloud, volume_id: str) -> str:
    return volume_row(cloud, volume_id).attach_status


def volume_file(cloud, volume_id: str) -> Path:
    """The file behind a volume (the file driver's sparse file)."""
    backend = runtime_of(cloud).backends.for_host(volume_row(cloud, volume_id).host)
    return backend.driver.path(volume_id)


def make_type(cloud, name: str, backend: str | None = None, **extra_specs: str) -> str:
    """A volume type, straight into the database, optionally pinned to a
    backend by its volume_backend_name, with any other extra specs."""
    if backend:
        extra_specs["volume_backend_name"] = backend
    type_id = str(uuid.uuid4())
    with database(cloud).transaction() as session:
        session.add(models.VolumeType(id=type_id, name=name, created_at=timeutils.utcnow()))
        session.flush()
        for key, value in extra_specs.items():
            session.add(models.VolumeTypeExtraSpec(volume_type_id=type_id, key=key, value=value))
    return type_id


def multiattach_type(cloud) -> str:
    """A type whose volumes take several attachments, as Cinder makes them."""
    return make_type(cloud, f"multiattach-{uuid.uuid4().hex[:8]}", multiattach="<is> True")


def action(api, headers, volume_id: str, body: dict, version: str = "3.71"):
    return api.post(f"{VOLUMES}/{volume_id}/action", json=body, headers=mv(headers, version))


@pytest.fixture(scope="module", name="cloud")
def unlimited_cloud(tmp_path_factory, database_template):
    """The cloud with two file backends and no volume quotas, for tests that
    make many volumes and move some between backends."""
    yield from serve_cloud(
        tmp_path_factory.mktemp("cloud"),
        database_template,
        block_storage__enabled_backends="file-1:file,file-2:file",
        block_storage__quota_volumes=-1,
        block_storage__quota_gigabytes=-1,
    )


def fault(response) -> str:
    """The message of a Cinder error body (``{"badRequest": {"message": …}}``)."""
    return next(iter(response.json().values()))["message"]
