"""The file driver: each volume a sparse file under the backend's directory.

Every write that creates a volume's file goes to a temporary name first and
is renamed into place after an fsync, so a crash never leaves a file that
looks complete but is not; ``discard_partials`` removes what a crash left.
"""

from __future__ import annotations

import contextlib
import os
import typing
from collections.abc import Iterable, Iterator
from pathlib import Path

from pocketstack.block_storage.drivers import sparse

GIB = 1 << 30
PARTIAL = ".partial"


class FileDriver:
    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)

    def path(self, volume_id: str) -> Path:
        return self.root / volume_id

    def create(self, volume_id: str, size_gib: int) -> str:
        """A new, empty volume of the given size; its provider location."""
        with self._writing(volume_id) as f:
            f.truncate(size_gib * GIB)
        return str(self.path(volume_id))

    def create_from_file(self, volume_id: str, source: Path, size_gib: int) -> str:
        """A volume holding ``source``'s bytes, grown to ``size_gib``."""
        partial = self._partial(volume_id)
        sparse.copy(source, partial)
        with partial.open("r+b") as f:
            if f.seek(0, os.SEEK_END) < size_gib * GIB:
                f.truncate(size_gib * GIB)
                os.fsync(f.fileno())
        partial.replace(self.path(volume_id))
        return str(self.path(volume_id))

    def create_from_data(self, volume_id: str, blocks: Iterable[bytes], size_gib: int) -> str:
        """A volume holding the streamed bytes (an image), grown to ``size_gib``."""
        with self._writing(volume_id) as f:
            written = 0
            for block in blocks:
                written += len(block)
                if written > size_gib * GIB:
                    raise ValueError("the data is larger than the volume")
                f.write(block)
            f.truncate(size_gib * GIB)
        return str(self.path(volume_id))

    def read(self, volume_id: str, block_size: int = 1 << 20) -> Iterator[bytes]:
        with self.path(volume_id).open("rb") as f:
            while block := f.read(block_size):
                yield block

    def extend(self, volume_id: str, size_gib: int) -> None:
        with self.path(volume_id).open("r+b") as f:
            f.truncate(size_gib * GIB)
            os.fsync(f.fileno())

    def delete(self, volume_id: str) -> None:
        for path in (self.path(volume_id), self._partial(volume_id)):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()

    def exists(self, volume_id: str) -> bool:
        return self.path(volume_id).exists()

    def discard_partials(self) -> None:
        for path in (*self.root.glob("*" + PARTIAL), *self.snapshots.glob("*" + PARTIAL)):
            path.unlink(missing_ok=True)

    def create_with(
        self, volume_id: str, size_gib: int, fill: typing.Callable[[typing.BinaryIO], None]
    ) -> str:
        """A volume whose bytes ``fill`` writes into a new sparse file (a
        restore), replacing any old bytes at once when it is done."""
        with self._writing(volume_id) as f:
            fill(f)
            if f.seek(0, os.SEEK_END) < size_gib * GIB:
                f.truncate(size_gib * GIB)
        return str(self.path(volume_id))

    # Snapshots: a sparse copy of the volume's file under <root>/snapshots.

    @property
    def snapshots(self) -> Path:
        return self.root / "snapshots"

    def snapshot_path(self, snapshot_id: str) -> Path:
        return self.snapshots / snapshot_id

    def create_snapshot(self, volume_id: str, snapshot_id: str) -> str:
        self.snapshots.mkdir(exist_ok=True)
        partial = self.snapshots / (snapshot_id + PARTIAL)
        sparse.copy(self.path(volume_id), partial)
        partial.replace(self.snapshot_path(snapshot_id))
        return str(self.snapshot_path(snapshot_id))

    def revert_to_snapshot(self, volume_id: str, snapshot_id: str, size_gib: int) -> None:
        """The snapshot's bytes replace the volume's, at once when copied."""
        self.create_from_file(volume_id, self.snapshot_path(snapshot_id), size_gib)

    def delete_snapshot(self, snapshot_id: str) -> None:
        for path in (self.snapshot_path(snapshot_id), self.snapshots / (snapshot_id + PARTIAL)):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()

    def _partial(self, volume_id: str) -> Path:
        return self.root / (volume_id + PARTIAL)

    @contextlib.contextmanager
    def _writing(self, volume_id: str) -> Iterator[typing.BinaryIO]:
        partial = self._partial(volume_id)
        try:
            with partial.open("wb") as f:
                yield f
                f.flush()
                os.fsync(f.fileno())
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        partial.replace(self.path(volume_id))
