"""A store that keeps each image as one file in a directory.

Writes go to a temporary file in the same directory, hashed as they stream
(md5 for ``checksum``, sha512 for ``os_hash_value``), are fsynced, and only
then renamed into place: a crash mid-write leaves a ``.part`` file that
``discard_partials`` removes, never a half-written image under its name.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import hashlib
import os
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import unquote, urlparse

READ_BLOCK = 1 << 20
# Two hashers and a writer share each block; hashlib releases the GIL on
# large buffers, so the three run side by side.
_HASHERS = concurrent.futures.ThreadPoolExecutor(max_workers=4, thread_name_prefix="hash")


class SizeExceeded(Exception):
    """The data grew past the size it was allowed."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(f"data exceeds {limit} bytes")


@dataclasses.dataclass(frozen=True)
class Written:
    url: str
    size: int
    checksum: str
    os_hash_algo: str
    os_hash_value: str


class FileStore:
    type = "file"

    def __init__(self, store_id: str, directory: Path) -> None:
        self.id = store_id
        self.directory = directory
        self.directory.mkdir(parents=True, exist_ok=True)

    def url_for(self, image_id: str) -> str:
        return (self.directory / image_id).as_uri()

    def holds(self, url: str) -> bool:
        return self.path_of(url).parent == self.directory

    @staticmethod
    def path_of(url: str) -> Path:
        parsed = urlparse(url)
        return Path(unquote(parsed.path))

    def write(self, image_id: str, blocks: Iterable[bytes], max_size: int) -> Written:
        """Store ``blocks`` as the image's data, or raise and leave nothing."""
        final = self.directory / image_id
        partial = self.directory / f"{image_id}.{uuid.uuid4().hex}.part"
        md5, sha512 = hashlib.md5(usedforsecurity=False), hashlib.sha512()
        size = 0
        try:
            with open(partial, "wb", buffering=0) as out:
                for block in blocks:
                    size += len(block)
                    if size > max_size:
                        raise SizeExceeded(max_size)
                    hashing = [_HASHERS.submit(h.update, block) for h in (md5, sha512)]
                    out.write(block)
                    for future in hashing:
                        future.result()
                os.fsync(out.fileno())
            os.replace(partial, final)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        return Written(final.as_uri(), size, md5.hexdigest(), "sha512", sha512.hexdigest())

    def read(self, url: str, offset: int = 0, length: int | None = None) -> Iterator[bytes]:
        with open(self.path_of(url), "rb") as data:
            data.seek(offset)
            remaining = length
            while remaining is None or remaining > 0:
                want = READ_BLOCK if remaining is None else min(READ_BLOCK, remaining)
                block = data.read(want)
                if not block:
                    return
                if remaining is not None:
                    remaining -= len(block)
                yield block

    def exists(self, url: str) -> bool:
        return self.path_of(url).is_file()

    def delete(self, url: str) -> None:
        self.path_of(url).unlink(missing_ok=True)

    def used_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.directory.iterdir() if p.is_file())

    def discard_partials(self) -> int:
        """Remove what writes cut short by a crash left behind."""
        partials = list(self.directory.glob("*.part"))
        for partial in partials:
            partial.unlink(missing_ok=True)
        return len(partials)
