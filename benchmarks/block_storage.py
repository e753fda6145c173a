"""Block storage: create latency, concurrent create throughput, and
snapshot / backup copy speed next to a plain file copy.

    python benchmarks/block_storage.py [--creates 200] [--concurrent 50] [--copy-gib 1]

Starts a real ``pocketstack up`` on a free port with a fresh data dir (in
the system temp dir, quotas lifted) and prints:

- create → available latency, p50 and p99 over ``--creates`` volumes made
  one after another (a POST, then GETs every 2 ms until ``available``);
- the throughput of ``--concurrent`` creates sent at once (volumes made
  available per second, from the first POST to the last one available);
- MB/s of a snapshot and of a backup of a volume holding ``--copy-gib`` GiB
  of random bytes, beside a plain copy of that file (1 MiB blocks, fsync)
  in the same run; each copy is checked byte for byte by making a volume
  from it and comparing digests.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import hashlib
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import openstack

from pocketstack.conformance import Server

BLOCK = 1 << 20
UNLIMITED = ("volumes", "snapshots", "gigabytes", "backups", "backup_gigabytes")


def wait_available(conn, url: str, key: str) -> None:
    while True:
        status = conn.session.get(url).json()[key]["status"]
        if status == "available":
            return
        if status.startswith("error"):
            raise RuntimeError(f"{url} went to {status}")
        time.sleep(0.002)


def create_and_wait(conn, base: str) -> float:
    started = time.perf_counter()
    response = conn.session.post(f"{base}/volumes", json={"volume": {"size": 1}})
    volume_id = response.json()["volume"]["id"]
    wait_available(conn, f"{base}/volumes/{volume_id}", "volume")
    return time.perf_counter() - started


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def digest(path: Path) -> str:
    hashed = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(BLOCK):
            hashed.update(block)
    return hashed.hexdigest()


def plain_copy_seconds(source: Path, target: Path) -> float:
    os.sync()
    started = time.perf_counter()
    with source.open("rb") as reading, target.open("wb") as writing:
        shutil.copyfileobj(reading, writing, BLOCK)
        writing.flush()
        os.fsync(writing.fileno())
    seconds = time.perf_counter() - started
    target.unlink()
    return seconds


def timed(conn, create, url_of, key: str) -> tuple[str, float]:
    os.sync()
    started = time.perf_counter()
    resource_id = create()
    wait_available(conn, url_of(resource_id), key)
    return resource_id, time.perf_counter() - started


def copies(conn, base: str, server: Server, gib: int) -> None:
    volumes_dir = server.data_dir / "volumes" / "file-1"
    volume = conn.block_storage.create_volume(size=gib, name="copy-source")
    wait_available(conn, f"{base}/volumes/{volume.id}", "volume")
    source = volumes_dir / volume.id
    with source.open("r+b") as f:
        for _ in range(gib * 1024):
            f.write(os.urandom(BLOCK))
        f.flush()
        os.fsync(f.fileno())
    expected = digest(source)
    megabytes = gib * (1 << 30) / 1e6
    copy_s = plain_copy_seconds(source, source.with_name("plain-copy"))
    snapshot_id, snapshot_s = timed(
        conn,
        lambda: conn.block_storage.create_snapshot(volume_id=volume.id, force=True).id,
        lambda i: f"{base}/snapshots/{i}",
        "snapshot",
    )
    backup_id, backup_s = timed(
        conn,
        lambda: conn.block_storage.create_backup(volume_id=volume.id, force=True).id,
        lambda i: f"{base}/backups/{i}",
        "backup",
    )
    from_snapshot = conn.block_storage.create_volume(snapshot_id=snapshot_id, size=gib)
    wait_available(conn, f"{base}/volumes/{from_snapshot.id}", "volume")
    restored = conn.block_storage.restore_backup(backup_id, name="restored")
    wait_available(conn, f"{base}/volumes/{restored['volume_id']}", "volume")
    print(f"{gib} GiB of random bytes")
    print(f"  plain file copy (1 MiB blocks, fsync): {megabytes / copy_s:8.1f} MB/s")
    for label, seconds in (("snapshot:", snapshot_s), ("backup:", backup_s)):
        share = 100 * copy_s / seconds
        print(f"  {label:38} {megabytes / seconds:8.1f} MB/s ({share:.0f}% of the plain copy)")
    print(
        "  bytes identical after snapshot → volume:",
        digest(volumes_dir / from_snapshot.id)[:64] == expected,
    )
    restored_path = volumes_dir / restored["volume_id"]
    print("  bytes identical after backup → restore:", digest(restored_path) == expected)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--creates", type=int, default=200)
    parser.add_argument("--concurrent", type=int, default=50)
    parser.add_argument("--copy-gib", type=int, default=1)
    args = parser.parse_args()
    for resource in UNLIMITED:
        os.environ[f"POCKETSTACK_BLOCK_STORAGE__QUOTA_{resource.upper()}"] = "-1"
    work = Path(tempfile.mkdtemp(prefix="block-storage-bench-"))
    server = Server(work)
    server.start()
    try:
        os.environ["OS_CLIENT_CONFIG_FILE"] = str(server.clouds_yaml)
        conn = openstack.connect(cloud="devstack-admin", block_storage_api_version="3")
        base = f"{server.url}/volume/v3"
        latencies = [create_and_wait(conn, base) for _ in range(args.creates)]
        started = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(args.concurrent) as pool:
            list(pool.map(lambda _: create_and_wait(conn, base), range(args.concurrent)))
        burst_s = time.perf_counter() - started
        print(f"create → available over {args.creates} volumes, one at a time:")
        print(
            f"  p50 {1000 * statistics.median(latencies):.1f} ms, "
            f"p99 {1000 * percentile(latencies, 0.99):.1f} ms"
        )
        print(
            f"{args.concurrent} concurrent creates: {args.concurrent / burst_s:.1f} volumes/s "
            f"({burst_s:.2f} s in all)"
        )
        copies(conn, base, server, args.copy_gib)
    finally:
        server.stop()
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
