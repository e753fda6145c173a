"""The group manager: what the API casts about groups and group snapshots.

It does the work Cinder's scheduler and volume managers do for groups:
places a new group on a backend that can hold every one of its volume
types, adds and removes member volumes, deletes a group with its volumes,
and copies every member volume's bytes into a group snapshot. Each step
ends with a compare-and-swap of the group's (or group snapshot's) status.
``init_host`` settles what a crash left half done (``RECOVERY``).
"""

from __future__ import annotations

import contextlib
import logging

import sqlalchemy as sa

from pocketstack.block_storage import models
from pocketstack.block_storage.backends import Backends
from pocketstack.block_storage.drivers import group_snapshot as copies
from pocketstack.block_storage.manager import VolumeManager
from pocketstack.block_storage.objects import group as groups
from pocketstack.block_storage.objects import group_snapshot as group_snapshots
from pocketstack.block_storage.objects import volume as volumes
from pocketstack.block_storage.objects import volume_type as volume_types
from pocketstack.block_storage.scheduler import RequestSpec, Scheduler, passes
from pocketstack.db import Database
from pocketstack.transitions import StateMachine, TransitionRefused

LOG = logging.getLogger(__name__)
TARGET = "block_storage.groups"

# What is done at start with a status a crash left: a transition of the
# resource's state machine, or "delete" to finish a deletion under way.
RECOVERY = {
    "group": {"creating": "create_failed", "updating": "update_done", "deleting": "delete"},
    "group_snapshot": {"creating": "create_failed", "deleting": "delete"},
}


