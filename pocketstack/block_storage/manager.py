"""The volume manager: one per backend, doing what the scheduler cast to it.

It calls the backend's driver and moves the volume on with a compare-and-
swap: ``creating`` → ``available``, or ``error`` with a user message saying
why; ``deleting`` → gone. ``init_host`` is recovery after a crash, as
Cinder's is: every volume of this backend left in a transitional status is
settled (``RECOVERY``), and half-written files are discarded.
"""

from __future__ import annotations

import contextlib
import logging
import typing

import sqlalchemy as sa

from pocketstack import timeutils
from pocketstack.block_storage import models
from pocketstack.block_storage.backends import Backend, Backends
from pocketstack.block_storage.backup_store import BackupStore
from pocketstack.block_storage.image_client import ImageClient
from pocketstack.block_storage.manager_actions import VolumeActions
from pocketstack.block_storage.objects import attachment as attachments
from pocketstack.block_storage.objects import backup as backups
from pocketstack.block_storage.objects import message
from pocketstack.block_storage.objects import metadata as metadata_items
from pocketstack.block_storage.objects import volume as volumes
from pocketstack.block_storage.snapshot_tasks import SnapshotTasks
from pocketstack.db import Database
from pocketstack.transitions import TransitionRefused

LOG = logging.getLogger(__name__)
GIB = 1 << 30

# Image properties a volume made from an image does not carry over.
IMAGE_FIELDS_SKIPPED = frozenset(
    {
        "id",
        "name",
        "status",
        "file",
        "schema",
        "self",
        "tags",
        "locations",
        "owner",
        "visibility",
        "protected",
        "created_at",
        "updated_at",
        "os_hash_algo",
        "os_hash_value",
        "stores",
        "direct_url",
        "virtual_size",
        "os_hidden",
    }
)

# What a status left by a crash becomes at start (Cinder's init_host): a new
# status, "delete" to finish a deletion that was under way, PREVIOUS for the
# status the action started from, or FROM_ATTACHMENTS for what the volume's
# attachments say (a reserve or detach Nova began and will not finish).
PREVIOUS = "previous"
FROM_ATTACHMENTS = "attachments"
RECOVERY: dict[str, str] = {
    "creating": "error",
    "downloading": "error",
    "deleting": "delete",
    "extending": "error_extending",
    "reverting": "error",
    "uploading": PREVIOUS,
    "retyping": PREVIOUS,
    "attaching": FROM_ATTACHMENTS,
    "detaching": FROM_ATTACHMENTS,
}


class VolumeManager(SnapshotTasks, VolumeActions):
    def __init__(
        self,
        database: Database,
        backend: Backend,
        backends: Backends,
        images: ImageClient,
        backup_store: BackupStore,
    ) -> None:
        self.database = database
        self.backend = backend
        self.backends = backends
        self.images = images
        self.backup_store = backup_store

    @property
    def driver(self):
        return self.backend.driver

    def create_volume(self, volume_id: str, token: str | None = None, **_: typing.Any) -> None:
        with self.database.reader() as session:
            volume = session.get(models.Volume, volume_id)
            if volume is None or volume.status != "creating":
                return
            detached = VolumeWork.of(volume)
        try:
            location, extra = self._create(detached, token)
        except Exception as error:  # noqa: BLE001 - any driver failure is the volume's error
            LOG.warning("creating volume %s failed: %s", volume_id, error)
            self.driver.delete(volume_id)
            self._fail(
                detached,
                message.COPY_IMAGE_TO_VOLUME
                if detached.image_id
                else message.CREATE_VOLUME_FROM_BACKEND,
                message.DRIVER_FAILED_CREATE,
            )
            return
        with self.database.transaction() as session:
            try:
                volumes.VOLUME.apply(
                    session,
                    "create_done",
                    volume_id,
                    values={
                        "provider_location": location,
                        "launched_at": timeutils.utcnow(),
                        **extra.pop("columns", {}),
                    },
                )
            except TransitionRefused:
                # The volume was force-deleted while it was being made.
                self.driver.delete(volume_id)
                return
            if extra.get("image_metadata"):
                metadata_items.replace(
                    session,
                    models.VolumeImageMetadata.volume_id,
                    volume_id,
                    extra["image_metadata"],
                )

    def _create(self, volume: VolumeWork, token: str | None) -> tuple[str, dict]:
        """Make the volume's bytes; its location and what else to record."""
        if volume.source_volid:
            return self._from_volume(volume), {}
        if volume.snapshot_id:
            return self._from_snapshot(volume), {}
        if volume.backup_id:
            return self._from_backup(volume), {}
        if volume.image_id:
            return self._from_image(volume, token or "")
        return self.driver.create(volume.id, volume.size), {}

    def _from_volume(self, volume: VolumeWork) -> str:
        with self.database.reader() as session:
            source = session.get(models.Volume, volume.source_volid)
            host = source.host if source is not None else None
        backend = self.backends.for_host(host)
        if backend is None:
            raise LookupError(f"source volume {volume.source_volid} has no data")
        return self.driver.create_from_file(
            volume.id, backend.driver.path(volume.source_volid), volume.size
        )

    def _from_snapshot(self, volume: VolumeWork) -> str:
        with self.database.reader() as session:
            snapshot = session.get(models.Snapshot, volume.snapshot_id)
            source = session.get(models.Volume, snapshot.volume_id) if snapshot else None
            host = source.host if source is not None else None
        backend = self.backends.for_host(host)
        if backend is None:
            raise LookupError(f"snapshot {volume.snapshot_id} has no data")
        return self.driver.create_from_file(
            volume.id, backend.driver.snapshot_path(volume.snapshot_id), volume.size
        )

    def _from_backup(self, volume: VolumeWork) -> str:
        """Write the backup's bytes; the backup is ``restoring`` until done."""
        try:
            return self.driver.create_with(
                volume.id,
                volume.size,
                lambda f: self.backup_store.restore_into(volume.backup_id, f),
            )
        finally:
            # The backup may have been reset by an admin meanwhile.
            with self.database.transaction() as session, contextlib.suppress(TransitionRefused):
                backups.BACKUP.apply(session, "restore_done", volume.backup_id)

    def _from_image(self, volume: VolumeWork, token: str) -> tuple[str, dict]:
        image = self.images.show(token, volume.image_id)
        location = self.driver.create_from_data(
            volume.id, self.images.download(token, volume.image_id), volume.size
        )
        return location, {
            "columns": {"bootable": True},
            "image_metadata": image_metadata(image),
        }

    def _fail(self, volume: VolumeWork, action: message.Code, detail: message.Code) -> None:
        with self.database.transaction() as session:
            try:
                volumes.VOLUME.apply(session, "create_failed", volume.id)
            except TransitionRefused:
                return
            message.record(
                session,
                project_id=volume.project_id,
                resource_type="VOLUME",
                resource_uuid=volume.id,
                action=action,
                detail=detail,
            )

    def delete_volume(self, volume_id: str) -> None:
        """Remove the bytes, then the row; a crash between the two is
        finished by init_host (the row is still ``deleting``)."""
        self.delete_snapshots_of(volume_id)
        self.driver.delete(volume_id)
        with self.database.transaction() as session:
            session.execute(
                sa.delete(models.Volume).where(
                    models.Volume.id == volume_id, models.Volume.status == "deleting"
                )
            )

    def init_host(self) -> None:
        self.driver.discard_partials()
        with self.database.transaction() as session:
            stuck = session.execute(
                sa.select(models.Volume.id, models.Volume.status).where(
                    models.Volume.host == self.backend.pool,
                    models.Volume.status.in_(RECOVERY),
                )
            ).all()
            for volume_id, status in stuck:
                target = RECOVERY[status]
                if target == "delete":
                    continue
                session.execute(
                    sa.update(models.Volume)
                    .where(models.Volume.id == volume_id, models.Volume.status == status)
                    .values(**_settled(session, volume_id, target))
                )
                if status == "creating":
                    _record_interrupted(session, volume_id)
            _end_migrations(session, self.backend.pool)
        for volume_id, status in stuck:
            if RECOVERY[status] == "delete":
                self.delete_volume(volume_id)
        if stuck:
            LOG.info("backend %s settled %d interrupted volume(s)", self.backend.name, len(stuck))
        self.recover_snapshots()


