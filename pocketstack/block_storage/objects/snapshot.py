"""Snapshots: their state machine, lookups and the quota they use.

A snapshot is ``creating`` until its backend's volume manager has copied
the volume's bytes, then ``available`` (or ``error``); a delete moves it to
``deleting`` and the manager removes the copy and the row (or
``error_deleting``). Each move is one compare-and-swap (``SNAPSHOT``).
"""

from __future__ import annotations

import typing

import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack.block_storage import errors, models
from pocketstack.block_storage.objects import Caller, volume_transfer
from pocketstack.transitions import StateMachine, Transition, TransitionRefused

Snapshot = models.Snapshot

# Every status an admin may reset a snapshot to (Cinder's SnapshotStatus).
STATUSES = (
    "error",
    "available",
    "creating",
    "deleting",
    "deleted",
    "updating",
    "error_deleting",
    "unmanaging",
    "backing-up",
    "restoring",
)
DELETABLE = {"available", "error"}
NOT_IN_GROUP = {"group_snapshot_id": {None}}

SNAPSHOT = StateMachine(
    Snapshot.__table__,
    [
        Transition("create_done", {"status": {"creating"}}, {"status": "available"}),
        Transition("create_failed", {"status": {"creating"}}, {"status": "error"}),
        Transition("delete", {"status": DELETABLE, **NOT_IN_GROUP}, {"status": "deleting"}),
        Transition("force_delete", NOT_IN_GROUP, {"status": "deleting"}),
        # A volume deleted with cascade takes its snapshots with it.
        Transition(
            "cascade_delete",
            {"status": {*DELETABLE, "deleting"}, **NOT_IN_GROUP},
            {"status": "deleting"},
        ),
        Transition("delete_failed", {"status": {"deleting"}}, {"status": "error_deleting"}),
        # A backup of a snapshot reads it (Cinder's snapshot backing-up).
        Transition("backup", {"status": {"available"}}, {"status": "backing-up"}),
        Transition("backup_done", {"status": {"backing-up"}}, {"status": "available"}),
        # A volume is being made from the snapshot: the swap changes nothing
        # but holds the row until the volume is recorded.
        Transition("hold", {"status": {"available"}}, {"status": Snapshot.__table__.c.status}),
        # Its volume is being reverted to it (3.40).
        Transition("restore", {"status": {"available"}}, {"status": "restoring"}),
        Transition("restore_done", {"status": {"restoring"}}, {"status": "available"}),
        Transition("reset_status", {}, {}),
    ],
)


def latest_of(session: orm.Session, volume_id: str) -> Snapshot | None:
    """The volume's newest snapshot, the only one it can be reverted to."""
    return session.scalars(
        sa.select(Snapshot)
        .where(Snapshot.volume_id == volume_id)
        .order_by(Snapshot.created_at.desc(), Snapshot.id.desc())
        .limit(1)
    ).first()


def move(
    session: orm.Session,
    action: str,
    snapshot_id: str,
    *,
    values: typing.Mapping[str, typing.Any] | None = None,
    reason: str | None = None,
) -> None:
    """Apply a transition, or Cinder's 400 ``Invalid snapshot: …``."""
    try:
        SNAPSHOT.apply(session, action, snapshot_id, values=values)
    except TransitionRefused as refused:
        if refused.current is None:
            raise errors.snapshot_not_found(snapshot_id) from None
        status = refused.current.get("status")
        raise errors.invalid_snapshot(
            reason or f"Snapshot status is {status}; {action} is not possible now."
        ) from None


def find(session: orm.Session, snapshot_id: str, caller: Caller) -> Snapshot:
    """The caller's snapshot, or Cinder's 404 (also for another project's)."""
    snapshot = session.get(Snapshot, snapshot_id)
    if snapshot is None or not (caller.is_admin or snapshot.project_id == caller.project_id):
        raise errors.snapshot_not_found(snapshot_id)
    return snapshot


def of_volume(session: orm.Session, volume_id: str) -> list[Snapshot]:
    return list(session.scalars(sa.select(Snapshot).where(Snapshot.volume_id == volume_id)))


def usage(session: orm.Session, project_id: str) -> dict[str, int]:
    """What the project's snapshots consume: ``snapshots`` and the volume's
    size in ``gigabytes``, in total and per type, as Cinder counts them."""
    rows = session.execute(
        sa.select(
            models.VolumeType.name,
            sa.func.count(),
            sa.func.coalesce(sa.func.sum(Snapshot.volume_size), 0),
        )
        .join(models.VolumeType, models.VolumeType.id == Snapshot.volume_type_id)
        .where(Snapshot.project_id == project_id, Snapshot.use_quota.is_(True))
        .group_by(models.VolumeType.name)
    ).all()
    used = {"snapshots": 0, "gigabytes": 0}
    for type_name, count, size in rows:
        used["snapshots"] += count
        used["gigabytes"] += int(size)
        used[f"snapshots_{type_name}"] = count
        used[f"gigabytes_{type_name}"] = int(size)
    return used


# A transferred volume takes its snapshots with it (unless the transfer says
# no_snapshots, 3.55): they must all be available when it is offered, and
# the accepting project's quota takes them.


def _offer_check(session: orm.Session, volume_id: str) -> None:
    for snapshot in of_volume(session, volume_id):
        if snapshot.status != "available":
            raise errors.invalid_snapshot(f"snapshot: {snapshot.id} status must be available")


def _accept_quota(session: orm.Session, volume_id: str, no_snapshots: bool) -> dict[str, int]:
    if no_snapshots:
        return {}
    deltas: dict[str, int] = {}
    for snapshot in of_volume(session, volume_id):
        type_name = session.get(models.VolumeType, snapshot.volume_type_id).name
        for key, value in (
            ("snapshots", 1),
            (f"snapshots_{type_name}", 1),
            ("gigabytes", snapshot.volume_size),
            (f"gigabytes_{type_name}", snapshot.volume_size),
        ):
            deltas[key] = deltas.get(key, 0) + value
    return deltas


def _move_with_volume(
    session: orm.Session, volume_id: str, project_id: str, user_id: str | None, no_snapshots: bool
) -> None:
    if not no_snapshots:
        session.execute(
            sa.update(Snapshot)
            .where(Snapshot.volume_id == volume_id)
            .values(project_id=project_id, user_id=user_id)
        )


volume_transfer.OFFER_CHECKS.append(_offer_check)
volume_transfer.ACCEPT_QUOTA.append(_accept_quota)
volume_transfer.ACCEPT_CASCADES.append(_move_with_volume)
