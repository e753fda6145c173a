"""Volume types: which one a request means, the default type, and the
changes an operator makes to types, their extra specs and their access lists.

A type is found by id or by name, as Cinder's get_by_name_or_id does; a
private type is visible only to the projects it was shared with (and to
admins). The default type of a project is its own (/v3/default-types) if
set, else the configured one.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping

import sqlalchemy as sa
from sqlalchemy import exc, orm

from pocketstack import timeutils
from pocketstack.block_storage import errors, models
from pocketstack.block_storage.objects import Caller, is_uuid

VolumeType = models.VolumeType
ExtraSpec = models.VolumeTypeExtraSpec
Access = models.VolumeTypeProject
DEFAULT_DESCRIPTION = "Default Volume Type"
# Extra specs any reader may see; the others only with read_sensitive.
USER_VISIBLE_EXTRA_SPECS = ("RESKEY:availability_zones", "multiattach", "replication_enabled")


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
    return session.get(Access, (volume_type.id, caller.project_id)) is not None


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
        if is_uuid(name_or_id):
            raise errors.volume_type_not_found(name_or_id)
        raise errors.not_found(f"Volume type with name {name_or_id} could not be found.")
    return volume_type


def default(session: orm.Session, name: str, project_id: str | None = None) -> VolumeType:
    """The type a volume gets when it names none: the project's own default
    (3.62) if one is set, else the configured default."""
    if project_id is not None:
        row = session.get(models.DefaultVolumeType, project_id)
        if row is not None:
            return session.get_one(VolumeType, row.volume_type_id)
    volume_type = session.scalar(sa.select(VolumeType).where(VolumeType.name == name))
    if volume_type is None:
        raise errors.not_found(f"Volume type with name {name} could not be found.")
    return volume_type


def visible(session: orm.Session, caller: Caller, is_public: bool | None) -> sa.Select:
    """The types a list shows. ``is_public`` True: the public ones (and, for
    a project, the private ones shared with it); False: only private; None:
    both. Non-admins always get the True list, as in Cinder."""
    select = sa.select(VolumeType)
    shared = VolumeType.id.in_(
        sa.select(Access.volume_type_id).where(Access.project_id == caller.project_id)
    )
    if not caller.is_admin:
        return select.where(sa.or_(VolumeType.is_public.is_(True), shared))
    if is_public is None:
        return select
    if is_public:
        return select.where(sa.or_(VolumeType.is_public.is_(True), shared))
    return select.where(VolumeType.is_public.is_(False))


def create(
    session: orm.Session,
    name: str,
    description: str | None,
    is_public: bool,
    specs: Mapping[str, str],
) -> VolumeType:
    if session.scalar(sa.select(VolumeType.id).where(VolumeType.name == name)) is not None:
        raise errors.conflict(f"Volume Type {name} already exists.")
    volume_type = VolumeType(
        id=str(uuid.uuid4()),
        name=name,
        description=description,
        is_public=is_public,
        created_at=timeutils.utcnow(),
    )
    session.add(volume_type)
    session.flush()
    set_extra_specs(session, volume_type, specs)
    return volume_type


def update(
    session: orm.Session,
    volume_type: VolumeType,
    name: str | None,
    description: str | None,
    is_public: bool | None,
) -> None:
    if name is not None and name != volume_type.name:
        taken = session.scalar(sa.select(VolumeType.id).where(VolumeType.name == name))
        if taken is not None:
            raise errors.conflict(f"Volume Type {name} already exists.")
        volume_type.name = name
    if description is not None:
        volume_type.description = description
    if is_public is not None:
        volume_type.is_public = is_public
    volume_type.updated_at = timeutils.utcnow()
    session.flush()


def in_use(session: orm.Session, type_id: str) -> bool:
    """Whether any volume has the type (all projects)."""
    select = sa.select(models.Volume.id).where(models.Volume.volume_type_id == type_id).limit(1)
    return session.scalar(select) is not None


def destroy(session: orm.Session, volume_type: VolumeType, configured_default: str) -> None:
    """Delete a type no volume uses and no project (nor the deployment)
    has as its default, in Cinder's words when it may not go."""
    project_default = sa.select(models.DefaultVolumeType.project_id).where(
        models.DefaultVolumeType.volume_type_id == volume_type.id
    )
    if volume_type.name == configured_default or session.scalar(project_default.limit(1)):
        raise errors.bad_request(
            f"The volume type {volume_type.id} is a default volume type and cannot be deleted."
        )
    if in_use(session, volume_type.id):
        raise errors.bad_request("Target volume type is still in use.")
    session.delete(volume_type)
    session.flush()


def extra_specs(session: orm.Session, type_id: str) -> dict[str, str]:
    rows = session.scalars(sa.select(ExtraSpec).where(ExtraSpec.volume_type_id == type_id))
    return {row.key: row.value for row in rows}


def user_visible(specs: Mapping[str, str]) -> dict[str, str]:
    """The extra specs a caller without read_sensitive may see."""
    return {key: value for key, value in specs.items() if key in USER_VISIBLE_EXTRA_SPECS}


def set_extra_specs(
    session: orm.Session, volume_type: VolumeType, specs: Mapping[str, str]
) -> None:
    """Add or change the given keys, leaving the others."""
    for key, value in specs.items():
        row = session.get(ExtraSpec, (volume_type.id, key))
        if row is None:
            session.add(ExtraSpec(volume_type_id=volume_type.id, key=key, value=value))
        else:
            row.value = value
    session.flush()


def delete_extra_spec(session: orm.Session, volume_type: VolumeType, key: str) -> None:
    row = session.get(ExtraSpec, (volume_type.id, key))
    if row is None:
        raise errors.not_found(f"Volume Type {volume_type.id} has no extra specs with key {key}.")
    session.delete(row)
    session.flush()


def projects(session: orm.Session, type_id: str) -> list[str]:
    select = sa.select(Access.project_id).where(Access.volume_type_id == type_id)
    return list(session.scalars(select.order_by(Access.project_id)))


def _require_private(volume_type: VolumeType) -> None:
    if volume_type.is_public:
        raise errors.bad_request(
            "Invalid volume type: Type access modification is not applicable to public volume type."
        )


def add_access(session: orm.Session, volume_type: VolumeType, project_id: str) -> None:
    _require_private(volume_type)
    try:
        with session.begin_nested():
            session.add(Access(volume_type_id=volume_type.id, project_id=project_id))
    except exc.IntegrityError:
        raise errors.conflict(
            f"Volume type access for {volume_type.id} / {project_id} combination already exists."
        ) from None


def remove_access(session: orm.Session, volume_type: VolumeType, project_id: str) -> None:
    _require_private(volume_type)
    deleted = session.execute(
        sa.delete(Access).where(
            Access.volume_type_id == volume_type.id, Access.project_id == project_id
        )
    )
    if deleted.rowcount == 0:
        raise errors.not_found(
            f"Volume type access not found for {volume_type.id} / {project_id} combination."
        )
