"""Object data files: written whole or not at all, and swept when unnamed."""

from __future__ import annotations

import hashlib

import pytest

from pocketstack.object_store.store import ObjectFiles


def test_write_stores_the_bytes_under_a_new_name(tmp_path):
    files = ObjectFiles(tmp_path)
    name, size, md5 = files.write([b"abc", b"def"], limit=100)
    assert (size, md5) == (6, hashlib.md5(b"abcdef").hexdigest())
    assert files.path(name).read_bytes() == b"abcdef"
    assert b"".join(files.read(name, 2, 3)) == b"cde"
    assert list(files.staging.iterdir()) == []


def test_a_write_that_fails_leaves_nothing(tmp_path):
    files = ObjectFiles(tmp_path)

    def broken():
        yield b"half"
        raise ConnectionError("client went away")

    with pytest.raises(ConnectionError):
        files.write(broken(), limit=100)
    with pytest.raises(OverflowError):
        files.write([b"x" * 11], limit=10)
    assert list(files.staging.iterdir()) == []
    assert list(tmp_path.glob("??/*")) == []


def test_sweep_removes_staged_and_unnamed_files_only(tmp_path):
    files = ObjectFiles(tmp_path)
    kept, _, _ = files.write([b"kept"], limit=100)
    orphan, _, _ = files.write([b"orphan"], limit=100)
    (files.staging / "interrupted").write_bytes(b"half")
    assert files.sweep({kept}) == 2
    assert files.path(kept).exists() and not files.path(orphan).exists()
    assert list(files.staging.iterdir()) == []
