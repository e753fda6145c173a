"""Adding a location to a queued image: the data is already in a store (Nova
uploads a snapshot there); the image becomes active with its real hashes,
checked against the caller's validation data."""

from __future__ import annotations

import hashlib

from sqlalchemy import orm

from pocketstack.image import errors, models
from pocketstack.image.objects import data
from pocketstack.image.stores.file import FileStore, Written

HASH_LENGTHS = {"md5": 32, "sha1": 40, "sha256": 64, "sha512": 128}


def add(
    session: orm.Session, image: models.Image, url: str, store: FileStore, validation: dict
) -> None:
    data.require_formats(image)
    algo, value = validation.get("os_hash_algo"), validation.get("os_hash_value")
    if value is not None:
        try:
            int(value, 16)
        except ValueError:
            raise errors.bad_request(
                f"os_hash_value ({value}) is not a valid hexadecimal value"
            ) from None
        if len(value) != HASH_LENGTHS[algo]:
            raise errors.bad_request(
                f"os_hash_value: ({value}) is not the correct size for "
                f"{algo} ({HASH_LENGTHS[algo]} characters)"
            )
    written = measure(store, url)
    if algo is not None:
        actual = hashlib.new(algo)
        for block in store.read(url):
            actual.update(block)
        if actual.hexdigest() != value.lower():
            raise errors.conflict(f"os_hash_value of the data does not match {value}")
    data.activate(session, image.id, written, store.id, None)


def measure(store: FileStore, url: str) -> Written:
    md5, sha512, size = hashlib.md5(usedforsecurity=False), hashlib.sha512(), 0
    for block in store.read(url):
        md5.update(block)
        sha512.update(block)
        size += len(block)
    return Written(url, size, md5.hexdigest(), "sha512", sha512.hexdigest())
