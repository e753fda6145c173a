"""/v3/backups: create (the backup manager copies the bytes), list, show,
update (3.9) and delete. Restores, records and admin actions are in
backup_actions."""

from __future__ import annotations

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
from pocketstack.block_storage.handlers import (
    all_projects,
    at_least,
    authorize,
    caller,
    isotime,
    paged,
    require_version,
    runtime,
)
from pocketstack.block_storage.handlers.volume import links
from pocketstack.block_storage.objects import backup as backups
from pocketstack.block_storage.objects import metadata as metadata_items
from pocketstack.block_storage.objects import quota
from pocketstack.block_storage.objects import snapshot as snapshots
from pocketstack.block_storage.objects import volume as volumes
from pocketstack.block_storage.schemas import backup as schemas
from pocketstack.block_storage.schemas.types import as_bool
from pocketstack.transitions import TransitionRefused

Backup = models.Backup
METADATA = models.BackupMetadata.backup_id
SORTABLE = ("created_at", "updated_at", "id", "name", "status", "volume_id", "size", "project_id")
DEFAULT_CONTAINER = "backups"


def summary(req: ApiRequest, backup: Backup) -> dict[str, typing.Any]:
    return {"id": backup.id, "name": backup.name, "links": links(req, "backups", backup.id)}


def detail(req: ApiRequest, session: orm.Session, backup: Backup) -> dict[str, typing.Any]:
    """Cinder's detailed backup, with what the microversion and policy add."""
    body: dict[str, typing.Any] = {
        "id": backup.id,
        "status": backup.status,
        "size": backup.size,
        "object_count": backup.object_count,
        "availability_zone": backup.availability_zone,
        "container": backup.container,
        "created_at": isotime(backup.created_at),
        "updated_at": isotime(backup.updated_at),
        "name": backup.name,
        "description": backup.description,
        "fail_reason": backup.fail_reason,
        "volume_id": backup.volume_id,
        "links": links(req, "backups", backup.id),
        "is_incremental": backup.parent_id is not None,
        "has_dependent_backups": backups.has_dependents(session, backup.id),
        "snapshot_id": backup.snapshot_id,
        "data_timestamp": isotime(backup.data_timestamp),
    }
    if at_least(req, mv.BACKUP_METADATA):
        body["metadata"] = metadata_items.items(session, METADATA, backup.id)
    if at_least(req, mv.ENCRYPTION_KEY_ID_IN_DETAILS) and backup.encryption_key_id:
        body["encryption_key_id"] = backup.encryption_key_id
    if req.allowed("backup:backup_project_attribute", {"project_id": backup.project_id}):
        if at_least(req, mv.BACKUP_PROJECT):
            body["os-backup-project-attr:project_id"] = backup.project_id
        if at_least(req, mv.BACKUP_PROJECT_USER_ID):
            body["user_id"] = backup.user_id
    return body


def _create_schema(req: ApiRequest) -> dict[str, typing.Any]:
    if at_least(req, mv.BACKUP_AZ):
        return schemas.CREATE_V3_51
    if at_least(req, mv.BACKUP_METADATA):
        return schemas.CREATE_V3_43
    return schemas.CREATE


def _hold_source(session: orm.Session, volume: models.Volume, fields: dict) -> None:
    """Move what the backup reads to ``backing-up``: the snapshot, or the
    volume (which returns to its status after), with Cinder's refusals."""
    snapshot_id = fields.get("snapshot_id")
    if snapshot_id:
        snapshot = session.get(models.Snapshot, snapshot_id)
        if snapshot is None or snapshot.project_id != volume.project_id:
            raise errors.snapshot_not_found(snapshot_id)
        if snapshot.volume_id != volume.id:
            raise errors.invalid_volume(
                f"Volume {volume.id} does not match with snapshot.volume_id {snapshot.volume_id}."
            )
        try:
            snapshots.SNAPSHOT.apply(session, "backup", snapshot_id)
        except TransitionRefused as refused:
            status = (refused.current or {}).get("status")
            raise errors.invalid_snapshot(
                f'Snapshot to be backed up must be available, but the current status is "{status}".'
            ) from None
        return
    force = as_bool(fields.get("force", False))
    try:
        volumes.VOLUME.apply(session, "backup_in_use" if force else "backup", volume.id)
    except TransitionRefused as refused:
        status = (refused.current or {}).get("status")
        if status == "in-use":
            raise errors.invalid_volume(
                "Backing up an in-use volume must use the force flag."
            ) from None
        raise errors.invalid_volume(
            "Volume to be backed up must be available or in-use, but the current status "
            f'is "{status}".'
        ) from None


def _parent(session: orm.Session, volume_id: str, incremental: bool) -> str | None:
    if not incremental:
        return None
    parent = backups.latest_available(session, volume_id)
    if parent is None:
        raise errors.invalid_backup("No backups available to do an incremental backup.")
    return parent.id


