"""Image upload and download speed next to a plain file copy on the same disk.

    python benchmarks/image_transfer.py [--size-mb 1024]

Starts a real ``pocketstack up`` on a free port with a fresh data dir (in the
system temp dir), uploads SIZE MiB of random bytes with openstacksdk, downloads
them again, checks the bytes are identical, and prints MB/s for each beside
copies of the same file on the same disk in the same run, under the
conditions the upload meets (the source freshly written, so in the page
cache): a plain copy through this process in 1 MiB blocks ended by fsync,
which like an upload must be on disk before it counts, and for reference
the kernel's copy (copy_file_range), which may end in the page cache
without waiting for the disk. The client sends and receives 1 MiB blocks,
so its own overhead stays small. Each timed transfer starts after a sync,
so none pays for another's dirty pages.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import tempfile
import time
from pathlib import Path

import openstack

from pocketstack.conformance import Server

BLOCK = 1 << 20


def timed_copy(source: Path, target: Path, durable: bool) -> float:
    os.sync()  # every timed transfer starts with nothing dirty to flush
    started = time.perf_counter()
    if durable:
        with open(source, "rb") as reading, open(target, "wb") as writing:
            shutil.copyfileobj(reading, writing, BLOCK)
            writing.flush()
            os.fsync(writing.fileno())
    else:
        shutil.copyfile(source, target)
    seconds = time.perf_counter() - started
    target.unlink()
    return seconds


class BlockReader:
    """A file that hands http.client 1 MiB per read instead of the 8 KiB it
    asks for, and tells requests its length (so no chunked encoding)."""

    def __init__(self, path: Path) -> None:
        self.file = open(path, "rb")  # noqa: SIM115 - closed by the caller
        self.size = path.stat().st_size

    def __len__(self) -> int:
        return self.size

    def read(self, _size: int = -1) -> bytes:
        return self.file.read(BLOCK)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=1024)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="image-bench-"))
    source = work / "source.raw"
    with open(source, "wb") as out:
        for _ in range(args.size_mb):
            out.write(os.urandom(1 << 20))
    megabytes = args.size_mb * (1 << 20) / 1e6
    server = Server(work / "data")
    server.data_dir.mkdir()
    server.start()
    try:
        copy_s = timed_copy(source, work / "copy.raw", durable=True)
        kernel_copy_s = timed_copy(source, work / "copy.raw", durable=False)
        os.environ["OS_CLIENT_CONFIG_FILE"] = str(server.clouds_yaml)
        conn = openstack.connect(cloud="devstack")
        image = conn.image.create_image(name="bench", disk_format="raw", container_format="bare")
        started = time.perf_counter()
        reader = BlockReader(source)
        os.sync()
        response = conn.session.put(
            f"{server.url}/image/v2/images/{image.id}/file",
            data=reader,
            headers={"Content-Type": "application/octet-stream"},
        )
        reader.file.close()
        upload_s = time.perf_counter() - started
        assert response.status_code == 204, response.text
        digest = hashlib.md5(usedforsecurity=False)
        os.sync()
        started = time.perf_counter()
        with open(work / "download.raw", "wb") as out:
            for block in conn.image.download_image(image.id, stream=True).iter_content(BLOCK):
                out.write(block)
        download_s = time.perf_counter() - started
        with open(work / "download.raw", "rb") as back:
            while block := back.read(1 << 20):
                digest.update(block)
        identical = digest.hexdigest() == conn.image.get_image(image.id).checksum
    finally:
        server.stop()
        shutil.rmtree(work)
    print(f"{args.size_mb} MiB image")
    print(f"  plain file copy (1 MiB blocks, fsync): {megabytes / copy_s:8.1f} MB/s")
    print(f"  kernel file copy (copy_file_range):    {megabytes / kernel_copy_s:8.1f} MB/s")
    for label, seconds in (("image upload:", upload_s), ("image download:", download_s)):
        share = 100 * copy_s / seconds
        print(f"  {label:38} {megabytes / seconds:8.1f} MB/s ({share:.0f}% of the plain copy)")
    print(f"  downloaded bytes identical to the upload: {identical}")


if __name__ == "__main__":
    main()
