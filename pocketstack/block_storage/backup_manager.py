"""The backup manager (Cinder's cinder-backup): copies volumes and
snapshots into the backup store, restores backups onto volumes, drops
backups, and settles at start what a crash left.

The volume is ``backing-up`` while its bytes are read and then goes back
to the status it had (``previous_status``); a volume being restored is
``restoring-backup`` and ends ``available``, or ``error_restoring``.
"""

from __future__ import annotations

import logging
import typing
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack import timeutils
from pocketstack.block_storage import models
from pocketstack.block_storage.backends import Backends
from pocketstack.block_storage.backup_store import BackupStore
from pocketstack.block_storage.objects import backup as backups
from pocketstack.block_storage.objects import message
from pocketstack.block_storage.objects import snapshot as snapshots
from pocketstack.block_storage.objects import volume as volumes
from pocketstack.db import Database
from pocketstack.transitions import StateMachine, TransitionRefused

LOG = logging.getLogger(__name__)
TARGET = "block_storage.backup"
Backup = models.Backup


class BackupWork(typing.NamedTuple):
    """The columns of a backup the manager works from, read once."""

    id: str
    project_id: str
    volume_id: str
    snapshot_id: str | None
    parent_id: str | None


class BackupManager:
    def __init__(self, database: Database, backends: Backends, store: BackupStore) -> None:
        self.database = database
        self.backends = backends
        self.store = store

    def create_backup(self, backup_id: str, **_: typing.Any) -> None:
        with self.database.reader() as session:
            backup = session.get(Backup, backup_id)
            if backup is None or backup.status != "creating":
                return
            work = BackupWork(*(getattr(backup, f) for f in BackupWork._fields))
            source = self._source(session, work)
        try:
            written = self.store.write(backup_id, source, work.parent_id)
        except Exception as error:  # noqa: BLE001 - any failure is the backup's error
            LOG.warning("backup %s failed: %s", backup_id, error)
            self.store.delete(backup_id)
            self._finish_backup(work, "create_failed", {"fail_reason": str(error)[:255]})
            return
        self._finish_backup(work, "create_done", {"object_count": written.object_count})

    def _source(self, session: orm.Session, work: BackupWork) -> Path:
        """The file the backup reads: the snapshot's copy, or the volume."""
        volume = session.get(models.Volume, work.volume_id)
        backend = self.backends.for_host(volume.host if volume else None)
        if backend is None:
            raise LookupError(f"volume {work.volume_id} has no data")
        if work.snapshot_id:
            return backend.driver.snapshot_path(work.snapshot_id)
        return backend.driver.path(work.volume_id)

    def _finish_backup(self, work: BackupWork, action: str, values: dict) -> None:
        """Move the backup on and give its source back its status."""
        with self.database.transaction() as session:
            if work.snapshot_id:
                _settle(session, snapshots.SNAPSHOT, "backup_done", work.snapshot_id)
            else:
                _settle(session, volumes.VOLUME, "backup_done", work.volume_id)
            try:
                backups.BACKUP.apply(
                    session, action, work.id, values={**values, "updated_at": timeutils.utcnow()}
                )
            except TransitionRefused:
                # Force-deleted meanwhile: drop what was written, whether
                # its delete ran before the write finished or not.
                self.store.delete(work.id)
                return
            if action == "create_failed":
                message.record(
                    session,
                    project_id=work.project_id,
                    resource_type="VOLUME_BACKUP",
                    resource_uuid=work.id,
                    action=message.BACKUP_CREATE,
                    detail=message.BACKUP_CREATE_DRIVER_ERROR,
                )

    def restore_backup(self, backup_id: str, volume_id: str, **_: typing.Any) -> None:
        """Write the backup's bytes over an existing volume (``restoring-backup``)."""
        with self.database.reader() as session:
            volume = session.get(models.Volume, volume_id)
            backend = self.backends.for_host(volume.host if volume else None)
            size = volume.size if volume else 0
            project_id = volume.project_id if volume else ""
        try:
            if backend is None:
                raise LookupError(f"volume {volume_id} has no data")
            backend.driver.create_with(
                volume_id, size, lambda f: self.store.restore_into(backup_id, f)
            )
        except Exception as error:  # noqa: BLE001 - any failure is the restore's error
            LOG.warning("restoring backup %s to volume %s failed: %s", backup_id, volume_id, error)
            self._finish_restore(backup_id, volume_id, "restore_failed", project_id)
            return
        self._finish_restore(backup_id, volume_id, "restore_done", project_id)

    def _finish_restore(self, backup_id: str, volume_id: str, action: str, project_id: str) -> None:
        with self.database.transaction() as session:
            _settle(session, volumes.VOLUME, action, volume_id)
            _settle(session, backups.BACKUP, "restore_done", backup_id)
            if action == "restore_failed":
                message.record(
                    session,
                    project_id=project_id,
                    resource_type="VOLUME_BACKUP",
                    resource_uuid=backup_id,
                    action=message.BACKUP_RESTORE,
                    detail=message.BACKUP_RESTORE_ERROR,
                )

    def delete_backup(self, backup_id: str, **_: typing.Any) -> None:
        """Drop the data, then the row; a crash between the two is finished
        at start (the row is still ``deleting``)."""
        self.store.delete(backup_id)
        with self.database.transaction() as session:
            session.execute(
                sa.delete(Backup).where(Backup.id == backup_id, Backup.status == "deleting")
            )

    def import_record(self, backup_id: str, **_: typing.Any) -> None:
        """An imported record is usable once the store holds its data."""
        action = "create_done" if self.store.exists(backup_id) else "create_failed"
        values = {} if action == "create_done" else {"fail_reason": "backup data not found"}
        with self.database.transaction() as session:
            _settle(session, backups.BACKUP, action, backup_id, values)

    def init_host(self) -> None:
        """Cinder's backup cleanup: creating → error, restoring → available
        (its volume → error_restoring), deleting → finished; volumes left
        backing-up go back to their previous status."""
        self.store.discard_partials()
        with self.database.transaction() as session:
            rows = session.execute(
                sa.select(Backup.id, Backup.status).where(
                    Backup.status.in_(("creating", "restoring", "deleting"))
                )
            ).all()
            for backup_id, status in rows:
                if status == "creating":
                    _settle(session, backups.BACKUP, "create_failed", backup_id)
                elif status == "restoring":
                    _settle(session, backups.BACKUP, "restore_done", backup_id)
            _recover_volumes(session)
        for backup_id, status in rows:
            if status == "deleting":
                self.delete_backup(backup_id)
        if rows:
            LOG.info("backup manager settled %d interrupted backup(s)", len(rows))


def _recover_volumes(session: orm.Session) -> None:
    for volume_id, status in session.execute(
        sa.select(models.Volume.id, models.Volume.status).where(
            models.Volume.status.in_(("backing-up", "restoring-backup"))
        )
    ).all():
        action = "backup_done" if status == "backing-up" else "restore_failed"
        _settle(session, volumes.VOLUME, action, volume_id)
    for snapshot_id in session.scalars(
        sa.select(models.Snapshot.id).where(models.Snapshot.status == "backing-up")
    ).all():
        _settle(session, snapshots.SNAPSHOT, "backup_done", snapshot_id)


def _settle(
    session: orm.Session,
    machine: StateMachine,
    action: str,
    resource_id: str,
    values: dict | None = None,
) -> None:
    """Move a resource on if it is still where the work left it (an admin
    may have reset or deleted it meanwhile)."""
    try:
        machine.apply(session, action, resource_id, values=values)
    except TransitionRefused:
        LOG.info("%s of %s skipped: it moved on meanwhile", action, resource_id)
