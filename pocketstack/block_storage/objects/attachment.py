"""Attachments: a volume's consumers, and the volume status they imply.

Every step is a compare-and-swap on the volume (objects.volume.VOLUME) and
on the attachment (``ATTACHMENT``), in one transaction: reserving moves the
volume to ``reserved`` (only from ``available``, or also ``in-use`` when it
is multiattach), so two racing reservations of a plain volume can never
both win. A detach locks the volume row, removes the attachment and sets
the volume's status from the attachments that remain, as Cinder's
``volume_detached`` does.
"""

from __future__ import annotations

import typing

import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack import timeutils
from pocketstack.block_storage import errors, models
from pocketstack.block_storage.objects import Caller
from pocketstack.block_storage.objects import metadata as metadata_items
from pocketstack.block_storage.objects import volume as volumes
from pocketstack.transitions import StateMachine, Transition, TransitionRefused

Attachment = models.VolumeAttachment
Volume = models.Volume

LIVE = {"reserved", "attaching", "attached", "detaching"}
ATTACHMENT = StateMachine(
    Attachment.__table__,
    [
        Transition("connect", {"attach_status": LIVE}, {"attach_status": "attaching"}),
        Transition("complete", {"attach_status": LIVE}, {"attach_status": "attached"}),
    ],
)
# What a reservation may start from, as Cinder words it when refused.
RESERVABLE = "available or downloading"
RESERVABLE_MULTIATTACH = "available or in-use or downloading"
# The volume status an attachment status stands for, where they differ.
VOLUME_STATUS_OF = {"attached": "in-use", "detached": "available"}


def find(session: orm.Session, attachment_id: str, caller: Caller) -> Attachment:
    """The caller's attachment (through its volume's project), or Cinder's 404."""
    row = session.execute(
        sa.select(Attachment, Volume.project_id)
        .join(Volume, Volume.id == Attachment.volume_id)
        .where(Attachment.id == attachment_id)
    ).first()
    if row is None or not (caller.is_admin or row.project_id == caller.project_id):
        raise errors.attachment_not_found(attachment_id)
    return row.VolumeAttachment


def reserve(
    session: orm.Session, volume: Volume, instance_uuid: str | None, mode: str = "null"
) -> Attachment:
    """A new ``reserved`` attachment; the volume goes ``reserved``."""
    if "error" in volume.status:
        raise errors.invalid_volume(
            "Volume attachments can not be created if the volume is in an error state. "
            f"The Volume {volume.id} currently has a status of: {volume.status} "
        )
    action = "reserve_multiattach" if volume.multiattach else "reserve"
    try:
        volumes.VOLUME.apply(session, action, volume.id)
    except TransitionRefused as refused:
        if refused.current is None:
            raise errors.volume_not_found(volume.id) from None
        if not _same_instance_again(session, volume.id, instance_uuid, refused.current):
            statuses = RESERVABLE_MULTIATTACH if volume.multiattach else RESERVABLE
            raise errors.invalid_volume(
                f"Volume {volume.id} status must be {statuses} to reserve, but the current "
                f"status is {refused.current['status']}."
            ) from None
    if metadata_items.items(session, models.VolumeAdminMetadata.volume_id, volume.id).get(
        "readonly"
    ) in (
        "True",
        "true",
    ):
        mode = "ro"
    attachment = Attachment(
        id=volumes.new_id(),
        volume_id=volume.id,
        instance_uuid=instance_uuid,
        attach_status="reserved",
        attach_mode=mode,
        created_at=timeutils.utcnow(),
    )
    session.add(attachment)
    session.flush()
    return attachment


def _same_instance_again(
    session: orm.Session, volume_id: str, instance_uuid: str | None, current: dict
) -> bool:
    """Cinder lets the instance a volume is attached to reserve it again
    (a move to another host needs a second attachment)."""
    if not instance_uuid or current["status"] not in ("in-use", "reserved"):
        return False
    return (
        session.scalar(
            sa.select(sa.func.count())
            .select_from(Attachment)
            .where(Attachment.volume_id == volume_id, Attachment.instance_uuid == instance_uuid)
        )
        > 0
    )


def connect(
    session: orm.Session, attachment: Attachment, volume: Volume, connector: dict, device: str
) -> dict[str, typing.Any]:
    """Record the consumer's connector and the connection it gets; the
    attachment and the volume go ``attaching``."""
    if "error" in volume.status:
        raise errors.resource_conflict(
            "Volume attachments can not be updated if the volume is in an error state. "
            f"The Volume {volume.id} currently has a status of: {volume.status} "
        )
    _refuse_second_host(session, attachment, volume)
    mode = attachment.attach_mode if attachment.attach_mode != "null" else None
    mode = mode or connector.get("mode") or "rw"
    info = connection_info(device, mode)
    volumes.move(session, "connect", volume.id)
    _move(
        session,
        "connect",
        attachment.id,
        {
            "connector": {**connector, "mode": mode},
            "connection_info": info,
            "attached_host": connector.get("host", ""),
            "mountpoint": connector.get("mountpoint", "na"),
            "attach_mode": mode,
            "attach_time": timeutils.utcnow(),
        },
    )
    return info


