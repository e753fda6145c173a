"""Key/value metadata: one table per kind (a volume's own metadata, its
image metadata, a snapshot's, a backup's), the same operations on each."""

from __future__ import annotations

import typing

import sqlalchemy as sa
from sqlalchemy import orm


def items(session: orm.Session, owner: orm.InstrumentedAttribute, owner_id: str) -> dict[str, str]:
    """The metadata of the row ``owner_id``; ``owner`` is the metadata
    table's column naming its owner (SnapshotMetadata.snapshot_id…)."""
    model = owner.class_
    rows = session.scalars(sa.select(model).where(owner == owner_id))
    return {row.key: row.value for row in rows}


def replace(
    session: orm.Session,
    owner: orm.InstrumentedAttribute,
    owner_id: str,
    values: typing.Mapping[str, str],
) -> None:
    """Make ``values`` the whole metadata of ``owner_id``."""
    model = owner.class_
    session.execute(sa.delete(model).where(owner == owner_id))
    session.add_all(model(**{owner.key: owner_id}, key=k, value=v) for k, v in values.items())
    session.flush()
