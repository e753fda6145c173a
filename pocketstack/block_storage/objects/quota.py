"""Per-project quotas (os-quota-sets): limits, usage, and taking quota.

Usage is counted from the resources themselves, inside the transaction that
creates the new one, with the project's lock row held: two concurrent
creates cannot both take the last unit, and a crash can never leave usage
out of step with what exists (Cinder keeps separate usage rows and has to
heal them; counting needs no healing).
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Mapping

import sqlalchemy as sa
from sqlalchemy import exc, orm

from pocketstack.block_storage import errors, models
from pocketstack.block_storage.objects import backup as backups
from pocketstack.block_storage.objects import snapshot as snapshots
from pocketstack.block_storage.objects import volume as volumes
from pocketstack.config import BlockStorageSettings

# The project-wide resources, in the order Cinder lists them.
RESOURCES = (
    "volumes",
    "snapshots",
    "gigabytes",
    "backups",
    "backup_gigabytes",
    "groups",
    "per_volume_gigabytes",
)
# Quotas Cinder keeps per volume type, named <resource>_<type name>.
PER_TYPE = ("volumes", "snapshots", "gigabytes")
# Keys a quota set may carry that are not quotas.
NON_QUOTA_KEYS = ("tenant_id", "id")
DEFAULT_CLASS = "default"
MAX_INT = 0x7FFFFFFF

UsageCounter = Callable[[orm.Session, str], dict[str, int]]
# Each resource that consumes quota counts its own usage; snapshots, backups
# and groups add theirs here.
COUNTERS: list[UsageCounter] = [
    volumes.usage,
    snapshots.usage,
    backups.usage,
]


def defaults(session: orm.Session, settings: BlockStorageSettings) -> dict[str, int]:
    """Every quota resource's default: the ``default`` quota class where it
    sets one, else the configuration; per-type quotas are unlimited."""
    values = {name: getattr(settings, f"quota_{name}") for name in RESOURCES}
    for type_name in type_names(session):
        for resource in PER_TYPE:
            values[f"{resource}_{type_name}"] = -1
    values.update(
        {key: value for key, value in class_limits(session, DEFAULT_CLASS).items() if key in values}
    )
    return values


def class_limits(session: orm.Session, class_name: str) -> dict[str, int]:
    """The limits a quota class sets itself."""
    rows = session.scalars(
        sa.select(models.QuotaClass).where(models.QuotaClass.class_name == class_name)
    )
    return {row.resource: row.hard_limit for row in rows}


def type_names(session: orm.Session) -> list[str]:
    return list(session.scalars(sa.select(models.VolumeType.name).order_by(models.VolumeType.name)))


def limits(session: orm.Session, settings: BlockStorageSettings, project_id: str) -> dict[str, int]:
    """The project's hard limits: its own where set, else the defaults."""
    values = defaults(session, settings)
    values.update({k: v for k, v in own_limits(session, project_id).items() if k in values})
    return values


def own_limits(session: orm.Session, project_id: str) -> dict[str, int]:
    """The limits set for the project itself (os-quota-sets update)."""
    rows = session.scalars(sa.select(models.Quota).where(models.Quota.project_id == project_id))
    return {row.resource: row.hard_limit for row in rows}


def with_usage(
    session: orm.Session, settings: BlockStorageSettings, project_id: str
) -> dict[str, dict[str, int]]:
    """Each resource's limit and use, as os-quota-sets ``usage=true`` shows
    them. Usage is counted, never reserved ahead, so ``reserved`` is 0."""
    used = usage(session, project_id)
    return {
        resource: {"limit": limit, "in_use": used.get(resource, 0), "reserved": 0, "allocated": 0}
        for resource, limit in limits(session, settings, project_id).items()
    }


def update(
    session: orm.Session,
    settings: BlockStorageSettings,
    project_id: str,
    values: Mapping[str, typing.Any],
) -> None:
    """Set the project's own limits, in Cinder's words when one is unknown,
    not an integer >= -1, or below what the project already uses."""
    lock(session, project_id)
    known = limits(session, settings, project_id)
    wanted = {key: value for key, value in values.items() if key not in NON_QUOTA_KEYS}
    unknown = [key for key in wanted if key not in known]
    if unknown:
        raise errors.invalid_input(f"Bad key(s) in quota set: {', '.join(unknown)}")
    checked = {key: _quota_integer(key, value) for key, value in wanted.items()}
    used = usage(session, project_id)
    for key, limit in checked.items():
        if key == "per_volume_gigabytes" or limit == -1 or limit >= used.get(key, 0):
            continue
        raise errors.bad_request(
            f"Quota {key} limit must be equal or greater than existing resources. "
            f"Current usage is {used.get(key, 0)} and the requested limit is {limit}."
        )
    for key, limit in checked.items():
        row = session.get(models.Quota, (project_id, key))
        if row is None:
            session.add(models.Quota(project_id=project_id, resource=key, hard_limit=limit))
        else:
            row.hard_limit = limit
    session.flush()


