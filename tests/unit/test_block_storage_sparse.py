"""Sparse copies: identical bytes, and the holes stay holes."""

from __future__ import annotations

from pocketstack.block_storage.drivers import sparse


def test_a_copy_has_the_same_bytes_and_stays_sparse(tmp_path):
    source = tmp_path / "source"
    with source.open("wb") as f:
        f.truncate(256 << 20)
        for offset in (0, 100 << 20, (256 << 20) - 5):
            f.seek(offset)
            f.write(b"data!")
    target = tmp_path / "target"
    sparse.copy(source, target)
    assert target.stat().st_size == source.stat().st_size
    with source.open("rb") as a, target.open("rb") as b:
        for offset in (0, 100 << 20, (256 << 20) - 5, 50 << 20):
            a.seek(offset)
            b.seek(offset)
            assert a.read(5) == b.read(5)
    # Three written blocks, not 256 MiB of zeros.
    assert target.stat().st_blocks * 512 < 4 << 20


def test_an_all_hole_file_copies_to_an_all_hole_file(tmp_path):
    source = tmp_path / "empty"
    with source.open("wb") as f:
        f.truncate(1 << 30)
    target = tmp_path / "copy"
    sparse.copy(source, target)
    assert target.stat().st_size == 1 << 30
    assert target.stat().st_blocks == 0
