"""The block-storage service assembled: database, backends, scheduler,
volume managers, policy and API (Cinder's api → scheduler → volume flow,
shared/seeds/002, with the task bus between them)."""

from __future__ import annotations

import dataclasses
import uuid
from pathlib import Path

from sqlalchemy import orm

from pocketstack.api.policy import Policy
from pocketstack.api.service import BodyErrors, ServiceApi
from pocketstack.block_storage import backup_manager, errors, group_manager, manager, policies
from pocketstack.block_storage.backends import Backends
from pocketstack.block_storage.backup_store import BackupStore
from pocketstack.block_storage.image_client import ImageClient
from pocketstack.block_storage.microversions import MICROVERSIONS
from pocketstack.block_storage.objects import message
from pocketstack.block_storage.objects import volume_type as volume_types
from pocketstack.block_storage.routes import ROUTES
from pocketstack.block_storage.scheduler import TARGET as SCHEDULER
from pocketstack.block_storage.scheduler import Scheduler
from pocketstack.bus import TaskBus
from pocketstack.component import CatalogEntry, Component, Plumbing
from pocketstack.config import BlockStorageSettings
from pocketstack.db import Database, migrate

PREFIX = "/volume"
# DevStack lists Cinder v3 twice, under both service types clients look for.
CATALOG = (
    CatalogEntry(type="block-storage", name="cinder", path=PREFIX + "/v3"),
    CatalogEntry(type="volumev3", name="cinderv3", path=PREFIX + "/v3"),
)
MESSAGE_REAP_SECONDS = 86400.0


@dataclasses.dataclass
class BlockStorageRuntime:
    settings: BlockStorageSettings
    database: Database
    backends: Backends
    bus: TaskBus
    images: ImageClient

    def default_type(self, session: orm.Session, project_id: str | None) -> object:
        """The project's own default type (3.62) if set, else the configured one."""
        return volume_types.default(session, self.settings.default_volume_type, project_id)

    def service_uuid(self, host: str | None) -> str | None:
        """The id of the cinder-volume service a volume is on (3.48)."""
        backend = self.backends.for_host(host)
        if backend is None:
            return None
        return str(uuid.uuid5(uuid.NAMESPACE_URL, backend.service_host))

    def cast_delete(self, volume_id: str, host: str | None) -> None:
        """Hand a ``deleting`` volume to its backend's manager; a volume that
        was never placed has no bytes, so the first manager removes its row."""
        backend = self.backends.for_host(host) or self.backends.all[0]
        self.bus.cast(backend.bus_target, "delete_volume", volume_id=volume_id)


def build(plumbing: Plumbing) -> Component:
    settings = plumbing.settings
    config = settings.block_storage
    database = Database(settings.database_url("block_storage"))
    migrate.upgrade(database, Path(__file__).parent / "migrations")
    backends = Backends.configure(config, settings.data_dir)
    images = ImageClient(plumbing.clients)
    runtime = BlockStorageRuntime(config, database, backends, plumbing.bus, images)
    backup_store = BackupStore(settings.data_dir / "backups")
    managers = [
        manager.VolumeManager(database, backend, backends, images, backup_store)
        for backend in backends.all
    ]
    backup = backup_manager.BackupManager(database, backends, backup_store)
    plumbing.bus.serve(backup_manager.TARGET, backup)
    scheduler = Scheduler(database, backends, plumbing.bus)
    plumbing.bus.serve(SCHEDULER, scheduler)
    for volume_manager in managers:
        plumbing.bus.serve(volume_manager.backend.bus_target, volume_manager)
    groups = group_manager.GroupManager(
        database, backends, scheduler, {m.backend.name: m for m in managers}
    )
    plumbing.bus.serve(group_manager.TARGET, groups)

    def reap_messages() -> None:
        with database.transaction() as session:
            message.reap(session)

    plumbing.bus.every(MESSAGE_REAP_SECONDS, "block_storage.reap_messages", reap_messages)
    api = ServiceApi(
        name="block_storage",
        routes=ROUTES,
        formatter=errors.cinder_format,
        policy=Policy(policies.rules(), settings.data_dir / settings.policy.file),
        body_errors=BodyErrors(
            missing=errors.missing_body,
            malformed=errors.malformed_body,
            invalid=errors.invalid_body,
            unsupported_media_type=errors.unsupported_media_type,
        ),
        max_body_size=settings.api.max_request_body_size,
        microversions=MICROVERSIONS,
        enforce_policy_checks=settings.api.enforce_policy_checks,
        runtime=runtime,
        project_id_after="/v3",
    )

    def start() -> None:
        with database.transaction() as session:
            volume_types.ensure_default(session, config.default_volume_type)
        manager.fail_unscheduled(database)
        for volume_manager in managers:
            volume_manager.init_host()
        backup.init_host()
        groups.init_host()

    return Component(
        prefix=PREFIX,
        api=api,
        service_user="cinder",
        catalog=CATALOG,
        start=start,
        stop=database.dispose,
    )