def create_backup(req: ApiRequest) -> Response:
    authorize(req, "backup:create")
    fields = req.validated(_create_schema(req))["backup"]
    with runtime(req).database.transaction() as session:
        volume = volumes.find(session, fields["volume_id"], caller(req))
        parent_id = _parent(session, volume.id, as_bool(fields.get("incremental", False)))
        _hold_source(session, volume, fields)
        quota.consume(
            session,
            runtime(req).settings,
            req.context.project_id,
            {"backups": 1, "backup_gigabytes": volume.size},
        )
        now = timeutils.utcnow()
        backup = Backup(
            id=volumes.new_id(),
            project_id=req.context.project_id,
            user_id=req.context.user_id,
            volume_id=volume.id,
            snapshot_id=fields.get("snapshot_id"),
            parent_id=parent_id,
            name=fields.get("name"),
            description=fields.get("description"),
            status="creating",
            size=volume.size,
            container=fields.get("container") or DEFAULT_CONTAINER,
            availability_zone=fields.get("availability_zone") or volume.availability_zone,
            encryption_key_id=volume.encryption_key_id,
            data_timestamp=now,
            created_at=now,
        )
        session.add(backup)
        session.flush()
        metadata_items.replace(session, METADATA, backup.id, fields.get("metadata") or {})
        body = summary(req, backup)
    runtime(req).bus.cast(BACKUP_MANAGER, "create_backup", backup_id=backup.id)
    return responses.json({"backup": body}, status=202)


def _conditions(req: ApiRequest) -> list[sa.ColumnElement[bool]]:
    """Cinder's backup filters: name, status, volume_id (and a project for
    an admin looking at all)."""
    query = req.query
    found = [
        getattr(Backup, key) == query[key]
        for key in ("name", "status", "volume_id")
        if key in query
    ]
    if not all_projects(req):
        found.append(Backup.project_id == req.context.project_id)
    elif "project_id" in query:
        found.append(Backup.project_id == query["project_id"])
    return found


def _list(req: ApiRequest, detailed: bool) -> Response:
    authorize(req, "backup:get_all")
    with runtime(req).database.reader() as session:
        return paged.respond(
            req,
            session,
            Backup,
            _conditions(req),
            key="backups",
            path="backups/detail" if detailed else "backups",
            sortable=SORTABLE,
            view=lambda b: detail(req, session, b) if detailed else summary(req, b),
        )


def list_backups(req: ApiRequest) -> Response:
    return _list(req, detailed=False)


def list_backups_detail(req: ApiRequest) -> Response:
    return _list(req, detailed=True)


def show_backup(req: ApiRequest) -> Response:
    with runtime(req).database.reader() as session:
        backup = backups.find(session, req.params["backup_id"], caller(req))
        authorize(req, "backup:get", backup.project_id)
        return responses.json({"backup": detail(req, session, backup)})


def update_backup(req: ApiRequest) -> Response:
    """PUT (3.9): name, description and (3.43) metadata."""
    require_version(req, mv.BACKUP_UPDATE)
    schema = schemas.UPDATE_V3_43 if at_least(req, mv.BACKUP_METADATA) else schemas.UPDATE
    fields = req.validated(schema)["backup"] or {}
    with runtime(req).database.transaction() as session:
        backup = backups.find(session, req.params["backup_id"], caller(req))
        authorize(req, "backup:update", backup.project_id)
        for key in ("name", "description"):
            if key in fields:
                setattr(backup, key, fields[key])
        if "metadata" in fields:
            metadata_items.replace(session, METADATA, backup.id, fields["metadata"])
        backup.updated_at = timeutils.utcnow()
        session.flush()
        return responses.json({"backup": summary(req, backup)})


def delete_backup(req: ApiRequest) -> Response:
    with runtime(req).database.transaction() as session:
        backup = backups.find(session, req.params["backup_id"], caller(req))
        authorize(req, "backup:delete", backup.project_id)
        start_deletion(session, backup.id, force=False)
    runtime(req).bus.cast(BACKUP_MANAGER, "delete_backup", backup_id=backup.id)
    return responses.no_content(202)


def start_deletion(session: orm.Session, backup_id: str, *, force: bool) -> None:
    """Move the backup to ``deleting``, or Cinder's refusal: a wrong status,
    or incremental backups built on it."""
    try:
        backups.BACKUP.apply(
            session,
            "force_delete" if force else "delete",
            backup_id,
            where=[backups.no_dependents(backup_id)],
        )
    except TransitionRefused as refused:
        if refused.current is None:
            raise errors.backup_not_found(backup_id) from None
        if not force and refused.current.get("status") not in ("available", "error"):
            raise errors.invalid_backup("Backup status must be available or error") from None
        raise errors.invalid_backup("Incremental backups exist for this backup.") from None
