"""What is done with a backup besides its CRUD: restore it to a volume,
export and import its record (admin), and the admin actions
(os-reset_status, os-force_delete). Volumes made from a backup (3.47) are
checked here too."""

from __future__ import annotations

import base64
import binascii
import json
import typing

import sqlalchemy as sa
from sqlalchemy import orm
from starlette.responses import Response

from pocketstack import timeutils
from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.block_storage import errors, models
from pocketstack.block_storage import microversions as mv
from pocketstack.block_storage.backup_manager import TARGET as BACKUP_MANAGER
from pocketstack.block_storage.backup_store import SERVICE
from pocketstack.block_storage.handlers import action_named, at_least, authorize, caller, runtime
from pocketstack.block_storage.handlers import volume_create as creation
from pocketstack.block_storage.handlers.backup import start_deletion, summary
from pocketstack.block_storage.objects import backup as backups
from pocketstack.block_storage.objects import volume as volumes
from pocketstack.block_storage.scheduler import TARGET as SCHEDULER
from pocketstack.block_storage.schemas import backup as schemas

Backup = models.Backup
# The columns an exported record carries, to make the row again on import.
RECORD_FIELDS = (
    "id",
    "volume_id",
    "snapshot_id",
    "parent_id",
    "name",
    "description",
    "size",
    "object_count",
    "container",
    "availability_zone",
)


def restore_backup(req: ApiRequest) -> Response:
    """POST /v3/backups/{id}/restore: onto the given volume, or a new one."""
    restore = req.validated(schemas.RESTORE)["restore"] or {}
    with runtime(req).database.transaction() as session:
        backup = backups.find(session, req.params["backup_id"], caller(req))
        authorize(req, "backup:restore", backup.project_id)
        if backup.size is None or backup.size <= 0:
            raise errors.invalid_backup("Backup to be restored has invalid size")
        if restore.get("volume_id"):
            volume = _onto_volume(req, session, backup, restore["volume_id"])
            cast: tuple[str, str, dict] = (
                BACKUP_MANAGER,
                "restore_backup",
                {"backup_id": backup.id, "volume_id": volume.id},
            )
        else:
            volume, spec = _onto_new_volume(req, session, backup, restore.get("name"))
            cast = (SCHEDULER, "create_volume", {"volume_id": volume.id, "spec": spec})
        body = {"backup_id": backup.id, "volume_id": volume.id, "volume_name": volume.name}
    runtime(req).bus.cast(cast[0], cast[1], **cast[2])
    return responses.json({"restore": body}, status=202)


def _hold_backup(session: orm.Session, backup_id: str, volume_id: str | None) -> None:
    backups.move(
        session,
        "restore",
        backup_id,
        values={"restore_volume_id": volume_id},
        reason="Backup status must be available",
    )


def _onto_volume(
    req: ApiRequest, session: orm.Session, backup: Backup, volume_id: str
) -> models.Volume:
    """An existing volume: available and big enough (Cinder's checks, in
    its order), then ``restoring-backup`` until the manager is done."""
    volume = volumes.find(session, volume_id, caller(req))
    _hold_backup(session, backup.id, volume.id)
    volumes.move(session, "restore", volume.id, reason="Volume to be restored to must be available")
    if volume.size < backup.size:
        raise errors.invalid_volume(
            f"volume size {volume.size} is too small to restore backup of size {backup.size}."
        )
    return volume


def _onto_new_volume(
    req: ApiRequest, session: orm.Session, backup: Backup, name: str | None
) -> tuple[models.Volume, dict[str, typing.Any]]:
    """A volume made for the restore, of the backup's size (Cinder's names);
    the volume manager writes the backup's bytes as it creates it."""
    _hold_backup(session, backup.id, None)
    request = creation.CreateRequest(
        body={
            "name": name or f"restore_backup_{backup.id}",
            "description": "auto-created_from_restore_from_backup",
        },
        size=backup.size,
    )
    volume = creation.record(req, session, request)
    volume.backup_id = backup.id
    session.execute(
        sa.update(Backup).where(Backup.id == backup.id).values(restore_volume_id=volume.id)
    )
    session.flush()
    return volume, creation.request_spec(session, request, volume)


