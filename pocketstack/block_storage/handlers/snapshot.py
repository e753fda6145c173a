"""/v3/snapshots: create (the volume manager copies the bytes), list, show,
update, delete, and the admin actions (os-reset_status, os-force_delete)."""

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
from pocketstack.block_storage.handlers import (
    action_named,
    all_projects,
    at_least,
    authorize,
    caller,
    clean_names,
    isotime,
    paged,
    runtime,
    set_names,
    volume_filters,
)
from pocketstack.block_storage.handlers import volume as volume_handlers
from pocketstack.block_storage.handlers import volume_create as creation
from pocketstack.block_storage.objects import metadata as metadata_items
from pocketstack.block_storage.objects import quota
from pocketstack.block_storage.objects import snapshot as snapshots
from pocketstack.block_storage.objects import volume as volumes
from pocketstack.block_storage.schemas import snapshot as schemas
from pocketstack.block_storage.schemas.types import as_bool
from pocketstack.transitions import TransitionRefused

Snapshot = models.Snapshot
METADATA = models.SnapshotMetadata.snapshot_id
SORTABLE = ("created_at", "updated_at", "id", "name", "status", "volume_id", "project_id")
IN_USE_FORCE_FALSE = (
    f"Since microversion {mv.SNAPSHOT_IN_USE} the 'force' flag is invalid for this request.  "
    "For backward compatability, however, when the 'force' flag is passed with a value "
    "evaluating to True, it is silently ignored."
)


def summary(session: orm.Session, snapshot: Snapshot) -> dict[str, typing.Any]:
    """Cinder's snapshot as its plain list shows it."""
    return {
        "id": snapshot.id,
        "created_at": isotime(snapshot.created_at),
        "updated_at": isotime(snapshot.updated_at),
        "name": snapshot.name,
        "description": snapshot.description,
        "volume_id": snapshot.volume_id,
        "status": snapshot.status,
        "size": snapshot.volume_size,
        "metadata": metadata_items.items(session, METADATA, snapshot.id),
    }


def view(
    req: ApiRequest, session: orm.Session, snapshot: Snapshot, extended: bool = True
) -> dict[str, typing.Any]:
    """Cinder's detailed snapshot, with what the microversion adds and,
    where policy allows (show and detail, not create), its project and
    progress."""
    body = summary(session, snapshot)
    if at_least(req, mv.GROUP_SNAPSHOTS):
        body["group_snapshot_id"] = snapshot.group_snapshot_id
    if at_least(req, mv.SNAPSHOT_LIST_USER_ID):
        body["user_id"] = snapshot.user_id
    if at_least(req, mv.USE_QUOTA):
        body["consumes_quota"] = snapshot.use_quota
    if extended and req.allowed(
        "volume_extension:extended_snapshot_attributes", {"project_id": snapshot.project_id}
    ):
        body["os-extended-snapshot-attributes:project_id"] = snapshot.project_id
        body["os-extended-snapshot-attributes:progress"] = snapshot.progress
    return body


def _force(req: ApiRequest, fields: dict[str, typing.Any]) -> bool:
    """Whether an in-use volume may be snapshotted: always from 3.66 (where
    force=false is refused), else only with force."""
    force = as_bool(fields["force"]) if fields.get("force") is not None else False
    if at_least(req, mv.SNAPSHOT_IN_USE):
        if fields.get("force") is not None and not force:
            raise errors.bad_request(IN_USE_FORCE_FALSE)
        return True
    return force


def _hold_volume(session: orm.Session, volume: models.Volume, in_use: bool) -> None:
    """Check (and hold, until commit) that the volume may be snapshotted."""
    if volume.status == "error":
        raise errors.invalid_volume(
            "The snapshot cannot be created when the volume is in error status."
        )
    action = "snapshot_in_use" if in_use else "snapshot"
    try:
        volumes.VOLUME.apply(session, action, volume.id)
    except TransitionRefused as refused:
        allowed = "available, in-use" if in_use else "available"
        status = (refused.current or {}).get("status")
        raise errors.invalid_volume(
            f"Volume {volume.id} status must be {allowed}, but current status is: {status}."
        ) from None


