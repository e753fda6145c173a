"""Accounts: one per project, made on first write (Swift's account_autocreate).

Reading an account that was never written answers as an empty one, as a
proxy with account_autocreate does.
"""

from __future__ import annotations

import dataclasses

import sqlalchemy as sa
from sqlalchemy import exc, orm

from pocketstack import timeutils
from pocketstack.object_store.models import Account, Container, StoredObject
from pocketstack.object_store.objects import metadata
from pocketstack.object_store.objects.listing import Listing


@dataclasses.dataclass(frozen=True)
class Usage:
    containers: int
    objects: int
    bytes: int


@dataclasses.dataclass(frozen=True)
class ContainerEntry:
    container: Container
    objects: int
    bytes: int


def ensure(session: orm.Session, project_id: str) -> None:
    """Make the account if it does not exist; safe against a racing maker."""
    if session.get(Account, project_id) is not None:
        return
    try:
        with session.begin_nested():
            session.add(Account(project_id=project_id, meta={}, created_at=timeutils.utcnow()))
    except exc.IntegrityError:
        pass  # made meanwhile by another request


def meta_of(session: orm.Session, project_id: str) -> dict[str, str]:
    account = session.get(Account, project_id)
    return dict(account.meta) if account else {}


def update_meta(session: orm.Session, project_id: str, headers) -> None:
    wanted = metadata.changes(metadata.ACCOUNT, headers)
    if not wanted:
        return
    ensure(session, project_id)
    account = session.get(Account, project_id, with_for_update=True)
    assert account is not None
    account.meta = metadata.updated(metadata.ACCOUNT, account.meta, wanted)


def usage(session: orm.Session, project_id: str) -> Usage:
    containers = session.scalar(
        sa.select(sa.func.count()).where(Container.project_id == project_id)
    )
    objects, size = session.execute(
        sa.select(
            sa.func.count(StoredObject.id), sa.func.coalesce(sa.func.sum(StoredObject.size), 0)
        )
        .join(Container, Container.id == StoredObject.container_id)
        .where(Container.project_id == project_id)
    ).one()
    return Usage(containers or 0, objects, int(size))


def list_containers(session: orm.Session, project_id: str, listing: Listing) -> list:
    """ContainerEntry rows, and subdirectory names when a delimiter folds them."""
    totals = (
        sa.select(
            StoredObject.container_id,
            sa.func.count(StoredObject.id).label("objects"),
            sa.func.sum(StoredObject.size).label("bytes"),
        )
        .group_by(StoredObject.container_id)
        .subquery()
    )
    query = (
        sa.select(Container, totals.c.objects, totals.c.bytes)
        .outerjoin(totals, totals.c.container_id == Container.id)
        .where(Container.project_id == project_id, *listing.where(Container.name))
        .order_by(Container.name)
    )
    rows = (
        ContainerEntry(container, objects or 0, int(size or 0))
        for container, objects, size in session.execute(query)
    )
    return list(listing.walk(rows, lambda entry: entry.container.name))
