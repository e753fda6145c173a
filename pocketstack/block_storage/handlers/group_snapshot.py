"""/v3/group_snapshots (3.14): a copy of every volume of a group at once.

Create records the group snapshot ``creating`` with one member per volume
(taking snapshot quota for each, as Cinder's member snapshots do) and casts
the copying to the group manager; delete moves it to ``deleting`` and casts.
"""

from __future__ import annotations

import typing
import uuid

import sqlalchemy as sa
from sqlalchemy import orm
from starlette.responses import Response

from pocketstack import timeutils
from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.block_storage import errors, models
from pocketstack.block_storage import microversions as mv
from pocketstack.block_storage.group_manager import TARGET as GROUPS
from pocketstack.block_storage.handlers import (
    all_projects,
    at_least,
    authorize,
    caller,
    isotime,
    require_version,
    runtime,
)
from pocketstack.block_storage.handlers.group import filter_conditions
from pocketstack.block_storage.objects import group as groups
from pocketstack.block_storage.objects import group_snapshot as group_snapshots
from pocketstack.block_storage.objects import listing, quota
from pocketstack.block_storage.schemas import group as schemas

GroupSnapshot = models.GroupSnapshot
SORTABLE = ("created_at", "updated_at", "id", "name", "status", "group_id")
USER_FILTERS = ("name", "status", "group_id")
ADMIN_FILTERS = ("id", "project_id", "group_type_id")
# Volumes a snapshot can be taken of: placed, not in error, not migrating.
SNAPSHOTTABLE = ("available", "in-use")


def summary_view(found: GroupSnapshot) -> dict[str, typing.Any]:
    return {"id": found.id, "name": found.name}


def detail_view(req: ApiRequest, found: GroupSnapshot) -> dict[str, typing.Any]:
    body: dict[str, typing.Any] = {
        "id": found.id,
        "group_id": found.group_id,
        "group_type_id": found.group_type_id,
        "status": found.status,
        "created_at": isotime(found.created_at),
        "name": found.name,
        "description": found.description,
    }
    if at_least(req, mv.GROUP_GROUPSNAPSHOT_PROJECT_ID) and req.allowed(
        "group:group_snapshot_project_attribute", {"project_id": found.project_id}
    ):
        body["project_id"] = found.project_id
    return body


def create_group_snapshot(req: ApiRequest) -> Response:
    require_version(req, mv.GROUP_SNAPSHOTS)
    fields = req.validated(schemas.SNAPSHOT_CREATE)["group_snapshot"]
    with runtime(req).database.transaction() as session:
        group = groups.find(session, fields["group_id"], caller(req))
        authorize(req, "group:create_group_snapshot", group.project_id)
        found = GroupSnapshot(
            id=str(uuid.uuid4()),
            project_id=req.context.project_id,
            user_id=req.context.user_id,
            group_id=group.id,
            group_type_id=group.group_type_id,
            name=fields.get("name"),
            description=fields.get("description"),
            status="creating",
            created_at=timeutils.utcnow(),
        )
        session.add(found)
        _add_members(req, session, group, found)
        body = {**summary_view(found), "group_type_id": found.group_type_id}
    runtime(req).bus.cast(GROUPS, "create_group_snapshot", group_snapshot_id=found.id)
    return responses.json({"group_snapshot": body}, status=202)


def _add_members(
    req: ApiRequest, session: orm.Session, group: models.Group, found: GroupSnapshot
) -> None:
    """One member per volume of the group, after Cinder's checks of each
    and its snapshot quota."""
    members = groups.volumes_of(session, group.id)
    for volume in members:
        _check_snapshottable(volume)
    deltas = groups.per_type_deltas(
        session, "snapshots", ((v.volume_type_id, v.size) for v in members)
    )
    quota.consume(session, runtime(req).settings, req.context.project_id, deltas)
    session.flush()
    session.add_all(
        models.GroupSnapshotMember(
            group_snapshot_id=found.id,
            volume_id=volume.id,
            project_id=found.project_id,
            volume_type_id=volume.volume_type_id,
            volume_size=volume.size,
            host=volume.host,
        )
        for volume in members
    )