def _refuse_second_host(session: orm.Session, attachment: Attachment, volume: Volume) -> None:
    """A plain volume connected on one host may not be connected on another."""
    if volume.multiattach:
        return
    others = session.scalar(
        sa.select(sa.func.count())
        .select_from(Attachment)
        .where(
            Attachment.volume_id == volume.id,
            Attachment.id != attachment.id,
            Attachment.connection_info.is_not(None),
        )
    )
    if others:
        raise errors.resource_conflict(f"duplicate connectors detected on volume {volume.id}")


def connection_info(device: str, mode: str) -> dict[str, typing.Any]:
    """What a consumer needs to reach the volume: the file driver's volumes
    are local files (os-brick's ``local`` connector reads ``device_path``)."""
    return {
        "driver_volume_type": "local",
        "data": {"device_path": device, "access_mode": mode},
    }


def complete(session: orm.Session, attachment: Attachment) -> None:
    """The consumer is connected: attachment ``attached``, volume ``in-use``."""
    _move(session, "complete", attachment.id, {})
    volumes.move(session, "attach", attachment.volume_id)


def attach(
    session: orm.Session, volume: Volume, instance_uuid: str | None, host: str | None, **fields
) -> Attachment:
    """os-attach: an attachment made and completed at once (Nova's older
    flow); a plain volume already in-use is refused in the same swap."""
    attachment = Attachment(
        id=volumes.new_id(),
        volume_id=volume.id,
        instance_uuid=instance_uuid,
        attached_host=host,
        attach_status="attached",
        attach_time=timeutils.utcnow(),
        created_at=timeutils.utcnow(),
        **fields,
    )
    if volume.multiattach:
        volumes.move(session, "attach", volume.id)
    else:
        volumes.move(
            session,
            "attach_single",
            volume.id,
            reason="volume is already attached and multiple attachments are not enabled",
        )
    session.add(attachment)
    session.flush()
    return attachment


def detach(
    session: orm.Session, volume_id: str, attachment_id: str | None, transition: str = "detach"
) -> None:
    """Remove the attachment and set the volume's status from those left
    (``transition``: the VOLUME action that may do so)."""
    session.execute(sa.select(Volume.id).where(Volume.id == volume_id).with_for_update()).first()
    if attachment_id is not None:
        gone = session.execute(
            sa.delete(Attachment).where(
                Attachment.id == attachment_id, Attachment.volume_id == volume_id
            )
        )
        if gone.rowcount != 1:
            raise errors.attachment_not_found(attachment_id)
    status, attach_status = statuses_left(session, volume_id)
    volumes.move(
        session,
        transition,
        volume_id,
        values={"status": status, "attach_status": attach_status, "updated_at": timeutils.utcnow()},
    )


def statuses_left(session: orm.Session, volume_id: str) -> tuple[str, str]:
    """The volume's status and attach_status its attachments give: the first
    of attached, attaching, detaching, reserved (errors ignored), as Cinder
    orders them; detached / available when none is left."""
    attach_status = session.scalar(
        sa.select(Attachment.attach_status)
        .where(Attachment.volume_id == volume_id, ~Attachment.attach_status.startswith("error_"))
        .order_by(Attachment.attach_status)
        .limit(1)
    )
    attach_status = attach_status or "detached"
    return VOLUME_STATUS_OF.get(attach_status, attach_status), attach_status


def of_volume(session: orm.Session, volume_id: str) -> list[Attachment]:
    return list(
        session.scalars(
            sa.select(Attachment)
            .where(Attachment.volume_id == volume_id)
            .order_by(Attachment.created_at, Attachment.id)
        )
    )


def volume_view(session: orm.Session, volume: Volume, is_admin: bool) -> list[dict]:
    """A volume's ``attachments``: those attached, in Cinder's fields."""
    return [
        {
            "id": a.volume_id,
            "attachment_id": a.id,
            "volume_id": a.volume_id,
            "server_id": a.instance_uuid,
            "host_name": a.attached_host if is_admin else None,
            "device": a.mountpoint,
            "attached_at": timeutils.iso_micro(a.attach_time),
        }
        for a in of_volume(session, volume.id)
        if a.attach_status == "attached"
    ]


def delete_guard(session: orm.Session, volume: Volume, cascade: bool) -> list:
    """A volume with any attachment left (even only reserved) is not deleted."""
    return [
        ~sa.exists().where(
            Attachment.volume_id == Volume.id, ~Attachment.attach_status.startswith("error_")
        )
    ]


def _move(session: orm.Session, action: str, attachment_id: str, values: dict) -> None:
    try:
        ATTACHMENT.apply(session, action, attachment_id, values=values)
    except TransitionRefused as refused:
        if refused.current is None:
            raise errors.attachment_not_found(attachment_id) from None
        raise errors.bad_request(
            f"Invalid volume attachment: attachment {attachment_id} is "
            f"{refused.current['attach_status']}."
        ) from None
