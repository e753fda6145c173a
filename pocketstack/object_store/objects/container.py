"""Containers: made by PUT (201, or 202 when it exists), deleted only empty."""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from sqlalchemy import exc, orm
from starlette.datastructures import Headers

from pocketstack import timeutils
from pocketstack.object_store import errors
from pocketstack.object_store.models import Container, StoredObject
from pocketstack.object_store.objects import account, metadata
from pocketstack.object_store.objects.listing import Listing

MAX_NAME_LENGTH = 256


def check_name(name: str) -> None:
    if len(name.encode()) > MAX_NAME_LENGTH:
        raise errors.bad_request(
            f"Container name length of {len(name.encode())} longer than {MAX_NAME_LENGTH}"
        )


def find(session: orm.Session, project_id: str, name: str, lock: bool = False) -> Container:
    query = sa.select(Container).where(Container.project_id == project_id, Container.name == name)
    if lock:
        query = query.with_for_update()
    found = session.scalar(query)
    if found is None:
        raise errors.not_found()
    return found


def create(session: orm.Session, project_id: str, name: str, headers: Headers) -> bool:
    """Make the container, or update its metadata if it exists; made?"""
    check_name(name)
    wanted = metadata.changes(metadata.CONTAINER, headers)
    account.ensure(session, project_id)
    now = timeutils.utcnow()
    fresh = metadata.updated(metadata.CONTAINER, {}, wanted)
    try:
        with session.begin_nested():
            session.add(
                Container(
                    id=str(uuid.uuid4()),
                    project_id=project_id,
                    name=name,
                    meta=fresh,
                    created_at=now,
                    updated_at=now,
                )
            )
        return True
    except exc.IntegrityError:
        update_meta(session, project_id, name, headers)
        return False


def update_meta(session: orm.Session, project_id: str, name: str, headers: Headers) -> None:
    container = find(session, project_id, name, lock=True)
    wanted = metadata.changes(metadata.CONTAINER, headers)
    if wanted:
        container.meta = metadata.updated(metadata.CONTAINER, container.meta, wanted)
        container.updated_at = timeutils.utcnow()


def usage(session: orm.Session, container_id: str) -> tuple[int, int]:
    count, size = session.execute(
        sa.select(
            sa.func.count(StoredObject.id), sa.func.coalesce(sa.func.sum(StoredObject.size), 0)
        ).where(StoredObject.container_id == container_id)
    ).one()
    return count, int(size)


def delete(session: orm.Session, project_id: str, name: str) -> None:
    """One conditional DELETE: gone only if no object is in it (else 409)."""
    container = find(session, project_id, name)
    holds_objects = sa.exists().where(StoredObject.container_id == container.id)
    try:
        with session.begin_nested():
            deleted = session.execute(
                sa.delete(Container).where(Container.id == container.id, ~holds_objects)
            ).rowcount
    except exc.IntegrityError:
        # PostgreSQL: an object committed into it while the delete waited.
        deleted = 0
    if not deleted:
        raise errors.conflict()


def list_objects(session: orm.Session, container: Container, listing: Listing) -> list:
    """StoredObject rows, and subdirectory names when a delimiter folds them."""
    query = (
        sa.select(StoredObject)
        .where(StoredObject.container_id == container.id, *listing.where(StoredObject.name))
        .order_by(StoredObject.name)
        .execution_options(yield_per=1000)
    )
    return list(listing.walk(session.scalars(query), lambda row: row.name))
