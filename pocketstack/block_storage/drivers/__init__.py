"""Volume drivers: where a backend keeps the bytes of its volumes.

A driver knows nothing of the database or the API; the volume manager calls
it and moves statuses on. ``file`` is the default: each volume is a sparse
file, so a 1 TiB volume costs only the blocks written to it.
"""

from __future__ import annotations

from pathlib import Path

from pocketstack.block_storage.drivers.file import FileDriver

DRIVERS = {"file": FileDriver}


def make(kind: str, root: Path) -> FileDriver:
    try:
        return DRIVERS[kind](root)
    except KeyError:
        raise ValueError(f"unknown volume driver {kind!r}; known: {sorted(DRIVERS)}") from None