class GroupManager:
    def __init__(
        self,
        database: Database,
        backends: Backends,
        scheduler: Scheduler,
        volume_managers: dict[str, VolumeManager],
    ) -> None:
        self.database = database
        self.backends = backends
        self.scheduler = scheduler
        self.volume_managers = volume_managers

    def create_group(self, group_id: str) -> None:
        """Place the group where all its volume types can go."""
        with self.database.reader() as session:
            group = session.get(models.Group, group_id)
            if group is None or group.status != "creating":
                return
            specs = [
                RequestSpec(0, group.availability_zone, volume_types.extra_specs(session, type_id))
                for type_id in groups.volume_type_ids(session, group_id)
            ]
        free = self.scheduler.free_gib()
        fitting = [
            b for b in self.backends.all if all(passes(b, spec, free[b.name]) for spec in specs)
        ]
        with self.database.transaction() as session:
            try:
                if not fitting:
                    LOG.warning("no backend can hold every volume type of group %s", group_id)
                    groups.GROUP.apply(session, "create_failed", group_id)
                    return
                chosen = max(fitting, key=lambda b: free[b.name])
                groups.GROUP.apply(session, "create_done", group_id, values={"host": chosen.pool})
            except TransitionRefused:
                LOG.info("group %s left creating before it was placed", group_id)

    def update_group(self, group_id: str, add: list[str], remove: list[str]) -> None:
        """Join and leave; a volume whose state changed meanwhile is skipped."""
        volumes = models.Volume.__table__
        with self.database.transaction() as session:
            for volume_id in add:
                joined = session.execute(
                    sa.update(volumes)
                    .where(
                        volumes.c.id == volume_id,
                        volumes.c.group_id.is_(None),
                        volumes.c.status.in_(groups.ADD_VOLUME_STATUSES),
                    )
                    .values(group_id=group_id)
                ).rowcount
                if not joined:
                    LOG.warning("volume %s could not join group %s", volume_id, group_id)
            for volume_id in remove:
                session.execute(
                    sa.update(volumes)
                    .where(
                        volumes.c.id == volume_id,
                        volumes.c.group_id == group_id,
                        volumes.c.status.in_(groups.REMOVE_VOLUME_STATUSES),
                    )
                    .values(group_id=None)
                )
            try:
                groups.GROUP.apply(session, "update_done", group_id)
            except TransitionRefused:
                LOG.info("group %s left updating meanwhile", group_id)

    def delete_group(self, group_id: str) -> None:
        """Delete the group's ``deleting`` volumes (bytes, then rows), then
        the group; a crash in between is finished by init_host."""
        with self.database.reader() as session:
            doomed = session.execute(
                sa.select(models.Volume.id, models.Volume.host).where(
                    models.Volume.group_id == group_id, models.Volume.status == "deleting"
                )
            ).all()
        for volume_id, host in doomed:
            backend = self.backends.for_host(host) or self.backends.all[0]
            self.volume_managers[backend.name].delete_volume(volume_id)
        with self.database.transaction() as session:
            if session.scalar(
                sa.select(models.Volume.id).where(models.Volume.group_id == group_id)
            ):
                with contextlib.suppress(TransitionRefused):
                    groups.GROUP.apply(session, "delete_failed", group_id)
                return
            session.execute(
                sa.delete(models.GroupVolumeType).where(models.GroupVolumeType.group_id == group_id)
            )
            session.execute(
                sa.delete(models.Group).where(
                    models.Group.id == group_id, models.Group.status == "deleting"
                )
            )

    def create_group_from_source(
        self, group_id: str, sources: dict[str, str], group_snapshot_id: str | None = None
    ) -> None:
        """Copy each source (a group snapshot's member copy, or a volume of
        the source group) into its new volume, then the group is available;
        a failed copy leaves that volume and the group in error."""
        with self.database.reader() as session:
            group = session.get(models.Group, group_id)
            host = group.host if group is not None else None
        driver = self._driver(host)
        failed = False
        for volume_id, source_id in sources.items():
            origin = (
                copies.path(driver, group_snapshot_id, source_id)
                if group_snapshot_id
                else driver.path(source_id)
            )
            failed = not self._copy_volume(driver, volume_id, origin) or failed
        with self.database.transaction() as session:
            try:
                action = "create_failed" if failed else "create_done"
                groups.GROUP.apply(session, action, group_id)
            except TransitionRefused:
                LOG.info("group %s left creating meanwhile", group_id)

    def _copy_volume(self, driver, volume_id: str, origin) -> bool:
        with self.database.reader() as session:
            volume = session.get(models.Volume, volume_id)
            size = volume.size if volume is not None else 0
        try:
            location = driver.create_from_file(volume_id, origin, size)
        except Exception as error:  # noqa: BLE001 - a failed copy is the volume's error
            LOG.warning("copying %s into volume %s failed: %s", origin, volume_id, error)
            driver.delete(volume_id)
            action, values = "create_failed", {}
        else:
            action, values = "create_done", {"provider_location": location}
        with self.database.transaction() as session:
            try:
                volumes.VOLUME.apply(session, action, volume_id, values=values)
            except TransitionRefused:
                driver.delete(volume_id)  # deleted while it was being made
                return False
        return action == "create_done"

    def create_group_snapshot(self, group_snapshot_id: str) -> None:
        """Copy every member volume's bytes, then mark the group snapshot
        available (or error, removing partial copies)."""
        with self.database.reader() as session:
            members = [
                (m.volume_id, m.host) for m in group_snapshots.members(session, group_snapshot_id)
            ]
        try:
            for volume_id, host in members:
                copies.copy_member(self._driver(host), group_snapshot_id, volume_id)
        except Exception as error:  # noqa: BLE001 - any copy failure is the snapshot's error
            LOG.warning("group snapshot %s failed: %s", group_snapshot_id, error)
            self._remove_copies(members, group_snapshot_id)
            action = "create_failed"
        else:
            action = "create_done"
        with self.database.transaction() as session:
            try:
                group_snapshots.GROUP_SNAPSHOT.apply(session, action, group_snapshot_id)
            except TransitionRefused:
                LOG.info("group snapshot %s left creating meanwhile", group_snapshot_id)

    def delete_group_snapshot(self, group_snapshot_id: str) -> None:
        with self.database.reader() as session:
            members = [
                (m.volume_id, m.host) for m in group_snapshots.members(session, group_snapshot_id)
            ]
        self._remove_copies(members, group_snapshot_id)
        with self.database.transaction() as session:
            deleted = session.execute(
                sa.delete(models.GroupSnapshot).where(
                    models.GroupSnapshot.id == group_snapshot_id,
                    models.GroupSnapshot.status == "deleting",
                )
            ).rowcount
            if deleted:
                session.execute(
                    sa.delete(models.GroupSnapshotMember).where(
                        models.GroupSnapshotMember.group_snapshot_id == group_snapshot_id
                    )
                )

    def _driver(self, host: str | None):
        backend = self.backends.for_host(host)
        if backend is None:
            raise LookupError(f"no backend for host {host}")
        return backend.driver

    def _remove_copies(self, members: list[tuple[str, str | None]], group_snapshot_id: str) -> None:
        for backend in {self.backends.for_host(host) for _, host in members} - {None}:
            copies.delete(backend.driver, group_snapshot_id)

    def init_host(self) -> None:
        for backend in self.backends.all:
            copies.discard_partials(backend.driver)
        finish = self._settle(models.Group, groups.GROUP, RECOVERY["group"])
        for group_id in finish:
            self.delete_group(group_id)
        finish = self._settle(
            models.GroupSnapshot, group_snapshots.GROUP_SNAPSHOT, RECOVERY["group_snapshot"]
        )
        for group_snapshot_id in finish:
            self.delete_group_snapshot(group_snapshot_id)

    def _settle(self, model: type, machine: StateMachine, recovery: dict[str, str]) -> list[str]:
        """Move stuck rows on; the ids whose deletion must be finished."""
        with self.database.transaction() as session:
            stuck = session.execute(
                sa.select(model.id, model.status).where(model.status.in_(recovery))
            ).all()
            for row_id, status in stuck:
                if recovery[status] != "delete":
                    with contextlib.suppress(TransitionRefused):
                        machine.apply(session, recovery[status], row_id)
        return [row_id for row_id, status in stuck if recovery[status] == "delete"]
