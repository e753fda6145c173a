"""Group types: lookups and their specs.

Cinder has no API to share a private group type with a project, so a
private type is visible to admins only. Cinder has no default group type
unless an operator names one (``default_group_type``, unset by default),
so ``GET /group_types/default`` answers 404 as Cinder's does.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack.block_storage import errors, models
from pocketstack.block_storage.objects import Caller, is_uuid

GroupType = models.GroupType


def find(session: orm.Session, type_id: str, caller: Caller) -> GroupType:
    """A type by id, or Cinder's 404."""
    group_type = session.get(GroupType, type_id)
    if group_type is None or not (group_type.is_public or caller.is_admin):
        raise errors.group_type_not_found(type_id)
    return group_type


def resolve(session: orm.Session, name_or_id: str, caller: Caller) -> GroupType:
    """A type named by id or by name, as a group create names it."""
    group_type = session.get(GroupType, name_or_id)
    if group_type is None:
        group_type = session.scalar(sa.select(GroupType).where(GroupType.name == name_or_id))
        if group_type is None and is_uuid(name_or_id):
            raise errors.group_type_not_found(name_or_id)
        if group_type is None:
            raise errors.not_found(f"Group type with name {name_or_id} could not be found.")
    if not (group_type.is_public or caller.is_admin):
        raise errors.group_type_not_found(name_or_id)
    return group_type


def name_taken(session: orm.Session, name: str, but: str | None = None) -> bool:
    select = sa.select(GroupType.id).where(GroupType.name == name)
    if but is not None:
        select = select.where(GroupType.id != but)
    return session.scalar(select) is not None


def specs(session: orm.Session, type_id: str) -> dict[str, str | None]:
    rows = session.scalars(
        sa.select(models.GroupTypeSpec).where(models.GroupTypeSpec.group_type_id == type_id)
    )
    return {row.key: row.value for row in rows}


def set_specs(session: orm.Session, type_id: str, items: dict[str, str | None]) -> None:
    """Add or overwrite the given specs; others stay."""
    for key, value in items.items():
        session.merge(models.GroupTypeSpec(group_type_id=type_id, key=key, value=value))
    session.flush()


def in_use(session: orm.Session, type_id: str) -> bool:
    return (
        session.scalar(sa.select(models.Group.id).where(models.Group.group_type_id == type_id))
        is not None
    )
