"""Image upload and download speed next to a plain file copy on the same disk.

Run:  python benchmarks/image_transfer.py [--size-mb 1024]

Starts a real ``pocketstack up`` on a free port with a fresh data dir (in
the system temp dir), uploads SIZE MiB of random bytes with openstacksdk,
downloads them again, checks the bytes are identical, and prints MB/s for
each next to ``shutil.copyfile`` of the same file on the same disk.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.conformance.conftest import LiveCloud  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size-mb", type=int, default=1024)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="image-bench-"))
    source = work / "source.raw"
    with open(source, "wb") as out:
        for _ in range(args.size_mb):
            out.write(os.urandom(1 << 20))
    size_mb = args.size_mb * (1 << 20) / 1e6
    cloud = LiveCloud(work / "data")
    cloud.data_dir.mkdir()
    cloud.start()
    try:
        os.environ["OS_CLIENT_CONFIG_FILE"] = str(cloud.clouds_yaml)
        import openstack

        conn = openstack.connect(cloud="devstack")
        started = time.perf_counter()
        shutil.copyfile(source, work / "copy.raw")
        copy_s = time.perf_counter() - started
        image = conn.image.create_image(name="bench", disk_format="raw",
                                        container_format="bare")
        started = time.perf_counter()
        with open(source, "rb") as data:
            response = conn.session.put(
                f"{cloud.url}/image/v2/images/{image.id}/file", data=data,
                headers={"Content-Type": "application/octet-stream"})
        upload_s = time.perf_counter() - started
        assert response.status_code == 204, response.text
        started = time.perf_counter()
        digest = hashlib.md5(usedforsecurity=False)
        with open(work / "download.raw", "wb") as out:
            for block in conn.image.download_image(image.id, stream=True).iter_content(1 << 20):
                out.write(block)
        download_s = time.perf_counter() - started
        with open(work / "download.raw", "rb") as back:
            while block := back.read(1 << 20):
                digest.update(block)
        identical = digest.hexdigest() == conn.image.get_image(image.id).checksum
    finally:
        cloud.stop()
    print(f"{args.size_mb} MiB image, {work}")
    print(f"  plain file copy: {size_mb / copy_s:8.1f} MB/s")
    print(f"  image upload:    {size_mb / upload_s:8.1f} MB/s "
          f"({100 * copy_s / upload_s:.0f}% of the copy)")
    print(f"  image download:  {size_mb / download_s:8.1f} MB/s "
          f"({100 * copy_s / download_s:.0f}% of the copy)")
    print(f"  downloaded bytes identical to the upload: {identical}")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
