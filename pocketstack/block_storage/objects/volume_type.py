"""Volume types: which one a request means, and the default type.

A type is found by id or by name, as Cinder's get_by_name_or_id does; a
private type is visible only to the projects it was shared with (and to
admins).
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack import timeutils
from pocketstack.block_storage import errors, models
from pocketstack.block_storage.objects import Caller

VolumeType = models.VolumeType
DEFAULT_DESCRIPTION = "Default Volume Type"


def ensure_default(session: orm.Session, name: str) -> None:
    """Create the configured default type if it does not exist (first start)."""
    if session.scalar(sa.select(VolumeType.id).where(VolumeType.name == name)) is None:
        session.add(
            VolumeType(
                id=str(uuid.uuid4()),
                name=name,
                description=DEFAULT_DESCRIPTION,
                is_public=True,
                created_at=timeutils.utcnow(),
            )
        )


def is_visible(session: orm.Session, volume_type: VolumeType, caller: Caller) -> bool:
    if volume_type.is_public or caller.is_admin:
        return True
    return session.get(models.VolumeTypeProject, (volume_type.id, caller.project_id)) is not None


def find(session: orm.Session, type_id: str, caller: Caller) -> VolumeType:
    """A type by id, or Cinder's 404."""
    volume_type = session.get(VolumeType, type_id)
    if volume_type is None or not is_visible(session, volume_type, caller):
        raise errors.volume_type_not_found(type_id)
    return volume_type


def resolve(session: orm.Session, name_or_id: str, caller: Caller) -> VolumeType:
    """A type named by id or by name, as a volume create names it."""
    volume_type = session.get(VolumeType, name_or_id)
    if volume_type is None:
        volume_type = session.scalar(sa.select(VolumeType).where(VolumeType.name == name_or_id))
    if volume_type is None or not is_visible(session, volume_type, caller):
        raise errors.not_found(f"Volume type with name {name_or_id} could not be found.")
    return volume_type


def default(session: orm.Session, name: str) -> VolumeType:
    """The type a volume gets when it names none (the configured default)."""
    volume_type = session.scalar(sa.select(VolumeType).where(VolumeType.name == name))
    if volume_type is None:
        raise errors.not_found(f"Volume type with name {name} could not be found.")
    return volume_type


def extra_specs(session: orm.Session, type_id: str) -> dict[str, str]:
    rows = session.scalars(
        sa.select(models.VolumeTypeExtraSpec).where(
            models.VolumeTypeExtraSpec.volume_type_id == type_id
        )
    )
    return {row.key: row.value for row in rows}
