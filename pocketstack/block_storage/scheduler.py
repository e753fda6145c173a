"""The scheduler: which backend a new volume goes to (shared/seeds/002).

Cinder's filter scheduler, in small: the filters drop backends that cannot
take the volume (its availability zone, free capacity, the type's
``volume_backend_name`` and other capabilities), the weigher prefers the
backend with the most free space, and the winner's volume manager is cast
the work. With no backend left the volume goes to ``error`` with a user
message, as Cinder's does.
"""

from __future__ import annotations

import dataclasses
import logging
import typing

from pocketstack.block_storage import models
from pocketstack.block_storage.backends import Backend, Backends
from pocketstack.block_storage.objects import message
from pocketstack.block_storage.objects import service as services
from pocketstack.block_storage.objects import volume as volumes
from pocketstack.bus import TaskBus
from pocketstack.db import Database
from pocketstack.transitions import TransitionRefused

LOG = logging.getLogger(__name__)
TARGET = "block_storage.scheduler"


@dataclasses.dataclass(frozen=True)
class RequestSpec:
    size: int
    availability_zone: str | None
    extra_specs: dict[str, str]
    # Set when the volume must be made on the backend of its source
    # (a snapshot or a volume to copy), as Cinder requires.
    backend: str | None = None


def passes(backend: Backend, spec: RequestSpec, free_gib: int) -> bool:
    """Cinder's AvailabilityZone, Capacity and Capabilities filters."""
    if spec.availability_zone and backend.availability_zone != spec.availability_zone:
        return False
    if spec.backend and backend.name != spec.backend:
        return False
    if free_gib < spec.size:
        return False
    wanted = spec.extra_specs.get("volume_backend_name")
    return not wanted or wanted == backend.name


class Scheduler:
    def __init__(self, database: Database, backends: Backends, bus: TaskBus) -> None:
        self.database = database
        self.backends = backends
        self.bus = bus

    def free_gib(self) -> dict[str, int]:
        """Each enabled backend's capacity less what its volumes take (a
        disabled cinder-volume service takes no new volumes)."""
        with self.database.reader() as session:
            used = volumes.allocated_by_host(session)
            disabled = services.disabled_backends(session)
        return {
            b.name: b.capacity_gib - used.get(b.pool, (0, 0))[1]
            for b in self.backends.all
            if b.service_host not in disabled
        }

    def choose(self, spec: RequestSpec) -> Backend | None:
        free = self.free_gib()
        candidates = [
            b for b in self.backends.all if b.name in free and passes(b, spec, free[b.name])
        ]
        if not candidates:
            return None
        return max(candidates, key=lambda b: free[b.name])

    def create_volume(
        self, volume_id: str, spec: dict[str, typing.Any], **work: typing.Any
    ) -> None:
        """Place the volume and cast its creation to that backend's manager."""
        backend = self.choose(RequestSpec(**spec))
        with self.database.transaction() as session:
            volume = session.get(models.Volume, volume_id)
            if volume is None:
                return
            try:
                if backend is None:
                    volumes.VOLUME.apply(session, "create_failed", volume_id)
                    message.record(
                        session,
                        project_id=volume.project_id,
                        resource_type="VOLUME",
                        resource_uuid=volume_id,
                        action=message.SCHEDULE_ALLOCATE_VOLUME,
                        detail=message.NO_BACKEND_AVAILABLE,
                        request_id=work.get("request_id"),
                    )
                    return
                volumes.VOLUME.apply(session, "schedule", volume_id, values={"host": backend.pool})
            except TransitionRefused:
                LOG.info("volume %s left creating before it was scheduled", volume_id)
                return
        self.bus.cast(backend.bus_target, "create_volume", volume_id=volume_id, **work)