def create_snapshot(req: ApiRequest) -> Response:
    fields = req.validated(schemas.CREATE)["snapshot"]
    clean_names(fields)
    in_use = _force(req, fields)
    with runtime(req).database.transaction() as session:
        volume = volumes.find(session, fields["volume_id"] or "", caller(req))
        authorize(req, "volume:create_snapshot", volume.project_id)
        _hold_volume(session, volume, in_use)
        volume_type = session.get(models.VolumeType, volume.volume_type_id)
        type_name = volume_type.name if volume_type else volume.volume_type_id
        quota.consume(
            session,
            runtime(req).settings,
            req.context.project_id,
            {
                "snapshots": 1,
                "gigabytes": volume.size,
                f"snapshots_{type_name}": 1,
                f"gigabytes_{type_name}": volume.size,
            },
        )
        snapshot = Snapshot(
            id=volumes.new_id(),
            project_id=req.context.project_id,
            user_id=req.context.user_id,
            volume_id=volume.id,
            name=fields.get("name", fields.get("display_name")),
            description=fields.get("description"),
            status="creating",
            progress="0%",
            volume_size=volume.size,
            volume_type_id=volume.volume_type_id,
            created_at=timeutils.utcnow(),
        )
        session.add(snapshot)
        session.flush()
        metadata_items.replace(session, METADATA, snapshot.id, fields.get("metadata") or {})
        body = view(req, session, snapshot, extended=False)
        host = volume.host
    _cast(req, host, "create_snapshot", snapshot.id)
    return responses.json({"snapshot": body}, status=202)


def _cast(req: ApiRequest, host: str | None, method: str, snapshot_id: str) -> None:
    """Hand the work to the manager of the backend the volume is on."""
    backends = runtime(req).backends
    backend = backends.for_host(host) or backends.all[0]
    runtime(req).bus.cast(backend.bus_target, method, snapshot_id=snapshot_id)


def _conditions(req: ApiRequest) -> list[sa.ColumnElement[bool]]:
    """Cinder's snapshot filters: status, volume_id, name, metadata (3.22)."""
    query = req.query
    found = [
        getattr(Snapshot, key) == query[key]
        for key in ("status", "volume_id", "name")
        if key in query
    ]
    if "project_id" in query and all_projects(req):
        found.append(Snapshot.project_id == query["project_id"])
    if "metadata" in query and at_least(req, "3.22"):
        found.extend(
            sa.exists().where(
                models.SnapshotMetadata.snapshot_id == Snapshot.id,
                models.SnapshotMetadata.key == key,
                models.SnapshotMetadata.value == value,
            )
            for key, value in volume_filters.metadata_filter(query["metadata"]).items()
        )
    if not all_projects(req):
        found.append(Snapshot.project_id == req.context.project_id)
    return found


def _list(req: ApiRequest, detailed: bool) -> Response:
    authorize(req, "volume:get_all_snapshots")
    with runtime(req).database.reader() as session:
        return paged.respond(
            req,
            session,
            Snapshot,
            _conditions(req),
            key="snapshots",
            path="snapshots/detail" if detailed else "snapshots",
            sortable=SORTABLE,
            view=lambda s: view(req, session, s) if detailed else summary(session, s),
        )


def list_snapshots(req: ApiRequest) -> Response:
    return _list(req, detailed=False)


def list_snapshots_detail(req: ApiRequest) -> Response:
    return _list(req, detailed=True)


def show_snapshot(req: ApiRequest) -> Response:
    with runtime(req).database.reader() as session:
        snapshot = snapshots.find(session, req.params["snapshot_id"], caller(req))
        authorize(req, "volume:get_snapshot", snapshot.project_id)
        return responses.json({"snapshot": view(req, session, snapshot)})


def update_snapshot(req: ApiRequest) -> Response:
    fields = req.validated(schemas.UPDATE)["snapshot"]
    clean_names(fields)
    with runtime(req).database.transaction() as session:
        snapshot = snapshots.find(session, req.params["snapshot_id"], caller(req))
        authorize(req, "volume:update_snapshot", snapshot.project_id)
        set_names(snapshot, fields)
        snapshot.updated_at = timeutils.utcnow()
        session.flush()
        return responses.json({"snapshot": view(req, session, snapshot)})


