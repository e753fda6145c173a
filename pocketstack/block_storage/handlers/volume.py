"""/v3/volumes: create (the flow of shared/seeds/002), list, show, update, delete."""

from __future__ import annotations

import typing

import sqlalchemy as sa
from sqlalchemy import orm
from starlette.responses import Response

from pocketstack import timeutils
from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.block_storage import microversions as mv
from pocketstack.block_storage import models
from pocketstack.block_storage.handlers import (
    all_projects,
    at_least,
    authorize,
    bool_param,
    caller,
    clean_names,
    isotime,
    paged,
    require_version,
    runtime,
    set_names,
    volume_filters,
)
from pocketstack.block_storage.handlers import volume_create as creation
from pocketstack.block_storage.objects import attachment as attachments
from pocketstack.block_storage.objects import metadata as metadata_items
from pocketstack.block_storage.objects import volume as volumes
from pocketstack.block_storage.scheduler import TARGET as SCHEDULER
from pocketstack.block_storage.schemas import volume as schemas

Volume = models.Volume
SORTABLE = (
    "created_at",
    "updated_at",
    "id",
    "name",
    "size",
    "status",
    "availability_zone",
    "bootable",
    "project_id",
)


def links(req: ApiRequest, collection: str, resource_id: str) -> list[dict[str, str]]:
    base = req.base_url
    return [
        {"href": f"{base}/v3/{collection}/{resource_id}", "rel": "self"},
        {"href": f"{base}/{collection}/{resource_id}", "rel": "bookmark"},
    ]


def detail_view(req: ApiRequest, session: orm.Session, volume: Volume) -> dict[str, typing.Any]:
    """Cinder's detailed volume, with the fields the microversion and the
    caller's policy add."""
    volume_type = session.get(models.VolumeType, volume.volume_type_id)
    is_admin = caller(req).is_admin
    body: dict[str, typing.Any] = {
        "id": volume.id,
        "status": volume.status,
        "size": volume.size,
        "availability_zone": volume.availability_zone,
        "created_at": isotime(volume.created_at),
        "updated_at": isotime(volume.updated_at),
        "name": volume.name,
        "description": volume.description,
        "volume_type": volume_type.name if volume_type else volume.volume_type_id,
        "snapshot_id": volume.snapshot_id,
        "source_volid": volume.source_volid,
        "metadata": metadata_items.items(session, models.VolumeMetadata.volume_id, volume.id),
        "links": links(req, "volumes", volume.id),
        "user_id": volume.user_id,
        "bootable": str(volume.bootable).lower(),
        "encrypted": volume.encryption_key_id is not None,
        "replication_status": volume.replication_status,
        "consistencygroup_id": None,
        "multiattach": volume.multiattach,
        "attachments": attachments.volume_view(session, volume, is_admin),
    }
    if is_admin:
        body["migration_status"] = volume.migration_status
    if req.allowed("volume_extension:volume_host_attribute", {"project_id": volume.project_id}):
        body["os-vol-host-attr:host"] = volume.host
    if req.allowed("volume_extension:volume_tenant_attribute", {"project_id": volume.project_id}):
        body["os-vol-tenant-attr:tenant_id"] = volume.project_id
    if req.allowed(
        "volume_extension:volume_mig_status_attribute", {"project_id": volume.project_id}
    ):
        body["os-vol-mig-status-attr:migstat"] = volume.migration_status
        body["os-vol-mig-status-attr:name_id"] = None
    image_metadata = metadata_items.items(session, models.VolumeImageMetadata.volume_id, volume.id)
    shows_image = req.allowed(
        "volume_extension:volume_image_metadata:show", {"project_id": volume.project_id}
    )
    if image_metadata and shows_image:
        body["volume_image_metadata"] = image_metadata
    _add_versioned_fields(req, body, volume, is_admin)
    return body


def _add_versioned_fields(
    req: ApiRequest, body: dict[str, typing.Any], volume: Volume, is_admin: bool
) -> None:
    if at_least(req, mv.GROUP_VOLUME):
        body["group_id"] = volume.group_id
    if is_admin and at_least(req, mv.VOLUME_DETAIL_PROVIDER_ID):
        body["provider_id"] = volume.provider_id
    if at_least(req, mv.VOLUME_SHARED_TARGETS_AND_SERVICE_FIELDS):
        # Each file-backed volume has its own target: nothing is shared.
        body["shared_targets"] = False
        body["service_uuid"] = runtime(req).service_uuid(volume.host)
    if is_admin and at_least(req, "3.61"):
        body["cluster_name"] = None
    if at_least(req, mv.VOLUME_TYPE_ID_IN_VOLUME_DETAIL):
        body["volume_type_id"] = volume.volume_type_id
    if at_least(req, mv.ENCRYPTION_KEY_ID_IN_DETAILS):
        body["encryption_key_id"] = volume.encryption_key_id
    if at_least(req, mv.USE_QUOTA):
        body["consumes_quota"] = volume.use_quota


def summary_view(req: ApiRequest, volume: Volume) -> dict[str, typing.Any]:
    return {"id": volume.id, "name": volume.name, "links": links(req, "volumes", volume.id)}


