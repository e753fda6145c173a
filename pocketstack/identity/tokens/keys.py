"""Fernet key repositories, laid out and rotated as keystone-manage does.

A repository is a directory of numbered key files: ``0`` is the staged key
(every process already accepts it, so it can be promoted safely), the highest
number is the primary that encrypts, the rest only decrypt until rotated out.
Any process holding the directory validates tokens without the database; a
running process picks up a rotation within a second.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet


class KeyRepository:
    def __init__(self, directory: Path, max_active_keys: int = 3) -> None:
        self.directory = directory
        self.max_active_keys = max(max_active_keys, 2)
        self._lock = threading.Lock()
        self._fernet: MultiFernet | None = None
        self._loaded_mtime = 0.0
        self._checked_at = 0.0

    def setup(self) -> None:
        """Create the staged and first primary key if there are none."""
        self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not self._indexes():
            self._write_key(0)
            self._write_key(1)

    def rotate(self) -> None:
        """Promote the staged key to primary, stage a new one, drop the oldest."""
        indexes = self._indexes()
        new_primary = max(indexes) + 1
        os.replace(self.directory / "0", self.directory / str(new_primary))
        self._write_key(0)
        secondaries = sorted(i for i in self._indexes() if i not in (0, new_primary))
        excess = len(secondaries) + 2 - self.max_active_keys
        for index in secondaries[: max(excess, 0)]:
            (self.directory / str(index)).unlink()

    def encrypt(self, payload: bytes) -> str:
        return self._current().encrypt(payload).decode().rstrip("=")

    def decrypt(self, token: str) -> bytes:
        """The payload; raises cryptography's InvalidToken if no key opens it."""
        padded = token + "=" * (-len(token) % 4)
        return self._current().decrypt(padded.encode())

    def _current(self) -> MultiFernet:
        now = time.monotonic()
        if self._fernet is not None and now - self._checked_at < 1.0:
            return self._fernet
        with self._lock:
            self._checked_at = now
            mtime = self.directory.stat().st_mtime
            if self._fernet is None or mtime != self._loaded_mtime:
                self._fernet = self._load()
                self._loaded_mtime = mtime
            return self._fernet

    def _load(self) -> MultiFernet:
        # Primary first: MultiFernet encrypts with its first key.
        indexes = sorted(self._indexes(), reverse=True)
        if not indexes:
            raise RuntimeError(f"no Fernet keys in {self.directory}")
        keys = [Fernet((self.directory / str(i)).read_bytes().strip()) for i in indexes if i]
        return MultiFernet([*keys, Fernet((self.directory / "0").read_bytes().strip())])

    def _indexes(self) -> list[int]:
        if not self.directory.is_dir():
            return []
        return [int(p.name) for p in self.directory.iterdir() if p.name.isdigit()]

    def _write_key(self, index: int) -> None:
        path = self.directory / str(index)
        temporary = path.with_suffix(".tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(Fernet.generate_key())
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporary, path)


__all__ = ["InvalidToken", "KeyRepository"]
