"""What the volume manager does for volume actions: extend, upload to an
image, retype and migrate. Each starts from the transitional status the API
set with a compare-and-swap (extending, uploading, retyping, migration
``migrating``) and ends with another swap back to where the volume came
from (``previous_status``), or to an error with a user message.
"""

from __future__ import annotations

import logging
import typing

from pocketstack.block_storage import models
from pocketstack.block_storage.objects import message, volume_extend
from pocketstack.block_storage.objects import metadata as metadata_items
from pocketstack.block_storage.objects import volume as volumes
from pocketstack.transitions import TransitionRefused

if typing.TYPE_CHECKING:
    from pocketstack.block_storage.backends import Backend

LOG = logging.getLogger(__name__)


class VolumeActions:
    """Mixed into manager.VolumeManager (its database, backend, backends, images)."""

    def extend_volume(self, volume_id: str, new_size: int, **_: typing.Any) -> None:
        try:
            self.driver.extend(volume_id, new_size)
        except Exception as error:  # noqa: BLE001 - the driver's failure is the volume's
            LOG.warning("extending volume %s failed: %s", volume_id, error)
            self._finish(volume_id, "extend_failed", {})
            self._tell(volume_id, message.EXTEND_VOLUME, message.DRIVER_FAILED_EXTEND)
            return
        self._finish(volume_id, "extend_done", {"size": new_size})

    def copy_volume_to_image(self, volume_id: str, image_id: str, token: str, **_) -> None:
        """Upload the volume's bytes to the image with the user's token."""
        try:
            self.images.upload(token, image_id, self.driver.read(volume_id))
        except Exception as error:  # noqa: BLE001 - any failure is reported to the user
            LOG.warning("uploading volume %s to image %s failed: %s", volume_id, image_id, error)
            self._tell(volume_id, message.COPY_VOLUME_TO_IMAGE, message.FAILED_TO_UPLOAD_VOLUME)
        self._finish(volume_id, "upload_done", {})

    def reimage_volume(self, volume_id: str, image_id: str, token: str, **_: typing.Any) -> None:
        """Write the image's bytes over the volume (the file is replaced only
        once the new one is complete) and record the image's metadata."""
        from pocketstack.block_storage.manager import image_metadata  # the manager imports us

        try:
            image = self.images.show(token, image_id)
            with self.database.reader() as session:
                size = session.get(models.Volume, volume_id).size
            self.driver.create_from_data(volume_id, self.images.download(token, image_id), size)
        except Exception as error:  # noqa: BLE001 - the failure is the volume's error
            LOG.warning("re-imaging volume %s failed: %s", volume_id, error)
            self._finish(volume_id, "reimage_failed", {})
            return
        self._finish(volume_id, "reimage_done", {"bootable": True})
        with self.database.transaction() as session:
            if session.get(models.Volume, volume_id) is not None:
                metadata_items.replace(
                    session, models.VolumeImageMetadata.volume_id, volume_id, image_metadata(image)
                )

    def retype_volume(
        self, volume_id: str, new_type_id: str, backend_name: str | None, may_migrate: bool, **_
    ) -> None:
        """A new type on the same backend is only a new type; on another
        backend the bytes move there first (unless the policy says never)."""
        if backend_name is None or backend_name == self.backend.name:
            self._finish(volume_id, "retype_done", {"volume_type_id": new_type_id})
            return
        if backend_name not in {b.name for b in self.backends.all}:
            self._finish(volume_id, "retype_done", {})
            self._tell(volume_id, message.SCHEDULE_ALLOCATE_VOLUME, message.NO_BACKEND_AVAILABLE)
            return
        previous = self._previous_status(volume_id)
        if not may_migrate or previous != "available":
            # Cinder's manager refuses and puts the status back, with no
            # user message (it only logs "Retype requires migration …").
            LOG.info("retype of %s needs a migration that is not allowed", volume_id)
            self._finish(volume_id, "retype_done", {})
            return
        moved = self._copy_to(volume_id, self.backends.get(backend_name))
        if moved is None:
            self._finish(volume_id, "retype_done", {})
            return
        self._finish(volume_id, "retype_done", {"volume_type_id": new_type_id, **moved})
        self.driver.delete(volume_id)

    def migrate_volume(self, volume_id: str, backend_name: str, **_: typing.Any) -> None:
        moved = self._copy_to(volume_id, self.backends.get(backend_name))
        outcome = {"migration_status": "success", **moved} if moved else {}
        with self.database.transaction() as session:
            try:
                volumes.VOLUME.apply(
                    session,
                    "migrate_done",
                    volume_id,
                    values=outcome or {"migration_status": "error"},
                )
            except TransitionRefused:
                outcome = {}  # deleted meanwhile: the copy is not wanted
        if moved:
            backend = self if outcome else self.backends.get(backend_name)
            backend.driver.delete(volume_id)

    def _copy_to(self, volume_id: str, target: Backend) -> dict[str, str] | None:
        """Copy the volume's file to ``target``; the columns that say where it
        now lives, or None when the copy failed."""
        with self.database.reader() as session:
            volume = session.get(models.Volume, volume_id)
            size = volume.size if volume is not None else 0
        try:
            location = target.driver.create_from_file(volume_id, self.driver.path(volume_id), size)
        except Exception as error:  # noqa: BLE001 - a failed copy leaves the volume where it was
            LOG.warning("copying volume %s to %s failed: %s", volume_id, target.name, error)
            target.driver.delete(volume_id)
            return None
        return {"host": target.pool, "provider_location": location}

    def _previous_status(self, volume_id: str) -> str | None:
        with self.database.reader() as session:
            volume = session.get(models.Volume, volume_id)
            return volume.previous_status if volume is not None else None

    def _finish(self, volume_id: str, action: str, values: dict[str, typing.Any]) -> None:
        """Swap the volume out of its transitional status, back to the status
        it came from unless the transition names another."""
        with self.database.transaction() as session:
            volume = session.get(models.Volume, volume_id)
            if volume is None:
                return
            back = {"status": volume.previous_status or "available", "previous_status": None}
            if volumes.VOLUME.transitions[action].target.get("status"):
                back = {"previous_status": None}
            try:
                volumes.VOLUME.apply(session, action, volume_id, values={**back, **values})
            except TransitionRefused:
                LOG.info("volume %s left its transitional status before %s", volume_id, action)
            if action.startswith("extend_"):
                volume_extend.clear(session, volume_id)

    def _tell(self, volume_id: str, action: message.Code, detail: message.Code) -> None:
        with self.database.transaction() as session:
            volume = session.get(models.Volume, volume_id)
            if volume is None:
                return
            message.record(
                session,
                project_id=volume.project_id,
                resource_type="VOLUME",
                resource_uuid=volume_id,
                action=action,
                detail=detail,
            )