def _check_backup_source(
    req: ApiRequest, session: orm.Session, request: creation.CreateRequest
) -> None:
    """A volume from a backup (3.47): the backup available and no bigger
    than the volume; it is ``restoring`` until the volume is made."""
    if not at_least(req, mv.VOLUME_CREATE_FROM_BACKUP):
        request.body.pop("backup_id", None)
        return
    backup = backups.find(session, request.body["backup_id"], caller(req))
    backups.move(
        session,
        "restore",
        backup.id,
        reason="Originating backup status must be one of 'available' values",
    )
    if request.size is None:
        request.size = backup.size
    if request.size < backup.size:
        raise errors.invalid_input(
            f"Volume size {request.size}GB cannot be smaller than the backup size "
            f"{backup.size}GB. It must be >= backup size."
        )


creation.SOURCE_CHECKS["backup_id"] = _check_backup_source


def export_record(req: ApiRequest) -> Response:
    with runtime(req).database.reader() as session:
        backup = backups.find(session, req.params["backup_id"], caller(req))
        authorize(req, "backup:export-import", backup.project_id)
        if backup.status != "available":
            raise errors.invalid_backup(f"Backup status must be available and not {backup.status}.")
        record = {field: getattr(backup, field) for field in RECORD_FIELDS}
    url = base64.b64encode(json.dumps(record).encode()).decode()
    return responses.json({"backup-record": {"backup_service": SERVICE, "backup_url": url}})


def _decode_record(url: str) -> dict[str, typing.Any]:
    try:
        record = json.loads(base64.b64decode(url, validate=True))
    except (binascii.Error, ValueError):
        raise errors.invalid_input("Can't parse backup record.") from None
    if not isinstance(record, dict):
        raise errors.invalid_input("Can't parse backup record.")
    if not record.get("id"):
        raise errors.invalid_input("Provided backup record is missing an id")
    if "size" not in record:
        raise errors.invalid_input("Provided backup record is missing size attribute")
    return record


def import_record(req: ApiRequest) -> Response:
    """POST /v3/backups/import_record (201): the row again, ``creating``
    until the manager has found its data in the store."""
    authorize(req, "backup:backup-import")
    fields = req.validated(schemas.IMPORT_RECORD)["backup-record"]
    if fields["backup_service"] != SERVICE:
        raise errors.ApiError(
            f"Service {fields['backup_service']} could not be found.",
            status=503,
            code="block_storage.backup.service",
        )
    record = _decode_record(fields["backup_url"])
    with runtime(req).database.transaction() as session:
        if session.get(Backup, record["id"]) is not None:
            raise errors.invalid_backup("Backup already exists in database.")
        now = timeutils.utcnow()
        values = {k: record.get(k) for k in RECORD_FIELDS}
        backup = Backup(
            **{**values, "object_count": values["object_count"] or 0},
            project_id=req.context.project_id,
            user_id=req.context.user_id,
            status="creating",
            data_timestamp=now,
            created_at=now,
        )
        session.add(backup)
        session.flush()
        body = summary(req, backup)
    runtime(req).bus.cast(BACKUP_MANAGER, "import_record", backup_id=backup.id)
    return responses.json({"backup": body}, status=201)


def _reset_status(req: ApiRequest) -> Response:
    status = req.validated(schemas.RESET_STATUS)["os-reset_status"]["status"].lower()
    if status not in backups.RESET_STATUSES:
        raise errors.bad_request(
            f"Backup status: {status} is invalid, valid statuses are: "
            f"{list(backups.RESET_STATUSES)}."
        )
    with runtime(req).database.transaction() as session:
        backup = backups.find(session, req.params["backup_id"], caller(req))
        authorize(req, "volume_extension:backup_admin_actions:reset_status", backup.project_id)
        backups.move(
            session,
            "reset_status",
            backup.id,
            values={"status": status, "updated_at": timeutils.utcnow()},
        )
    return responses.no_content(202)


def _force_delete(req: ApiRequest) -> Response:
    req.validated(schemas.FORCE_DELETE)
    with runtime(req).database.transaction() as session:
        backup = backups.find(session, req.params["backup_id"], caller(req))
        authorize(req, "volume_extension:backup_admin_actions:force_delete", backup.project_id)
        start_deletion(session, backup.id, force=True)
    runtime(req).bus.cast(BACKUP_MANAGER, "delete_backup", backup_id=backup.id)
    return responses.no_content(202)


ACTIONS = {"os-reset_status": _reset_status, "os-force_delete": _force_delete}


def backup_action(req: ApiRequest) -> Response:
    return action_named(req, ACTIONS)(req)
