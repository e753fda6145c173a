"""Group snapshot copies on a file backend: each member volume's bytes are
copied (sparsely) to ``<backend root>/group_snapshots/<group snapshot id>/
<volume id>``, through a partial name renamed into place after fsync."""

from __future__ import annotations

import shutil
from pathlib import Path

from pocketstack.block_storage.drivers import sparse
from pocketstack.block_storage.drivers.file import FileDriver

DIRECTORY = "group_snapshots"
PARTIAL = ".partial"


def directory(driver: FileDriver, group_snapshot_id: str) -> Path:
    return driver.root / DIRECTORY / group_snapshot_id


def path(driver: FileDriver, group_snapshot_id: str, volume_id: str) -> Path:
    return directory(driver, group_snapshot_id) / volume_id


def copy_member(driver: FileDriver, group_snapshot_id: str, volume_id: str) -> None:
    """Copy the volume's current bytes into the group snapshot."""
    target = path(driver, group_snapshot_id, volume_id)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(volume_id + PARTIAL)
    try:
        sparse.copy(driver.path(volume_id), partial)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(target)


def delete(driver: FileDriver, group_snapshot_id: str) -> None:
    shutil.rmtree(directory(driver, group_snapshot_id), ignore_errors=True)


def discard_partials(driver: FileDriver) -> None:
    for partial in (driver.root / DIRECTORY).glob("*/*" + PARTIAL):
        partial.unlink(missing_ok=True)
