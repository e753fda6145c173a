"""The volume manager's snapshot work: copy a volume's bytes into a
snapshot, remove a snapshot, and settle what a crash left (Cinder's volume
manager does these for the backend the volume is on)."""

from __future__ import annotations

import logging
import typing

import sqlalchemy as sa

from pocketstack import timeutils
from pocketstack.block_storage import models
from pocketstack.block_storage.objects import message
from pocketstack.block_storage.objects import snapshot as snapshots
from pocketstack.block_storage.objects import volume as volumes
from pocketstack.transitions import TransitionRefused

if typing.TYPE_CHECKING:
    from pocketstack.block_storage.backends import Backend
    from pocketstack.block_storage.drivers.file import FileDriver
    from pocketstack.db import Database

LOG = logging.getLogger(__name__)
Snapshot = models.Snapshot

# What a snapshot status left by a crash becomes at start: a new status, or
# "delete" to finish a deletion that was under way.
SNAPSHOT_RECOVERY: dict[str, str] = {
    "creating": "error",
    "deleting": "delete",
    "restoring": "available",
}


class SnapshotTasks:
    database: Database
    backend: Backend
    driver: FileDriver

    def create_snapshot(self, snapshot_id: str, **_: typing.Any) -> None:
        with self.database.reader() as session:
            snapshot = session.get(Snapshot, snapshot_id)
            if snapshot is None or snapshot.status != "creating":
                return
            volume_id, project_id = snapshot.volume_id, snapshot.project_id
        try:
            location = self.driver.create_snapshot(volume_id, snapshot_id)
        except Exception as error:  # noqa: BLE001 - any driver failure is the snapshot's error
            LOG.warning("snapshot %s of volume %s failed: %s", snapshot_id, volume_id, error)
            self.driver.delete_snapshot(snapshot_id)
            self._snapshot_failed(snapshot_id, project_id)
            return
        with self.database.transaction() as session:
            try:
                snapshots.SNAPSHOT.apply(
                    session,
                    "create_done",
                    snapshot_id,
                    values={"provider_location": location, "progress": "100%"},
                )
            except TransitionRefused:
                # Force-deleted while it was being taken.
                self.driver.delete_snapshot(snapshot_id)

    def _snapshot_failed(self, snapshot_id: str, project_id: str) -> None:
        with self.database.transaction() as session:
            try:
                snapshots.SNAPSHOT.apply(session, "create_failed", snapshot_id)
            except TransitionRefused:
                return
            message.record(
                session,
                project_id=project_id,
                resource_type="SNAPSHOT",
                resource_uuid=snapshot_id,
                action=message.SNAPSHOT_CREATE,
                detail=message.SNAPSHOT_CREATE_ERROR,
            )

    def revert_to_snapshot(self, volume_id: str, snapshot_id: str, **_: typing.Any) -> None:
        """Copy the snapshot's file back over the volume's; the volume ends
        ``available`` (``error`` if the copy failed), the snapshot
        ``available`` either way, as Cinder's manager leaves them."""
        with self.database.reader() as session:
            volume = session.get(models.Volume, volume_id)
            if volume is None or volume.status != "reverting":
                return
            size = volume.size
        try:
            self.driver.revert_to_snapshot(volume_id, snapshot_id, size)
            outcome = "revert_done"
        except Exception as error:  # noqa: BLE001 - any driver failure is the volume's error
            LOG.warning("reverting volume %s to %s failed: %s", volume_id, snapshot_id, error)
            outcome = "revert_failed"
        values = {"updated_at": timeutils.utcnow()}
        with self.database.transaction() as session:
            for machine, action, row_id in (
                (volumes.VOLUME, outcome, volume_id),
                (snapshots.SNAPSHOT, "restore_done", snapshot_id),
            ):
                try:
                    machine.apply(session, action, row_id, values=values)
                except TransitionRefused:
                    LOG.info("%s left its status while the revert ran", row_id)

    def delete_snapshot(self, snapshot_id: str, **_: typing.Any) -> None:
        """Remove the copy, then the row; a crash between the two is
        finished by init_host (the row is still ``deleting``)."""
        try:
            self.driver.delete_snapshot(snapshot_id)
        except OSError as error:
            LOG.warning("deleting snapshot %s failed: %s", snapshot_id, error)
            with self.database.transaction() as session:
                snapshots.SNAPSHOT.apply(session, "delete_failed", snapshot_id)
            return
        with self.database.transaction() as session:
            session.execute(
                sa.delete(Snapshot).where(Snapshot.id == snapshot_id, Snapshot.status == "deleting")
            )

    def delete_snapshots_of(self, volume_id: str) -> None:
        """The snapshots a cascading volume delete marked ``deleting``."""
        with self.database.reader() as session:
            ids = session.scalars(
                sa.select(Snapshot.id).where(
                    Snapshot.volume_id == volume_id, Snapshot.status == "deleting"
                )
            ).all()
        for snapshot_id in ids:
            self.delete_snapshot(snapshot_id)

    def recover_snapshots(self) -> None:
        """Settle the snapshots of this backend's volumes a crash left."""
        with self.database.transaction() as session:
            stuck = session.execute(
                sa.select(Snapshot.id, Snapshot.status)
                .join(models.Volume, models.Volume.id == Snapshot.volume_id)
                .where(
                    models.Volume.host == self.backend.pool,
                    Snapshot.status.in_(SNAPSHOT_RECOVERY),
                )
            ).all()
            for snapshot_id, status in stuck:
                target = SNAPSHOT_RECOVERY[status]
                if target != "delete":
                    session.execute(
                        sa.update(Snapshot)
                        .where(Snapshot.id == snapshot_id, Snapshot.status == status)
                        .values(status=target, updated_at=timeutils.utcnow())
                    )
        for snapshot_id, status in stuck:
            if SNAPSHOT_RECOVERY[status] == "delete":
                self.delete_snapshot(snapshot_id)
        if stuck:
            LOG.info("backend %s settled %d interrupted snapshot(s)", self.backend.name, len(stuck))
