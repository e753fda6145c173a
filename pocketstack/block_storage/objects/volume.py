"""Volumes: the state machine every status change goes through, and lookups.

``VOLUME`` is Cinder's volume status × attach_status model as data; each
action is one compare-and-swap (transitions.StateMachine), so two racing
requests can never both move a volume on. The API answers a refused
transition with Cinder's 400 ``Invalid volume: …``.
"""

from __future__ import annotations

import typing
import uuid

import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack.block_storage import errors, models
from pocketstack.block_storage.objects import Caller
from pocketstack.transitions import StateMachine, Transition, TransitionRefused

Volume = models.Volume

# A volume whose attach_status is any of these has no live attachment.
NOT_ATTACHED = {"detached", "error_attaching", "error_detaching", None}
# migration_status values that let a volume be deleted (no migration running).
NOT_MIGRATING = {None, "none", "success", "error", "completing"}
# What a (not forced) delete may start from: Cinder's list.
DELETABLE = {"available", "error", "error_restoring", "error_extending", "error_managing"}
# Statuses a volume with live or pending attachments can be in; a detach
# recomputes status and attach_status from what attachments remain.
ATTACHED_STATUSES = {"reserved", "attaching", "in-use", "detaching", "available"}

# The status as it is: in an UPDATE the right-hand side reads the old row.
_UNCHANGED = Volume.__table__.c.status

VOLUME = StateMachine(
    Volume.__table__,
    [
        # The create flow (shared/seeds/002): creating until the manager ends it.
        Transition("schedule", {"status": {"creating"}}, {}),
        Transition("create_done", {"status": {"creating"}}, {"status": "available"}),
        Transition("create_failed", {"status": {"creating"}}, {"status": "error"}),
        Transition(
            "delete",
            {"status": DELETABLE, "attach_status": NOT_ATTACHED, "migration_status": NOT_MIGRATING},
            {"status": "deleting"},
        ),
        Transition(
            "force_delete",
            {"attach_status": NOT_ATTACHED, "migration_status": NOT_MIGRATING},
            {"status": "deleting"},
        ),
        Transition("delete_failed", {"status": {"deleting"}}, {"status": "error_deleting"}),
        # A snapshot is taken only of a volume in these statuses; the swap
        # changes nothing but holds the row until the snapshot is recorded.
        Transition("snapshot", {"status": {"available"}}, {"status": _UNCHANGED}),
        Transition("snapshot_in_use", {"status": {"available", "in-use"}}, {"status": _UNCHANGED}),
        # A backup reads the volume; it goes back to where it was after.
        Transition(
            "backup",
            {"status": {"available"}},
            {"status": "backing-up", "previous_status": _UNCHANGED},
        ),
        Transition(
            "backup_in_use",
            {"status": {"available", "in-use"}},
            {"status": "backing-up", "previous_status": _UNCHANGED},
        ),
        Transition(
            "backup_done",
            {"status": {"backing-up"}},
            {"status": Volume.__table__.c.previous_status, "previous_status": None},
        ),
        Transition("restore", {"status": {"available"}}, {"status": "restoring-backup"}),
        Transition("restore_done", {"status": {"restoring-backup"}}, {"status": "available"}),
        Transition(
            "restore_failed", {"status": {"restoring-backup"}}, {"status": "error_restoring"}
        ),
        # Attachments (3.27+): reserve, connect, complete; a detach ends on the
        # status the remaining attachments give (objects.attachment).
        Transition("reserve", {"status": {"available", "downloading"}}, {"status": "reserved"}),
        Transition(
            "reserve_multiattach",
            {"status": {"available", "in-use", "downloading"}, "multiattach": {True}},
            {"status": "reserved"},
        ),
        Transition(
            "connect",
            {"status": {"reserved", "attaching", "in-use"}},
            {"status": "attaching", "attach_status": "attaching"},
        ),
        Transition(
            "attach",
            {"status": {"reserved", "attaching", "in-use"}},
            {"status": "in-use", "attach_status": "attached"},
        ),
        Transition(
            "attach_single",
            {"status": {"reserved", "attaching", "available"}},
            {"status": "in-use", "attach_status": "attached"},
        ),
        Transition("detach", {"status": ATTACHED_STATUSES}, {}),
        # An admin's os-force_detach also rolls back a detach that failed.
        Transition(
            "force_detach", {"status": {*ATTACHED_STATUSES, "error", "error_detaching"}}, {}
        ),
        # The calls Nova makes without attachments (os-reserve, os-attach…).
        Transition("legacy_reserve", {"status": {"available"}}, {"status": "attaching"}),
        Transition(
            "legacy_reserve_multiattach",
            {"status": {"available", "in-use"}, "multiattach": {True}},
            {"status": "attaching"},
        ),
        Transition("unreserve", {"status": {"attaching"}}, {}),
        Transition(
            "begin_detaching",
            {
                "status": {"in-use"},
                "attach_status": {"attached"},
                "migration_status": NOT_MIGRATING,
            },
            {"status": "detaching"},
        ),
        Transition("roll_detaching", {"status": {"detaching"}}, {"status": "in-use"}),
        # Work on the bytes: the status to go back to is kept in previous_status.
        Transition("extend", {"status": {"available"}}, {"status": "extending"}),
        Transition("extend_in_use", {"status": {"in-use"}}, {"status": "extending"}),
        Transition("extend_done", {"status": {"extending"}}, {}),
        Transition("extend_failed", {"status": {"extending"}}, {"status": "error_extending"}),
        Transition("upload", {"status": {"available"}}, {"status": "uploading"}),
        Transition("upload_in_use", {"status": {"available", "in-use"}}, {"status": "uploading"}),
        Transition("upload_done", {"status": {"uploading"}}, {}),
        Transition(
            "retype",
            {"status": {"available", "in-use"}, "migration_status": NOT_MIGRATING},
            {"status": "retyping"},
        ),
        Transition("retype_done", {"status": {"retyping"}}, {}),
        Transition(
            "migrate",
            {"status": {"available", "in-use"}, "migration_status": NOT_MIGRATING},
            {"migration_status": "migrating"},
        ),
        Transition("migrate_done", {"migration_status": {"migrating"}}, {}),
        # Re-image (3.68): the image's bytes replace the volume's.
        Transition("reimage", {"status": {"available", "error"}}, {"status": "downloading"}),
        Transition(
            "reimage_reserved",
            {"status": {"available", "error", "reserved"}},
            {"status": "downloading"},
        ),
        Transition("reimage_done", {"status": {"downloading"}}, {}),
        Transition("reimage_failed", {"status": {"downloading"}}, {"status": "error"}),
        # Revert to the latest snapshot (3.40): the snapshot's bytes come back.
        Transition("revert", {"status": {"available"}}, {"status": "reverting"}),
        Transition("revert_done", {"status": {"reverting"}}, {"status": "available"}),
        Transition("revert_failed", {"status": {"reverting"}}, {"status": "error"}),
        # Where only an available volume may change (the readonly flag).
        Transition("hold_available", {"status": {"available"}}, {}),
        # An admin's os-reset_status: whatever the state, the values given.
        Transition("reset_status", {}, {}),
        # A group deleted with its volumes takes them whatever their status
        # (objects.group), as long as nothing is attached.
        Transition(
            "delete_with_group",
            {"attach_status": NOT_ATTACHED, "migration_status": NOT_MIGRATING},
            {"status": "deleting"},
        ),
        # A volume offered to another project waits until the transfer is
        # accepted (it moves there) or deleted (objects.volume_transfer).
        Transition("transfer_offer", {"status": {"available"}}, {"status": "awaiting-transfer"}),
        Transition("transfer_cancel", {"status": {"awaiting-transfer"}}, {"status": "available"}),
        Transition("transfer_accept", {"status": {"awaiting-transfer"}}, {"status": "available"}),
    ],
)


