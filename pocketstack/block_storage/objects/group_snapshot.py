"""Group snapshots: the state machine, lookups and the quota their member
copies take (each member is a snapshot in Cinder's quota: ``snapshots``
and ``gigabytes``, in total and per volume type)."""

from __future__ import annotations

import typing

import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack.block_storage import errors, models
from pocketstack.block_storage.objects import Caller, quota
from pocketstack.transitions import StateMachine, Transition, TransitionRefused

GroupSnapshot = models.GroupSnapshot
Member = models.GroupSnapshotMember
STATUSES = {"error", "available", "creating", "deleting", "deleted", "updating", "error_deleting"}

GROUP_SNAPSHOT = StateMachine(
    GroupSnapshot.__table__,
    [
        Transition("create_done", {"status": {"creating"}}, {"status": "available"}),
        Transition("create_failed", {"status": {"creating"}}, {"status": "error"}),
        Transition("delete", {"status": {"available", "error"}}, {"status": "deleting"}),
        Transition("delete_failed", {"status": {"deleting"}}, {"status": "error_deleting"}),
        Transition("reset_status", {"status": STATUSES}, {}),
    ],
)


def move(
    session: orm.Session,
    action: str,
    group_snapshot_id: str,
    *,
    values: typing.Mapping[str, typing.Any] | None = None,
    where: typing.Iterable[sa.ColumnElement[bool]] = (),
    reason: str,
) -> None:
    try:
        GROUP_SNAPSHOT.apply(session, action, group_snapshot_id, values=values, where=where)
    except TransitionRefused as refused:
        if refused.current is None:
            raise errors.group_snapshot_not_found(group_snapshot_id) from None
        raise errors.invalid_group_snapshot(reason) from None


def find(session: orm.Session, group_snapshot_id: str, caller: Caller) -> GroupSnapshot:
    found = session.get(GroupSnapshot, group_snapshot_id)
    if found is None or not (caller.is_admin or found.project_id == caller.project_id):
        raise errors.group_snapshot_not_found(group_snapshot_id)
    return found


def members(session: orm.Session, group_snapshot_id: str) -> list[Member]:
    return list(
        session.scalars(
            sa.select(Member)
            .where(Member.group_snapshot_id == group_snapshot_id)
            .order_by(Member.volume_id)
        )
    )


def usage(session: orm.Session, project_id: str) -> dict[str, int]:
    rows = session.execute(
        sa.select(
            models.VolumeType.name,
            sa.func.count(),
            sa.func.coalesce(sa.func.sum(Member.volume_size), 0),
        )
        .join(models.VolumeType, models.VolumeType.id == Member.volume_type_id)
        .where(Member.project_id == project_id)
        .group_by(models.VolumeType.name)
    ).all()
    used: dict[str, int] = {}
    for type_name, count, size in rows:
        for key, value in (("snapshots", count), ("gigabytes", int(size))):
            used[key] = used.get(key, 0) + value
            used[f"{key}_{type_name}"] = value
    return used


quota.COUNTERS.append(usage)
