"""Object bytes on disk: one file per object version, never changed in place.

A write goes to a temporary name, is fsynced, then renamed to its final name
(and the directory fsynced), so a crash never leaves a half-written object
under a name a row could point at. Which file is an object's is decided by
the database row alone; files no row names (a crash between rename and
commit, or between a row's delete and its file's unlink) are swept at start.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path

BLOCK = 1 << 20


class ObjectFiles:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.staging = root / "staging"
        self.staging.mkdir(parents=True, exist_ok=True)

    def path(self, name: str) -> Path:
        return self.root / name[:2] / name

    def write(self, blocks: Iterable[bytes], limit: int) -> tuple[str, int, str]:
        """Store ``blocks`` durably as a new file: (its name, size, MD5 hex).

        ``limit`` bounds the size; past it, OverflowError. Whatever goes
        wrong, nothing is left behind."""
        name = uuid.uuid4().hex
        staged = self.staging / name
        digest = hashlib.md5(usedforsecurity=False)
        size = 0
        try:
            with staged.open("wb") as out:
                for block in blocks:
                    size += len(block)
                    if size > limit:
                        raise OverflowError(size)
                    digest.update(block)
                    out.write(block)
                out.flush()
                os.fsync(out.fileno())
            final = self.path(name)
            final.parent.mkdir(exist_ok=True)
            staged.rename(final)
            _fsync_directory(final.parent)
        except BaseException:
            staged.unlink(missing_ok=True)
            raise
        return name, size, digest.hexdigest()

    def read(self, name: str, offset: int, length: int) -> Iterator[bytes]:
        with self.path(name).open("rb") as source:
            source.seek(offset)
            while length > 0:
                block = source.read(min(BLOCK, length))
                if not block:
                    return
                length -= len(block)
                yield block

    def remove(self, name: str | None) -> None:
        if name is not None:
            self.path(name).unlink(missing_ok=True)

    def sweep(self, known: set[str]) -> int:
        """Remove staged leftovers and files no row names; how many went."""
        removed = 0
        for path in [*self.staging.iterdir(), *self.root.glob("??/*")]:
            if path.parent == self.staging or path.name not in known:
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
                    removed += 1
        return removed


def _fsync_directory(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
