"""Objects: rows naming their data file, replaced whole by each PUT.

A PUT's bytes are already in their own new file when its row is written;
the row is inserted, or the existing row is pointed at the new file, and
the file it named before is the caller's to remove once the transaction
has committed (a crash before then leaves only an unnamed file, swept at
start).
"""

from __future__ import annotations

import dataclasses
import datetime
import uuid

import sqlalchemy as sa
from sqlalchemy import exc, orm

from pocketstack import timeutils
from pocketstack.object_store import errors
from pocketstack.object_store.models import Container, StoredObject

MAX_NAME_LENGTH = 1024


@dataclasses.dataclass(frozen=True)
class Version:
    """What a PUT stores: the object's data (a file or a manifest) and metadata."""

    size: int
    etag: str
    content_type: str
    meta: dict[str, str]
    file: str | None = None
    manifest: list[dict] | None = None


def check_name(name: str) -> None:
    if len(name.encode()) > MAX_NAME_LENGTH:
        raise errors.bad_request(
            f"Object name length of {len(name.encode())} longer than {MAX_NAME_LENGTH}"
        )


def find(session: orm.Session, container: Container, name: str) -> StoredObject:
    found = session.scalar(
        sa.select(StoredObject).where(
            StoredObject.container_id == container.id, StoredObject.name == name
        )
    )
    if found is None:
        raise errors.not_found()
    return found


def put(
    session: orm.Session, container: Container, name: str, version: Version
) -> tuple[StoredObject, str | None]:
    """Store ``version`` as the object ``name``: (its row, the file it replaced)."""
    fields = dataclasses.asdict(version) | {"last_modified": timeutils.utcnow()}
    for _attempt in range(2):  # a racing delete can undo what the first saw
        row = session.scalar(
            sa.select(StoredObject)
            .where(StoredObject.container_id == container.id, StoredObject.name == name)
            .with_for_update()
        )
        if row is not None:
            replaced = row.file
            for field, value in fields.items():
                setattr(row, field, value)
            return row, replaced
        try:
            with session.begin_nested():
                row = StoredObject(
                    id=str(uuid.uuid4()), container_id=container.id, name=name, **fields
                )
                session.add(row)
            return row, None
        except exc.IntegrityError:
            continue  # made meanwhile, or its container is gone
    raise errors.not_found()


def delete(session: orm.Session, container: Container, name: str) -> StoredObject:
    row = find(session, container, name)
    session.delete(row)
    session.flush()
    return row


def replace_meta(
    session: orm.Session, container: Container, name: str, meta: dict, content_type: str | None
) -> None:
    """An object's POST: all its user metadata, and its type if given."""
    row = find(session, container, name)
    row.meta = meta
    if content_type:
        row.content_type = content_type
    row.last_modified = timeutils.utcnow()


def timestamp(moment: datetime.datetime) -> str:
    """Swift's X-Timestamp: seconds since the epoch, five decimals."""
    return f"{moment.replace(tzinfo=datetime.UTC).timestamp():.5f}"
