"""What the block-storage API tests share: waiting for statuses, volumes
and snapshots made through the API, and the bytes of a volume's file."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

import sqlalchemy as sa

from pocketstack.block_storage import models

V3 = "/volume/v3"
VOLUMES = f"{V3}/volumes"
MV = {"OpenStack-API-Version": "volume 3.65"}
GIB = 1 << 30


def mv(headers: dict[str, str], version: str) -> dict[str, str]:
    """``headers`` asking for block-storage microversion ``version``."""
    return {**headers, "OpenStack-API-Version": f"volume {version}"}


def wait(api, headers, path: str, key: str, status: str, timeout: float = 20.0) -> dict:
    """Poll until the resource reaches ``status`` (or fail with what it is)."""
    deadline = time.monotonic() + timeout
    while True:
        body = api.get(path, headers={**headers, **MV}).json()[key]
        if body["status"] == status:
            return body
        assert body["status"] not in ("error", "error_deleting") or status.startswith("error")
        assert time.monotonic() < deadline, body
        time.sleep(0.05)


def wait_gone(api, headers, path: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while api.get(path, headers=headers).status_code != 404:
        assert time.monotonic() < deadline
        time.sleep(0.05)


def volume_file(cloud, volume_id: str) -> Path:
    return cloud.settings.data_dir / "volumes" / "file-1" / volume_id


def create_volume(api, headers, expect: str = "available", **fields) -> dict:
    """Create a volume and wait for the status it should settle in."""
    body = {"size": 1, **fields}
    response = api.post(VOLUMES, json={"volume": body}, headers={**headers, **MV})
    assert response.status_code == 202, response.text
    volume = response.json()["volume"]
    return wait(api, headers, f"{VOLUMES}/{volume['id']}", "volume", expect)


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


@contextlib.contextmanager
def block_storage_db(cloud):
    """A connection to the block-storage database, for what no API of this
    slice can do (a volume in-use, a project's quota)."""
    engine = sa.create_engine(cloud.settings.database_url("block_storage"))
    try:
        with engine.begin() as connection:
            yield connection
    finally:
        engine.dispose()


def set_status(cloud, volume_id: str, status: str) -> None:
    with block_storage_db(cloud) as db:
        db.execute(
            sa.update(models.Volume).where(models.Volume.id == volume_id).values(status=status)
        )
