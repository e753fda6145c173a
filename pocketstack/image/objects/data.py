"""Image data in: uploads and staging, streamed into a store.

The status moves first (queued → saving, or → uploading for staging) by
compare-and-swap, so two uploads can never both write; the data is written to
a temporary file and renamed into place, and only then is the image made
active in one more compare-and-swap. Any failure puts the image back to
queued (Glance's _restore) and leaves no data behind.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from pocketstack import timeutils
from pocketstack.db import Database
from pocketstack.image import errors, models
from pocketstack.image.objects import image as images
from pocketstack.image.objects.inspection import DataRefused, FormatCheck
from pocketstack.image.stores.file import FileStore, SizeExceeded, Written
from pocketstack.transitions import TransitionRefused

LOG = logging.getLogger(__name__)


def require_formats(image: models.Image) -> None:
    missing = [k for k in ("disk_format", "container_format") if not getattr(image, k)]
    if missing:
        noun = "Property" if len(missing) == 1 else "Properties"
        raise errors.bad_request(f"{noun} {', '.join(missing)} must be set prior to saving data.")


def receive(
    database: Database,
    store: FileStore,
    image: models.Image,
    blocks: Iterable[bytes],
    max_size: int,
    staging: bool = False,
) -> Written:
    """Write the image's data; the image is already saving (or uploading).
    Data for the image itself is checked to be of its disk_format; staged
    data is checked when it is imported."""
    image_id = image.id
    check = None if staging else FormatCheck(image.disk_format, image.container_format, blocks)
    try:
        written = store.write(image_id, check or blocks, max_size)
    except SizeExceeded:
        _restore(database, image_id)
        raise errors.too_large(
            "The incoming image is too large: The provided image is too large."
        ) from None
    except BaseException:
        _restore(database, image_id)
        raise
    try:
        virtual_size = check.virtual_size() if check else None
    except DataRefused as refused:
        store.delete(written.url)
        _restore(database, image_id)
        raise errors.unsupported_media_type("application/octet-stream", str(refused)) from None
    try:
        with database.transaction() as session:
            if staging:
                session.get(models.Image, image_id).size = written.size
            else:
                activate(session, image_id, written, store.id, virtual_size)
    except (TransitionRefused, errors.GlanceError, AttributeError):
        store.delete(written.url)
        raise errors.GlanceError(
            f"Image {image_id} could not be found after upload. The image may have been "
            "deleted during the upload, cleaning up the chunks uploaded.",
            status=410,
        ) from None
    return written


def activate(
    session, image_id: str, written: Written, store_id: str, virtual_size: int | None
) -> None:
    """saving/importing → active with the data's facts, and its location."""
    images.IMAGE.apply(
        session,
        "activate",
        image_id,
        values={
            "size": written.size,
            "checksum": written.checksum,
            "os_hash_algo": written.os_hash_algo,
            "os_hash_value": written.os_hash_value,
            "virtual_size": virtual_size,
            "updated_at": timeutils.utcnow(),
        },
        where=[models.Image.deleted.is_(False)],
    )
    add_location(session, image_id, written.url, store_id)


def add_location(session, image_id: str, url: str, store_id: str | None) -> None:
    session.add(
        models.ImageLocation(
            image_id=image_id, url=url, meta_data={"store": store_id} if store_id else {}
        )
    )
    session.flush()


def _restore(database: Database, image_id: str) -> None:
    try:
        with database.transaction() as session:
            images.IMAGE.apply(
                session, "restore", image_id, values={"updated_at": timeutils.utcnow()}
            )
    except TransitionRefused:
        LOG.info("image %s was not restored to queued: it moved on", image_id)