def _check_snapshottable(volume: models.Volume) -> None:
    if not volume.host:
        raise errors.invalid_volume(
            "The snapshot cannot be created because volume has not been scheduled to any host."
        )
    if volume.status == "error":
        raise errors.invalid_volume(
            "The snapshot cannot be created when the volume is in error status."
        )
    if volume.migration_status not in (None, "none", "success", "error"):
        raise errors.invalid_volume("Snapshot cannot be created while volume is migrating.")
    if volume.status not in SNAPSHOTTABLE:
        raise errors.invalid_volume(f"Volume {volume.id} status must be available or in-use.")


def _listing(req: ApiRequest, collection: str, detailed: bool) -> Response:
    require_version(req, mv.GROUP_SNAPSHOTS)
    authorize(req, "group:get_all_group_snapshots")
    paged = at_least(req, "3.29")
    paging = listing.parse(req.query) if paged else listing.parse({})
    select = sa.select(GroupSnapshot)
    if not all_projects(req):
        select = select.where(GroupSnapshot.project_id == req.context.project_id)
    if paged:
        select = select.where(*filter_conditions(req, GroupSnapshot, USER_FILTERS, ADMIN_FILTERS))
    with runtime(req).database.reader() as session:
        rows = listing.page(session, select, GroupSnapshot, paging, SORTABLE)
    items = [detail_view(req, g) if detailed else summary_view(g) for g in rows]
    body: dict[str, typing.Any] = {"group_snapshots": items}
    links = listing.next_links(req.base_url + "/v3", collection, req.query, rows, paging)
    if links and paged:
        body["group_snapshot_links"] = links
    return responses.json(body)


def list_group_snapshots(req: ApiRequest) -> Response:
    return _listing(req, "group_snapshots", detailed=False)


def list_group_snapshots_detail(req: ApiRequest) -> Response:
    return _listing(req, "group_snapshots/detail", detailed=True)


def show_group_snapshot(req: ApiRequest) -> Response:
    require_version(req, mv.GROUP_SNAPSHOTS)
    with runtime(req).database.reader() as session:
        found = group_snapshots.find(session, req.params["group_snapshot_id"], caller(req))
        authorize(req, "group:get_group_snapshot", found.project_id)
        return responses.json({"group_snapshot": detail_view(req, found)})


def delete_group_snapshot(req: ApiRequest) -> Response:
    require_version(req, mv.GROUP_SNAPSHOTS)
    with runtime(req).database.transaction() as session:
        found = group_snapshots.find(session, req.params["group_snapshot_id"], caller(req))
        authorize(req, "group:delete_group_snapshot", found.project_id)
        group_snapshots.move(
            session,
            "delete",
            found.id,
            where=[~_source_of_creating_group(found.id)],
            reason="GroupSnapshot status must be available or error, and no Group can be "
            "currently using it as source for its creation.",
        )
    runtime(req).bus.cast(GROUPS, "delete_group_snapshot", group_snapshot_id=found.id)
    return responses.no_content(202)


def _source_of_creating_group(group_snapshot_id: str) -> sa.ColumnElement[bool]:
    return sa.exists().where(
        models.Group.group_snapshot_id == group_snapshot_id, models.Group.status == "creating"
    )


def group_snapshot_action(req: ApiRequest) -> Response:
    """POST /v3/group_snapshots/{id}/action: only reset_status (3.19)."""
    require_version(req, "3.19")
    body = req.validated(schemas.SNAPSHOT_RESET_STATUS)
    status = body["reset_status"]["status"].lower()
    with runtime(req).database.transaction() as session:
        found = group_snapshots.find(session, req.params["group_snapshot_id"], caller(req))
        authorize(req, "group:reset_group_snapshot_status", found.project_id)
        group_snapshots.move(
            session,
            "reset_status",
            found.id,
            values={"status": status, "updated_at": timeutils.utcnow()},
            reason=f"Group snapshot status {status} is not valid.",
        )
    return responses.no_content(202)