def create_volume(req: ApiRequest) -> Response:
    authorize(req, "volume:create")
    body = req.validated(schemas.CREATE.for_version(req.microversion))
    clean_names(body["volume"], measure=True)
    request = creation.parse(req, body)
    work: dict[str, typing.Any] = {"request_id": req.context.request_id}
    if request.image is not None:
        authorize(req, "volume:create_from_image")
        work["token"] = req.context.auth.token
    with runtime(req).database.transaction() as session:
        volume = creation.record(req, session, request)
        if volume.multiattach:  # a multiattach type's volume; refused, it rolls back
            authorize(req, "volume:multiattach")
        view = detail_view(req, session, volume)
        spec = creation.request_spec(session, request, volume)
    runtime(req).bus.cast(SCHEDULER, "create_volume", volume_id=volume.id, spec=spec, **work)
    return responses.json({"volume": view}, status=202)


def _conditions(req: ApiRequest) -> list[sa.ColumnElement[bool]]:
    found = volume_filters.conditions(req)
    if not all_projects(req):
        found.append(Volume.project_id == req.context.project_id)
    return found


def _list(req: ApiRequest, path: str, view) -> Response:
    authorize(req, "volume:get_all")
    with runtime(req).database.reader() as session:
        return paged.respond(
            req,
            session,
            Volume,
            _conditions(req),
            key="volumes",
            path=path,
            sortable=SORTABLE,
            view=lambda volume: view(session, volume),
        )


def list_volumes(req: ApiRequest) -> Response:
    return _list(req, "volumes", lambda _session, volume: summary_view(req, volume))


def list_volumes_detail(req: ApiRequest) -> Response:
    return _list(req, "volumes/detail", lambda session, volume: detail_view(req, session, volume))


def show_volume(req: ApiRequest) -> Response:
    with runtime(req).database.reader() as session:
        volume = volumes.find(session, req.params["volume_id"], caller(req))
        authorize(req, "volume:get", volume.project_id)
        return responses.json({"volume": detail_view(req, session, volume)})


def update_volume(req: ApiRequest) -> Response:
    body = req.validated(schemas.UPDATE.for_version(req.microversion))["volume"]
    clean_names(body, measure=True)
    with runtime(req).database.transaction() as session:
        volume = volumes.find(session, req.params["volume_id"], caller(req))
        authorize(req, "volume:update", volume.project_id)
        set_names(volume, body)
        if "metadata" in body:
            metadata_items.replace(
                session, models.VolumeMetadata.volume_id, volume.id, body["metadata"]
            )
        volume.updated_at = timeutils.utcnow()
        session.flush()
        return responses.json({"volume": detail_view(req, session, volume)})


def delete_volume(req: ApiRequest) -> Response:
    """Delete (202). Deleting a volume already ``deleting`` answers 202 too,
    where Cinder answers 400: a repeated delete is then safe (the race of
    shared/seeds/000; docs/differences.md)."""
    cascade = bool_param(req, "cascade")
    force = at_least(req, mv.VOLUME_DELETE_FORCE) and bool_param(req, "force")
    with runtime(req).database.transaction() as session:
        volume = volumes.find(session, req.params["volume_id"], caller(req))
        authorize(req, "volume:delete", volume.project_id)
        if force:
            authorize(req, "volume:force_delete", volume.project_id)
        if volume.status == "deleting":
            return responses.no_content(202)
        start_deletion(session, volume, cascade=cascade, force=force)
        host = volume.host
    runtime(req).cast_delete(volume.id, host)
    return responses.no_content(202)


# Conditions a deletion adds to its compare-and-swap (a volume with
# snapshots cannot go, unless cascade); and what it does to dependants
# in the same transaction. The snapshots module fills both in.
DELETE_GUARDS: list[typing.Callable[[orm.Session, Volume, bool], list]] = [attachments.delete_guard]
DELETE_CASCADES: list[typing.Callable[[orm.Session, Volume], None]] = []


def start_deletion(session: orm.Session, volume: Volume, *, cascade: bool, force: bool) -> None:
    where = [guard for check in DELETE_GUARDS for guard in check(session, volume, cascade)]
    volumes.move(
        session,
        "force_delete" if force else "delete",
        volume.id,
        where=where,
        reason=(
            f"Volume status must be {volumes._either(volumes.DELETABLE)} and must not be "
            "migrating, attached, belong to a group, have snapshots, awaiting a transfer, "
            "or be disassociated from snapshots after volume transfer."
        ),
    )
    if cascade:
        for cascade_to in DELETE_CASCADES:
            cascade_to(session, volume)


def summary(req: ApiRequest) -> Response:
    """GET /v3/volumes/summary (3.12): count, total size, and (3.36) metadata."""
    authorize(req, "volume:get_all")
    require_version(req, mv.VOLUME_SUMMARY)
    with runtime(req).database.reader() as session:
        select = sa.select(Volume)
        if not all_projects(req):
            select = select.where(Volume.project_id == req.context.project_id)
        rows = list(session.scalars(select))
        body: dict[str, typing.Any] = {
            "total_count": len(rows),
            "total_size": sum(v.size for v in rows),
        }
        if at_least(req, mv.VOLUME_SUMMARY_METADATA):
            merged: dict[str, list[str]] = {}
            for v in rows:
                for key, value in metadata_items.items(
                    session, models.VolumeMetadata.volume_id, v.id
                ).items():
                    merged.setdefault(key, [])
                    if value not in merged[key]:
                        merged[key].append(value)
            body["metadata"] = merged
    return responses.json({"volume-summary": body})
