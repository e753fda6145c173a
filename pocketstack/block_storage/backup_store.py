"""The backup store: each backup a directory of fixed-size chunks and a
manifest, under DATA_DIR/backups.

A volume is read in ``CHUNK`` sized pieces; holes and all-zero pieces are
not stored. Each stored piece is named by its index and recorded in the
manifest with its SHA-256 and the backup that holds it. A full backup holds
every piece itself; an incremental one compares each piece's hash with its
parent's manifest and holds only those that changed, pointing at the
ancestor's copy for the rest. A restore writes every piece the manifest
lists from wherever it is held, checking each hash, into a sparse file, so
the bytes come back exactly. A backup is written into ``<id>.partial`` and
renamed when complete: a crash never leaves a backup that looks whole.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import typing
from pathlib import Path

from pocketstack.block_storage.drivers import sparse

# Large enough that a GiB is a few dozen files to write and sync, small
# enough that an incremental backup after a small change stays small.
CHUNK = 8 << 20
ZEROS = bytes(CHUNK)
MANIFEST = "manifest.json"
PARTIAL = ".partial"
SERVICE = "pocketstack.block_storage.backup_store"


class CorruptBackup(Exception):
    """A stored piece is missing or its bytes do not match its hash."""


class Written(typing.NamedTuple):
    size_bytes: int
    # The pieces this backup holds itself (Cinder's object_count).
    object_count: int


class BackupStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)

    def write(self, backup_id: str, source: Path, parent_id: str | None = None) -> Written:
        """Back up ``source``'s bytes; with a parent, only what changed."""
        inherited = self._pieces(parent_id) if parent_id else {}
        partial = self.root / (backup_id + PARTIAL)
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir()
        pieces: dict[int, tuple[str, str]] = {}
        written: list[Path] = []
        with source.open("rb") as f:
            size = os.fstat(f.fileno()).st_size
            for index in _data_pieces(f.fileno(), size):
                f.seek(index * CHUNK)
                data = f.read(CHUNK)
                if data == ZEROS[: len(data)]:
                    continue
                digest = hashlib.sha256(data).hexdigest()
                if inherited.get(index, ("", ""))[0] == digest:
                    pieces[index] = inherited[index]
                    continue
                path = partial / _name(index)
                _copy_piece(f.fileno(), index * CHUNK, len(data), path)
                written.append(path)
                pieces[index] = (digest, backup_id)
        # Synced together at the end, so the disk writes back while reading.
        for path in written:
            _sync(path)
        manifest = {
            "size": size,
            "chunk_size": CHUNK,
            "parent_id": parent_id,
            "pieces": [[i, d, holder] for i, (d, holder) in sorted(pieces.items())],
        }
        _write_durably(partial / MANIFEST, json.dumps(manifest).encode())
        partial.replace(self.root / backup_id)
        own = sum(1 for _, holder in pieces.values() if holder == backup_id)
        return Written(size, own)

    def restore_into(self, backup_id: str, target: typing.BinaryIO) -> int:
        """Write the backup's bytes into ``target`` (a new, empty file);
        the number of bytes the backup holds."""
        manifest = self._manifest(backup_id)
        for index, digest, holder in manifest["pieces"]:
            path = self.root / holder / _name(index)
            try:
                data = path.read_bytes()
            except FileNotFoundError:
                raise CorruptBackup(f"piece {index} of backup {backup_id} is missing") from None
            if hashlib.sha256(data).hexdigest() != digest:
                raise CorruptBackup(f"piece {index} of backup {backup_id} is damaged")
            target.seek(index * manifest["chunk_size"])
            target.write(data)
        target.truncate(max(manifest["size"], target.seek(0, os.SEEK_END)))
        return manifest["size"]

    def exists(self, backup_id: str) -> bool:
        return (self.root / backup_id / MANIFEST).exists()

    def delete(self, backup_id: str) -> None:
        """Drop the backup's own pieces (its dependants are gone by then:
        the API refuses to delete a backup others are built on)."""
        shutil.rmtree(self.root / backup_id, ignore_errors=True)
        shutil.rmtree(self.root / (backup_id + PARTIAL), ignore_errors=True)

    def discard_partials(self) -> None:
        for path in self.root.glob("*" + PARTIAL):
            shutil.rmtree(path, ignore_errors=True)

    def _manifest(self, backup_id: str) -> dict[str, typing.Any]:
        try:
            return json.loads((self.root / backup_id / MANIFEST).read_bytes())
        except FileNotFoundError:
            raise CorruptBackup(f"backup {backup_id} has no data in the store") from None

    def _pieces(self, backup_id: str) -> dict[int, tuple[str, str]]:
        return {i: (d, holder) for i, d, holder in self._manifest(backup_id)["pieces"]}


def _data_pieces(fd: int, size: int) -> typing.Iterator[int]:
    """The index of every piece that has data (holes need no reading)."""
    last = -1
    for start, end in sparse.extents(fd, size):
        for index in range(max(start // CHUNK, last + 1), (end - 1) // CHUNK + 1):
            last = index
            yield index


def _name(index: int) -> str:
    return f"{index:010d}"


def _copy_piece(source: int, offset: int, length: int, path: Path) -> None:
    """The piece's bytes into its own file, copied in the kernel (the piece
    was already read once, to hash it)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        sparse.copy_range(source, descriptor, offset, offset + length, shift=offset)
    finally:
        os.close(descriptor)


def _sync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _write_durably(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    _sync(path)
