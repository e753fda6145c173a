"""Backups: their state machine, lookups and the quota they use.

A backup is ``creating`` while the backup manager copies the volume's bytes
into the backup store, then ``available`` (or ``error`` with a
``fail_reason``); ``restoring`` while its bytes are written to a volume;
``deleting`` until the store has dropped its chunks. Each move is one
compare-and-swap (``BACKUP``).
"""

from __future__ import annotations

import typing

import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack.block_storage import errors, models
from pocketstack.block_storage.objects import Caller
from pocketstack.transitions import StateMachine, Transition, TransitionRefused

Backup = models.Backup
# What an admin may reset a backup to (Cinder's backup_status format).
RESET_STATUSES = ("available", "error")

BACKUP = StateMachine(
    Backup.__table__,
    [
        Transition("create_done", {"status": {"creating"}}, {"status": "available"}),
        Transition("create_failed", {"status": {"creating"}}, {"status": "error"}),
        Transition("delete", {"status": {"available", "error"}}, {"status": "deleting"}),
        Transition("force_delete", {}, {"status": "deleting"}),
        Transition("delete_failed", {"status": {"deleting"}}, {"status": "error_deleting"}),
        Transition("restore", {"status": {"available"}}, {"status": "restoring"}),
        # A restore that fails leaves the backup as it was: Cinder's manager
        # marks the volume, not the backup.
        Transition(
            "restore_done",
            {"status": {"restoring"}},
            {"status": "available", "restore_volume_id": None},
        ),
        Transition("reset_status", {}, {}),
    ],
)


def move(
    session: orm.Session,
    action: str,
    backup_id: str,
    *,
    values: typing.Mapping[str, typing.Any] | None = None,
    where: typing.Iterable[sa.ColumnElement[bool]] = (),
    reason: str | None = None,
) -> None:
    """Apply a transition, or Cinder's 400 ``Invalid backup: …``."""
    try:
        BACKUP.apply(session, action, backup_id, values=values, where=where)
    except TransitionRefused as refused:
        if refused.current is None:
            raise errors.backup_not_found(backup_id) from None
        status = refused.current.get("status")
        raise errors.invalid_backup(
            reason or f"Backup status is {status}; {action} is not possible now."
        ) from None


def find(session: orm.Session, backup_id: str, caller: Caller) -> Backup:
    """The caller's backup, or Cinder's 404 (also for another project's)."""
    backup = session.get(Backup, backup_id)
    if backup is None or not (caller.is_admin or backup.project_id == caller.project_id):
        raise errors.backup_not_found(backup_id)
    return backup


def no_dependents(backup_id: str) -> sa.ColumnElement[bool]:
    """A condition: no incremental backup is built on this one."""
    child = orm.aliased(Backup)
    return ~sa.exists().where(child.parent_id == backup_id)


def has_dependents(session: orm.Session, backup_id: str) -> bool:
    return bool(session.scalar(sa.select(sa.exists().where(Backup.parent_id == backup_id))))


def latest_available(session: orm.Session, volume_id: str) -> Backup | None:
    """The parent of an incremental backup: the volume's newest available
    backup (Cinder's choice, by data timestamp)."""
    return session.scalars(
        sa.select(Backup)
        .where(Backup.volume_id == volume_id, Backup.status == "available")
        .order_by(Backup.data_timestamp.desc(), Backup.created_at.desc())
        .limit(1)
    ).first()


def usage(session: orm.Session, project_id: str) -> dict[str, int]:
    """What the project's backups consume: ``backups`` and ``backup_gigabytes``."""
    count, size = session.execute(
        sa.select(sa.func.count(), sa.func.coalesce(sa.func.sum(Backup.size), 0)).where(
            Backup.project_id == project_id
        )
    ).one()
    return {"backups": count, "backup_gigabytes": int(size)}
