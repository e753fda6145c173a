"""Copying files that have holes without filling the holes.

A volume file is mostly holes; a plain copy would write every zero. This
walks the data extents (SEEK_DATA / SEEK_HOLE) and copies each in the kernel
(copy_file_range), then sets the length, so the copy is as sparse as the
original and its bytes are identical.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

CHUNK = 1 << 30


def copy(source: Path, target: Path) -> None:
    """Write ``target`` with ``source``'s bytes, durably (fsync)."""
    with source.open("rb") as src, target.open("wb") as dst:
        size = os.fstat(src.fileno()).st_size
        for start, end in extents(src.fileno(), size):
            copy_range(src.fileno(), dst.fileno(), start, end)
        dst.truncate(size)
        dst.flush()
        os.fsync(dst.fileno())


def extents(fd: int, size: int):
    """(start, end) of each stretch of data in the file."""
    position = 0
    while position < size:
        try:
            start = os.lseek(fd, position, os.SEEK_DATA)
        except OSError:  # ENXIO: only a hole remains
            return
        end = os.lseek(fd, start, os.SEEK_HOLE)
        yield start, end
        position = end


def copy_range(src: int, dst: int, start: int, end: int, shift: int = 0) -> None:
    """Bytes [start, end) of ``src`` into ``dst`` at ``start - shift``."""
    offset = start
    while offset < end:
        count = min(CHUNK, end - offset)
        copied = 0
        with contextlib.suppress(OSError):
            copied = os.copy_file_range(src, dst, count, offset, offset - shift)
        if copied <= 0:  # the kernel cannot do it here: copy through memory
            os.lseek(src, offset, os.SEEK_SET)
            os.lseek(dst, offset - shift, os.SEEK_SET)
            copied = os.write(dst, os.read(src, min(count, 1 << 20)))
        offset += copied