def reset(session: orm.Session, project_id: str) -> None:
    """Forget the project's own limits: the defaults apply again."""
    session.execute(sa.delete(models.Quota).where(models.Quota.project_id == project_id))


def update_class(
    session: orm.Session,
    settings: BlockStorageSettings,
    class_name: str,
    values: Mapping[str, typing.Any],
) -> None:
    """Set a quota class's limits (os-quota-class-sets)."""
    known = defaults(session, settings)
    unknown = [key for key in values if key not in known]
    if unknown:
        raise errors.invalid_input(f"Bad key(s) in quota class set: {', '.join(unknown)}")
    for key, value in values.items():
        limit = _quota_integer(key, value)
        row = session.get(models.QuotaClass, (class_name, key))
        if row is None:
            session.add(models.QuotaClass(class_name=class_name, resource=key, hard_limit=limit))
        else:
            row.hard_limit = limit
    session.flush()


def _quota_integer(key: str, value: typing.Any) -> int:
    """oslo's validate_integer, as Cinder applies it to quota values."""
    try:
        number = int(str(value))
    except ValueError:
        raise errors.bad_request(f"{key} must be an integer") from None
    if number < -1:
        raise errors.bad_request(f"{key} must be >= -1")
    if number > MAX_INT:
        raise errors.bad_request(f"{key} must be <= {MAX_INT}")
    return number


def usage(session: orm.Session, project_id: str) -> dict[str, int]:
    used: dict[str, int] = {}
    for counter in COUNTERS:
        for key, value in counter(session, project_id).items():
            used[key] = used.get(key, 0) + value
    return used


def lock(session: orm.Session, project_id: str) -> None:
    """Hold the project's quota lock until the transaction ends."""
    try:
        with session.begin_nested():
            session.add(models.QuotaLock(project_id=project_id))
    except exc.IntegrityError:
        pass  # another request made the row first
    session.execute(
        sa.select(models.QuotaLock)
        .where(models.QuotaLock.project_id == project_id)
        .with_for_update()
    ).first()


def consume(
    session: orm.Session,
    settings: BlockStorageSettings,
    project_id: str,
    deltas: Mapping[str, int],
) -> None:
    """Check that ``deltas`` fit the project's quota, or answer Cinder's 413.

    Call before adding the new rows, in the same transaction: the lock is held
    until it commits, so the rows added are counted by the next caller.
    """
    lock(session, project_id)
    hard = limits(session, settings, project_id)
    used = usage(session, project_id)
    per_volume = hard["per_volume_gigabytes"]
    size = deltas.get("gigabytes", 0)
    if "volumes" in deltas and per_volume >= 0 and size > per_volume:
        raise errors.over_quota(
            f"Requested volume size {size}G is larger than maximum allowed limit {per_volume}G."
        )
    for resource, delta in deltas.items():
        limit = hard.get(resource, -1)
        if delta <= 0 or limit < 0 or used.get(resource, 0) + delta <= limit:
            continue
        raise errors.over_quota(_exceeded(resource, delta, limit, used.get(resource, 0)))


def _exceeded(resource: str, requested: int, limit: int, consumed: int) -> str:
    """Cinder's words for each kind of quota."""
    if resource.startswith("gigabytes"):
        return (
            f"Requested volume or snapshot exceeds allowed {resource} quota. Requested "
            f"{requested}G, quota is {limit}G and {consumed}G has been consumed."
        )
    if resource == "backup_gigabytes":
        return (
            "Requested backup exceeds allowed Backup gigabytes quota. Requested "
            f"{requested}G, quota is {limit}G and {consumed}G has been consumed."
        )
    if resource.startswith("volumes"):
        return f"Maximum number of volumes allowed ({limit}) exceeded for quota '{resource}'."
    kind = resource.split("_", 1)[0]
    return f"Maximum number of {kind} allowed ({limit}) exceeded"