def delete_snapshot(req: ApiRequest) -> Response:
    with runtime(req).database.transaction() as session:
        snapshot = snapshots.find(session, req.params["snapshot_id"], caller(req))
        authorize(req, "volume:delete_snapshot", snapshot.project_id)
        snapshots.move(
            session,
            "delete",
            snapshot.id,
            reason="Snapshot status must be available or error and must not be part of a group.",
        )
        host = _host_of(session, snapshot)
    _cast(req, host, "delete_snapshot", snapshot.id)
    return responses.no_content(202)


def _host_of(session: orm.Session, snapshot: Snapshot) -> str | None:
    volume = session.get(models.Volume, snapshot.volume_id)
    return volume.host if volume is not None else None


def _reset_status(req: ApiRequest) -> Response:
    status = req.validated(schemas.RESET_STATUS)["os-reset_status"]["status"].lower()
    if status not in snapshots.STATUSES:
        raise errors.bad_request(
            f"Snapshot status: {status} is invalid, valid statuses are: {snapshots.STATUSES}."
        )
    with runtime(req).database.transaction() as session:
        snapshot = snapshots.find(session, req.params["snapshot_id"], caller(req))
        authorize(req, "volume_extension:snapshot_admin_actions:reset_status", snapshot.project_id)
        snapshots.move(
            session,
            "reset_status",
            snapshot.id,
            values={"status": status, "updated_at": timeutils.utcnow()},
        )
    return responses.no_content(202)


def _force_delete(req: ApiRequest) -> Response:
    req.validated(schemas.FORCE_DELETE)
    with runtime(req).database.transaction() as session:
        snapshot = snapshots.find(session, req.params["snapshot_id"], caller(req))
        authorize(req, "volume_extension:snapshot_admin_actions:force_delete", snapshot.project_id)
        snapshots.move(
            session,
            "force_delete",
            snapshot.id,
            reason="Snapshot must not be part of a group.",
        )
        host = _host_of(session, snapshot)
    _cast(req, host, "delete_snapshot", snapshot.id)
    return responses.no_content(202)


ACTIONS = {"os-reset_status": _reset_status, "os-force_delete": _force_delete}


def snapshot_action(req: ApiRequest) -> Response:
    return action_named(req, ACTIONS)(req)


# A volume with snapshots is deleted only with cascade, and then only when
# none of them is in a status a delete cannot start from.


def _volume_delete_guard(
    session: orm.Session, volume: models.Volume, cascade: bool
) -> list[sa.ColumnElement[bool]]:
    of_volume = Snapshot.volume_id == volume.id
    if cascade:
        cascadable = snapshots.SNAPSHOT.transitions["cascade_delete"].source["status"]
        return [~sa.exists().where(of_volume, Snapshot.status.not_in(cascadable))]
    return [~sa.exists().where(of_volume)]


def _volume_delete_cascade(session: orm.Session, volume: models.Volume) -> None:
    for snapshot in snapshots.of_volume(session, volume.id):
        snapshots.move(session, "cascade_delete", snapshot.id)


volume_handlers.DELETE_GUARDS.append(_volume_delete_guard)
volume_handlers.DELETE_CASCADES.append(_volume_delete_cascade)


def _check_snapshot_source(
    req: ApiRequest, session: orm.Session, request: creation.CreateRequest
) -> None:
    """A volume from a snapshot: the snapshot available, the size at least
    the snapshot's, on the backend the snapshot is on (Cinder's rules)."""
    snapshot = snapshots.find(session, request.body["snapshot_id"], caller(req))
    snapshots.move(
        session,
        "hold",
        snapshot.id,
        reason="Originating snapshot status must be one of 'available' values",
    )
    if request.size is None:
        request.size = snapshot.volume_size
    if request.size < snapshot.volume_size:
        raise errors.invalid_input(
            f"Volume size '{request.size}'GB cannot be smaller than the snapshot size "
            f"{snapshot.volume_size}GB. They must be >= original snapshot size."
        )
    if request.volume_type is None:
        request.volume_type = session.get(models.VolumeType, snapshot.volume_type_id)
    source = session.get(models.Volume, snapshot.volume_id)
    backend = runtime(req).backends.for_host(source.host if source else None)
    request.backend = backend.name if backend else None
    if source is not None:
        request.availability_zone = request.availability_zone or source.availability_zone


creation.SOURCE_CHECKS["snapshot_id"] = _check_snapshot_source
