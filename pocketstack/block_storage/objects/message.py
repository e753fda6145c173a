"""User messages: what an asynchronous request that failed tells its owner.

A message names the resource, what was being done (an action) and what went
wrong (a detail); its event id and text are built from those codes as
Cinder builds them (``VOLUME_VOLUME_001_003``, "schedule allocate volume:
Could not find any available weighted backend."), so tools that match on
them work. Messages expire after ``TTL`` and are reaped periodically.
"""

from __future__ import annotations

import datetime
import uuid

import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack import timeutils
from pocketstack.block_storage import models

TTL = datetime.timedelta(days=30)

# Action codes and their text.
SCHEDULE_ALLOCATE_VOLUME = ("001", "schedule allocate volume")
ATTACH_VOLUME = ("002", "attach volume")
COPY_VOLUME_TO_IMAGE = ("003", "copy volume to image")
UPDATE_ATTACHMENT = ("004", "update attachment")
COPY_IMAGE_TO_VOLUME = ("005", "copy image to volume")
UNMANAGE_VOLUME = ("006", "unmanage volume")
EXTEND_VOLUME = ("007", "extend volume")
CREATE_VOLUME_FROM_BACKEND = ("008", "create volume from backend storage")
SNAPSHOT_CREATE = ("009", "create snapshot")
SNAPSHOT_DELETE = ("010", "delete snapshot")
BACKUP_CREATE = ("013", "create backup")
BACKUP_DELETE = ("014", "delete backup")
BACKUP_RESTORE = ("015", "restore backup")
REIMAGE_VOLUME = ("016", "reimage volume")

# Detail codes and their text.
UNKNOWN_ERROR = ("001", "An unknown error occurred.")
NO_BACKEND_AVAILABLE = ("003", "Could not find any available weighted backend.")
FAILED_TO_UPLOAD_VOLUME = ("004", "Failed to upload volume to image at backend.")
NOT_ENOUGH_SPACE_FOR_IMAGE = ("007", "Image used for creating volume exceeds available space.")
DRIVER_FAILED_EXTEND = ("010", "Volume Driver failed to extend volume.")
DRIVER_FAILED_CREATE = ("012", "Driver failed to create the volume.")
SNAPSHOT_CREATE_ERROR = ("013", "Snapshot failed to create.")
SNAPSHOT_DELETE_ERROR = ("016", "Snapshot failed to delete.")
BACKUP_CREATE_DRIVER_ERROR = ("020", "Backup driver failed to create backup.")
BACKUP_DELETE_DRIVER_ERROR = ("025", "Backup driver failed to delete backup.")
BACKUP_RESTORE_ERROR = ("026", "Backup driver failed to restore backup.")
VOLUME_INVALID_STATE = ("027", "Volume status is invalid.")

Code = tuple[str, str]


def record(
    session: orm.Session,
    *,
    project_id: str,
    resource_type: str,
    resource_uuid: str,
    action: Code,
    detail: Code,
    request_id: str | None = None,
) -> models.Message:
    """Add an ERROR message for the resource's owner."""
    now = timeutils.utcnow()
    message = models.Message(
        id=str(uuid.uuid4()),
        project_id=project_id,
        request_id=request_id,
        resource_type=resource_type,
        resource_uuid=resource_uuid,
        event_id=f"VOLUME_{resource_type}_{action[0]}_{detail[0]}",
        message_level="ERROR",
        user_message=f"{action[1]}:{detail[1]}",
        created_at=now,
        expires_at=now + TTL,
    )
    session.add(message)
    return message


def reap(session: orm.Session) -> int:
    """Delete expired messages; how many went."""
    result = session.execute(
        sa.delete(models.Message).where(models.Message.expires_at < timeutils.utcnow())
    )
    return result.rowcount