def move(
    session: orm.Session,
    action: str,
    volume_id: str,
    *,
    values: typing.Mapping[str, typing.Any] | None = None,
    where: typing.Iterable[sa.ColumnElement[bool]] = (),
    reason: str | None = None,
) -> None:
    """Apply a transition, or answer as Cinder does when the volume is not in
    a state the action may start from (``reason`` words that answer)."""
    try:
        VOLUME.apply(session, action, volume_id, values=values, where=where)
    except TransitionRefused as refused:
        if refused.current is None:
            raise errors.volume_not_found(volume_id) from None
        raise errors.invalid_volume(reason or _default_reason(action, refused)) from None


def _default_reason(action: str, refused: TransitionRefused) -> str:
    allowed = VOLUME.transitions[action].source.get("status")
    status = refused.current.get("status") if refused.current else None
    if allowed and status not in allowed:
        return f"Volume status must be {_either(allowed)}."
    return f"Volume status is {status}; {action} is not possible now."


def _either(values: typing.Collection[str | None]) -> str:
    words = sorted(v for v in values if v is not None)
    return " or ".join(words)


def find(session: orm.Session, volume_id: str, caller: Caller) -> Volume:
    """The caller's volume, or Cinder's 404 (also for another project's)."""
    volume = session.get(Volume, volume_id)
    if volume is None or not (caller.is_admin or volume.project_id == caller.project_id):
        raise errors.volume_not_found(volume_id)
    return volume


def usage(session: orm.Session, project_id: str) -> dict[str, int]:
    """What the project's volumes consume: counts and GiB, in total and per
    type (``volumes_<type name>``), as Cinder's quota usage names them."""
    rows = session.execute(
        sa.select(
            models.VolumeType.name, sa.func.count(), sa.func.coalesce(sa.func.sum(Volume.size), 0)
        )
        .join(models.VolumeType, models.VolumeType.id == Volume.volume_type_id)
        .where(Volume.project_id == project_id, Volume.use_quota.is_(True))
        .group_by(models.VolumeType.name)
    ).all()
    used = {"volumes": 0, "gigabytes": 0}
    for type_name, count, size in rows:
        used["volumes"] += count
        used["gigabytes"] += int(size)
        used[f"volumes_{type_name}"] = count
        used[f"gigabytes_{type_name}"] = int(size)
    return used


def allocated_by_host(session: orm.Session) -> dict[str, tuple[int, int]]:
    """Each placed volume host's (host@backend#pool) volume count and GiB."""
    rows = session.execute(
        sa.select(Volume.host, sa.func.count(), sa.func.coalesce(sa.func.sum(Volume.size), 0))
        .where(Volume.host.is_not(None))
        .group_by(Volume.host)
    ).all()
    return {host: (count, int(size)) for host, count, size in rows}


def new_id() -> str:
    return str(uuid.uuid4())
