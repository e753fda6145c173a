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


def metadata_of(session: orm.Session, model: type, volume_id: str) -> dict[str, str]:
    rows = session.scalars(sa.select(model).where(model.volume_id == volume_id))
    return {row.key: row.value for row in rows}


def set_metadata(
    session: orm.Session, model: type, volume_id: str, items: typing.Mapping[str, str]
) -> None:
    """Replace the volume's rows of ``model`` (a metadata table) with ``items``."""
    session.execute(sa.delete(model).where(model.volume_id == volume_id))
    session.add_all(model(volume_id=volume_id, key=k, value=v) for k, v in items.items())
    session.flush()


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
