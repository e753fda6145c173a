"""Generic volume groups: the state machine, lookups and quota usage.

``GROUP`` is Cinder's group status model as data; every status change is
one compare-and-swap. A volume belongs to a group through its group_id; a
volume in a group is deleted only with its group (the delete guard below).
"""

from __future__ import annotations

import typing

import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack.block_storage import errors, models
from pocketstack.block_storage.objects import Caller, quota
from pocketstack.transitions import StateMachine, Transition, TransitionRefused

Group = models.Group
STATUSES = {
    "error",
    "available",
    "creating",
    "deleting",
    "deleted",
    "updating",
    "in-use",
    "error_deleting",
}
# Volume statuses a volume may join or leave a group in (Cinder's lists).
ADD_VOLUME_STATUSES = ("available", "in-use")
REMOVE_VOLUME_STATUSES = ("available", "in-use", "error", "error_deleting")
# A group new volumes may be created in.
PROCEED_STATUSES = ("available", "creating")

GROUP = StateMachine(
    Group.__table__,
    [
        Transition("create_done", {"status": {"creating"}}, {"status": "available"}),
        Transition("create_failed", {"status": {"creating"}}, {"status": "error"}),
        Transition("delete", {"status": {"available", "error"}}, {"status": "deleting"}),
        # With delete-volumes, Cinder deletes a group whatever its status.
        Transition(
            "delete_with_volumes", {"status": STATUSES - {"deleting"}}, {"status": "deleting"}
        ),
        Transition("delete_failed", {"status": {"deleting"}}, {"status": "error_deleting"}),
        Transition("update", {"status": {"available"}}, {"status": "updating"}),
        Transition("update_done", {"status": {"updating"}}, {"status": "available"}),
        # reset_status writes the status the admin names.
        Transition("reset_status", {"status": STATUSES}, {}),
    ],
)


def move(
    session: orm.Session,
    action: str,
    group_id: str,
    *,
    values: typing.Mapping[str, typing.Any] | None = None,
    where: typing.Iterable[sa.ColumnElement[bool]] = (),
    reason: str,
) -> None:
    """Apply a transition, or answer Cinder's 400 ``Invalid Group: reason``."""
    try:
        GROUP.apply(session, action, group_id, values=values, where=where)
    except TransitionRefused as refused:
        if refused.current is None:
            raise errors.group_not_found(group_id) from None
        raise errors.invalid_group(reason) from None


def find(session: orm.Session, group_id: str, caller: Caller) -> Group:
    """The caller's group, or Cinder's 404 (also for another project's)."""
    group = session.get(Group, group_id)
    if group is None or not (caller.is_admin or group.project_id == caller.project_id):
        raise errors.group_not_found(group_id)
    return group


def volume_type_ids(session: orm.Session, group_id: str) -> list[str]:
    return list(
        session.scalars(
            sa.select(models.GroupVolumeType.volume_type_id)
            .where(models.GroupVolumeType.group_id == group_id)
            .order_by(models.GroupVolumeType.volume_type_id)
        )
    )


def volumes_of(session: orm.Session, group_id: str) -> list[models.Volume]:
    return list(
        session.scalars(
            sa.select(models.Volume)
            .where(models.Volume.group_id == group_id)
            .order_by(models.Volume.created_at, models.Volume.id)
        )
    )


def has_group_snapshots(group_id: str) -> sa.ColumnElement[bool]:
    return sa.exists().where(models.GroupSnapshot.group_id == group_id)


def per_type_deltas(
    session: orm.Session, kind: str, items: typing.Iterable[tuple[str, int]]
) -> dict[str, int]:
    """The quota ``items`` (volume type id, GiB) take: one ``kind``
    (volumes or snapshots) and its GiB each, in total and per type."""
    deltas: dict[str, int] = {}
    for type_id, size in items:
        type_name = session.get(models.VolumeType, type_id).name
        for key, value in ((kind, 1), ("gigabytes", size)):
            for resource in (key, f"{key}_{type_name}"):
                deltas[resource] = deltas.get(resource, 0) + value
    return deltas


def copied_from(group_id: str) -> sa.ColumnElement[bool]:
    """A group is being made from this one (it must not go meanwhile)."""
    source = orm.aliased(Group)
    return sa.exists().where(source.source_group_id == group_id, source.status == "creating")


def usage(session: orm.Session, project_id: str) -> dict[str, int]:
    count = session.scalar(
        sa.select(sa.func.count()).select_from(Group).where(Group.project_id == project_id)
    )
    return {"groups": count or 0}


def not_in_group(session: orm.Session, volume: models.Volume, cascade: bool) -> list:
    """Volume delete guard: a volume in a group goes only with its group."""
    return [models.Volume.group_id.is_(None)]


quota.COUNTERS.append(usage)