def _settled(session, volume_id: str, target: str) -> dict[str, typing.Any]:
    """The columns a volume interrupted in a transitional status gets."""
    if target == PREVIOUS:
        volume = session.get(models.Volume, volume_id)
        return {"status": volume.previous_status or "available", "previous_status": None}
    if target == FROM_ATTACHMENTS:
        status, attach_status = attachments.statuses_left(session, volume_id)
        return {"status": status, "attach_status": attach_status}
    return {"status": target}


def _end_migrations(session, pool: str) -> None:
    """A migration a crash cut short failed; the volume stayed where it was
    (its copy elsewhere is a partial file the target discards)."""
    session.execute(
        sa.update(models.Volume)
        .where(models.Volume.host == pool, models.Volume.migration_status == "migrating")
        .values(migration_status="error")
    )


def fail_unscheduled(database: Database) -> None:
    """Volumes a crash caught before the scheduler placed them: to error."""
    with database.transaction() as session:
        ids = session.scalars(
            sa.select(models.Volume.id).where(
                models.Volume.status == "creating", models.Volume.host.is_(None)
            )
        ).all()
        for volume_id in ids:
            volumes.VOLUME.apply(session, "create_failed", volume_id)
            _record_interrupted(session, volume_id)
    if ids:
        LOG.info("%d volume(s) never scheduled before a restart went to error", len(ids))


def _record_interrupted(session, volume_id: str) -> None:
    volume = session.get(models.Volume, volume_id)
    message.record(
        session,
        project_id=volume.project_id,
        resource_type="VOLUME",
        resource_uuid=volume_id,
        action=message.SCHEDULE_ALLOCATE_VOLUME
        if volume.host is None
        else message.CREATE_VOLUME_FROM_BACKEND,
        detail=message.UNKNOWN_ERROR,
    )


def image_metadata(image: dict[str, typing.Any]) -> dict[str, str]:
    """The ``volume_image_metadata`` Cinder records from an image."""
    values = {"image_id": image["id"], "image_name": image.get("name") or ""}
    for key, value in image.items():
        if key not in IMAGE_FIELDS_SKIPPED and value is not None:
            values[key] = str(value)
    return values


class VolumeWork(typing.NamedTuple):
    """The columns of a volume the manager works from, read once."""

    id: str
    project_id: str
    size: int
    source_volid: str | None
    image_id: str | None
    snapshot_id: str | None
    backup_id: str | None

    @classmethod
    def of(cls, volume: models.Volume) -> VolumeWork:
        return cls(*(getattr(volume, f) for f in cls._fields))
