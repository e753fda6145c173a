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

UsageCounter = Callable[[orm.Session, str], dict[str, int]]
# Each resource that consumes quota counts its own usage; snapshots, backups
# and groups add theirs here.
COUNTERS: list[UsageCounter] = [
    volumes.usage,
    snapshots.usage,
    backups.usage,
]


def defaults(settings: BlockStorageSettings, type_names: typing.Iterable[str]) -> dict[str, int]:
    values = {name: getattr(settings, f"quota_{name}") for name in RESOURCES}
    for type_name in type_names:
        for resource in PER_TYPE:
            values[f"{resource}_{type_name}"] = -1
    return values


def type_names(session: orm.Session) -> list[str]:
    return list(session.scalars(sa.select(models.VolumeType.name).order_by(models.VolumeType.name)))


def limits(session: orm.Session, settings: BlockStorageSettings, project_id: str) -> dict[str, int]:
    """The project's hard limits: its own where set, else the defaults."""
    values = defaults(settings, type_names(session))
    rows = session.scalars(sa.select(models.Quota).where(models.Quota.project_id == project_id))
    values.update({row.resource: row.hard_limit for row in rows if row.resource in values})
    return values


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
