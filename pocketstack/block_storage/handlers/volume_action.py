"""POST /v3/volumes/{volume_id}/action: every volume action, dispatched
through one table (``ACTIONS``) by the body's key, as openstacksdk's
``Volume._action`` sends them. Nova's attach and detach calls live in
volume_connection.

Work on the bytes (extend, upload, retype, migrate) is cast to the volume's
manager after a compare-and-swap into a transitional status; the manager
swaps it back (manager_actions).
"""

from __future__ import annotations

import typing

from sqlalchemy import orm
from starlette.responses import Response

from pocketstack import timeutils
from pocketstack.api import responses
from pocketstack.api.errors import ApiError
from pocketstack.api.request import ApiRequest
from pocketstack.block_storage import errors, models
from pocketstack.block_storage import microversions as mv
from pocketstack.block_storage.handlers import (
    action_named,
    at_least,
    authorize,
    caller,
    isotime,
    runtime,
    volume_connection,
    volume_image_metadata,
    volume_reimage,
    volume_revert,
)
from pocketstack.block_storage.handlers import volume as volume_handlers
from pocketstack.block_storage.objects import metadata as metadata_items
from pocketstack.block_storage.objects import quota, volume_extend, volume_type
from pocketstack.block_storage.objects import volume as volumes
from pocketstack.block_storage.schemas import volume_action as schemas
from pocketstack.block_storage.schemas.types import as_bool

Volume = models.Volume
ADMIN = "volume_extension:volume_admin_actions:"
UPLOAD = "volume_extension:volume_actions:"


def act(req: ApiRequest) -> Response:
    return action_named(req, ACTIONS)(req)


def _volume(req: ApiRequest, session: orm.Session, rule: str, schema: dict) -> Volume:
    """The caller's volume, the rule checked on it, the body validated."""
    volume = volumes.find(session, req.params["volume_id"], caller(req))
    authorize(req, rule, volume.project_id)
    req.validated(schema)
    return volume


def _manager_of(req: ApiRequest, volume: Volume) -> str:
    """The bus target of the volume's manager. Work is cast to it only after
    the transaction that set the transitional status has committed."""
    backend = runtime(req).backends.for_host(volume.host)
    if backend is None:
        raise errors.invalid_volume(f"Volume {volume.id} is not on any backend.")
    return backend.bus_target


def extend(req: ApiRequest) -> Response:
    with runtime(req).database.transaction() as session:
        volume = _volume(req, session, "volume:extend", schemas.EXTEND)
        new_size = int(req.json["os-extend"]["new_size"])
        in_use = volume.status == "in-use" and at_least(req, mv.VOLUME_EXTEND_INUSE)
        if in_use:
            authorize(req, "volume:extend_attached_volume", volume.project_id)
        if new_size <= volume.size:
            raise errors.invalid_input(
                "New size for extend must be greater than current size. "
                f"(current: {volume.size}, extended: {new_size})."
            )
        expected = "in-use" if in_use else "available"
        volumes.move(
            session,
            "extend_in_use" if in_use else "extend",
            volume.id,
            values={"previous_status": volume.status},
            reason=f"Volume {volume.id} status must be '{{'status': '{expected}'}}' to extend, "
            f"currently {volume.status}.",
        )
        _take_extra_quota(req, session, volume, new_size)
        volume_extend.record(session, volume.id, new_size)
        manager = _manager_of(req, volume)
    runtime(req).bus.cast(manager, "extend_volume", volume_id=volume.id, new_size=new_size)
    return responses.no_content(202)


def _take_extra_quota(req: ApiRequest, session: orm.Session, volume: Volume, new_size: int):
    type_name = session.get(models.VolumeType, volume.volume_type_id).name
    settings = runtime(req).settings
    limit = quota.limits(session, settings, volume.project_id)["per_volume_gigabytes"]
    if 0 <= limit < new_size:
        raise errors.over_quota(
            f"Requested volume size {new_size}G is larger than maximum allowed limit {limit}G."
        )
    extra = new_size - volume.size
    quota.consume(
        session,
        settings,
        volume.project_id,
        {"gigabytes": extra, f"gigabytes_{type_name}": extra},
    )


def extend_volume_completion(req: ApiRequest) -> Response:
    """Nova's word that an in-use extend finished (Cinder takes it at any
    microversion, though 3.71 announces it). The manager here finishes
    extends itself, so only an extend still under way is ended."""
    with runtime(req).database.transaction() as session:
        volume = _volume(req, session, "volume:extend_volume_completion", schemas.EXTEND_COMPLETION)
        failed = req.json["os-extend_volume_completion"].get("error")
        values = {} if failed else {"status": volume.previous_status or "in-use"}
        volumes.move(
            session,
            "extend_failed" if failed else "extend_done",
            volume.id,
            values={**values, "previous_status": None},
            reason="Volume is not being extended.",
        )
        volume_extend.clear(session, volume.id)
    return responses.no_content(202)


def reset_status(req: ApiRequest) -> Response:
    with runtime(req).database.transaction() as session:
        volume = _volume(req, session, ADMIN + "reset_status", schemas.RESET_STATUS)
        update = _reset_values(req.json["os-reset_status"])
        volumes.move(session, "reset_status", volume.id, values=update)
        if update.get("attach_status") == "detached":
            session.query(models.VolumeAttachment).filter_by(volume_id=volume.id).delete()
    return responses.no_content(202)


def _reset_values(body: dict[str, str | None]) -> dict[str, str]:
    """The statuses to set, each checked against Cinder's list of them."""
    update = {key: value.lower() for key, value in body.items() if value}
    if not update:
        raise errors.bad_request(
            "Must specify 'status', 'attach_status' or 'migration_status' for update."
        )
    for key, value in update.items():
        label, valid = schemas.RESET_VALUES[key]
        if value not in valid:
            raise errors.bad_request(f"{label}: {value} is invalid, valid statuses are: {valid!r}.")
    return update


def set_bootable(req: ApiRequest) -> Response:
    with runtime(req).database.transaction() as session:
        volume = _volume(req, session, "volume:update", schemas.SET_BOOTABLE)
        volume.bootable = as_bool(req.json["os-set_bootable"]["bootable"])
        volume.updated_at = timeutils.utcnow()
    return responses.no_content(200)


def update_readonly_flag(req: ApiRequest) -> Response:
    with runtime(req).database.transaction() as session:
        volume = _volume(req, session, "volume:update_readonly_flag", schemas.UPDATE_READONLY)
        readonly = as_bool(req.json["os-update_readonly_flag"]["readonly"])
        volumes.move(
            session,
            "hold_available",
            volume.id,
            values={"updated_at": timeutils.utcnow()},
            reason=f"Volume {volume.id} status must be available to update readonly flag, "
            f"but current status is: {volume.status}.",
        )
        admin = metadata_items.items(session, models.VolumeAdminMetadata.volume_id, volume.id)
        admin["readonly"] = str(readonly)
        metadata_items.replace(session, models.VolumeAdminMetadata.volume_id, volume.id, admin)
    return responses.no_content(202)


def force_delete(req: ApiRequest) -> Response:
    with runtime(req).database.transaction() as session:
        volume = _volume(req, session, ADMIN + "force_delete", schemas.FORCE_DELETE)
        if volume.status == "deleting":
            return responses.no_content(202)
        volume_handlers.start_deletion(session, volume, cascade=False, force=True)
        host = volume.host
    runtime(req).cast_delete(volume.id, host)
    return responses.no_content(202)


def retype(req: ApiRequest) -> Response:
    with runtime(req).database.transaction() as session:
        volume = _volume(req, session, "volume:retype", schemas.RETYPE)
        body = req.json["os-retype"]
        new_type = _type_named(session, body["new_type"], caller(req))
        _take_type_quota(req, session, volume, new_type)
        volumes.move(
            session,
            "retype",
            volume.id,
            values={"previous_status": volume.status},
            where=[Volume.volume_type_id != new_type.id],
            reason="Retype needs volume to be in available or in-use state, not be part of an "
            "active migration or a consistency group, requested type has to be different "
            "that the one from the volume, and for in-use volumes front-end qos specs "
            "cannot change.",
        )
        target = volume_type.extra_specs(session, new_type.id).get("volume_backend_name")
        manager = _manager_of(req, volume)
    runtime(req).bus.cast(
        manager,
        "retype_volume",
        volume_id=volume.id,
        new_type_id=new_type.id,
        backend_name=target,
        may_migrate=body.get("migration_policy") == "on-demand",
    )
    return responses.no_content(202)


def _type_named(session: orm.Session, name_or_id: str, who) -> models.VolumeType:
    try:
        return volume_type.resolve(session, name_or_id, who)
    except ApiError:
        raise errors.invalid_input(f"Invalid volume_type passed: {name_or_id}.") from None


def _take_type_quota(req: ApiRequest, session: orm.Session, volume: Volume, new_type) -> None:
    quota.consume(
        session,
        runtime(req).settings,
        volume.project_id,
        {f"volumes_{new_type.name}": 1, f"gigabytes_{new_type.name}": volume.size},
    )


def migrate_volume(req: ApiRequest) -> Response:
    with runtime(req).database.transaction() as session:
        volume = _volume(req, session, ADMIN + "migrate_volume", schemas.MIGRATE)
        host = _migration_target(req, req.json["os-migrate_volume"])
        target = runtime(req).backends.for_host(host)
        if target is None:
            raise errors.bad_request(f"No available service named '{host}'")
        if target.pool == volume.host:
            raise errors.invalid_input("Destination host must be different than the current host.")
        volumes.move(
            session,
            "migrate",
            volume.id,
            reason=f"Volume {volume.id} status must be available or in-use, must not be "
            "migrating, have snapshots, be replicated, be part of a group and destination "
            "host must be different than the current host.",
        )
        manager = _manager_of(req, volume)
    runtime(req).bus.cast(manager, "migrate_volume", volume_id=volume.id, backend_name=target.name)
    return responses.no_content(202)


def _migration_target(req: ApiRequest, params: dict) -> str:
    """The host (or, from 3.16, the cluster) to migrate to: one of them."""
    cluster, missing = None, "Host field is missing."
    if at_least(req, mv.VOLUME_MIGRATE_CLUSTER):
        cluster = params.get("cluster")
        missing = "One and only one of cluster and host must be set."
    host = params.get("host")
    if bool(cluster) == bool(host):
        raise errors.invalid_input(missing)
    return host or cluster


def migrate_volume_completion(req: ApiRequest) -> Response:
    """Cinder's manager calls this between a volume and its copy; here a
    migration moves the one volume's bytes, so nothing is left to swap."""
    with runtime(req).database.reader() as session:
        volume = _volume(
            req, session, ADMIN + "migrate_volume_completion", schemas.MIGRATE_COMPLETION
        )
        if volume.migration_status != "migrating":
            raise errors.invalid_volume("Source volume not mid-migration.")
    return responses.json({"save_volume_id": volume.id})


def volume_upload_image(req: ApiRequest) -> Response:
    """The image is created in the request (queued), as Cinder's API does;
    the manager uploads the bytes and puts the volume's status back."""
    with_options = at_least(req, "3.1")
    schema = schemas.UPLOAD_IMAGE_V31 if with_options else schemas.UPLOAD_IMAGE
    token = req.context.auth.token
    with runtime(req).database.transaction() as session:
        volume = _volume(req, session, UPLOAD + "upload_image", schema)
        manager = _manager_of(req, volume)
        params = req.json["os-volume_upload_image"]
        fields = _image_fields(req, params, volume)
        # Cinder ignores force unless its operator enabled forced uploads.
        force = as_bool(params.get("force", False)) and runtime(req).settings.enable_force_upload
        volumes.move(
            session,
            "upload_in_use" if force else "upload",
            volume.id,
            values={"previous_status": volume.status, "updated_at": timeutils.utcnow()},
            reason=f"Volume {volume.id} status must be "
            f"{'available or in-use' if force else 'available'}",
        )
    try:
        image = runtime(req).images.create(token, fields)
    except Exception as error:  # noqa: BLE001 - Cinder answers any failure here with a 400
        with runtime(req).database.transaction() as session:
            volumes.VOLUME.apply(
                session, "upload_done", volume.id, values={"status": volume.status}
            )
        raise errors.bad_request(str(error)) from None
    with runtime(req).database.reader() as session:
        volume = session.get(Volume, volume.id)
        view = _upload_view(session, volume, image)
    runtime(req).bus.cast(
        manager, "copy_volume_to_image", volume_id=volume.id, image_id=image["id"], token=token
    )
    return responses.json({"os-volume_upload_image": view}, status=202)


def _image_fields(req: ApiRequest, params: dict, volume: Volume) -> dict[str, typing.Any]:
    fields = {
        "name": params["image_name"],
        "container_format": params.get("container_format") or "bare",
        "disk_format": params.get("disk_format", "raw"),
    }
    if at_least(req, "3.1"):
        fields["visibility"] = params.get("visibility", "private")
        fields["protected"] = as_bool(params.get("protected", False))
        if fields["visibility"] == "public":
            authorize(req, UPLOAD + "upload_public", volume.project_id)
    return fields


def _upload_view(session: orm.Session, volume: Volume, image: dict) -> dict[str, typing.Any]:
    volume_type_row = session.get(models.VolumeType, volume.volume_type_id)
    view = {
        "id": volume.id,
        "updated_at": isotime(volume.updated_at),
        "status": "uploading",
        "display_description": volume.description,
        "size": volume.size,
        "volume_type": volume_type_row.name if volume_type_row else None,
        "image_id": image["id"],
        "container_format": image.get("container_format"),
        "disk_format": image.get("disk_format"),
        "image_name": image.get("name"),
    }
    for key in ("protected", "visibility"):
        if key in image:
            view[key] = image[key]
    return view


ACTIONS: dict[str, typing.Callable[[ApiRequest], Response]] = {
    "os-extend": extend,
    "os-extend_volume_completion": extend_volume_completion,
    "os-reset_status": reset_status,
    "os-set_bootable": set_bootable,
    "os-update_readonly_flag": update_readonly_flag,
    "os-force_delete": force_delete,
    "os-retype": retype,
    "os-migrate_volume": migrate_volume,
    "os-migrate_volume_completion": migrate_volume_completion,
    "os-volume_upload_image": volume_upload_image,
    "os-reimage": volume_reimage.reimage,
    "revert": volume_revert.revert,
    "os-set_image_metadata": volume_image_metadata.set_image_metadata,
    "os-unset_image_metadata": volume_image_metadata.unset_image_metadata,
    "os-show_image_metadata": volume_image_metadata.show_image_metadata,
    "os-reserve": volume_connection.reserve,
    "os-unreserve": volume_connection.unreserve,
    "os-begin_detaching": volume_connection.begin_detaching,
    "os-roll_detaching": volume_connection.roll_detaching,
    "os-attach": volume_connection.attach,
    "os-detach": volume_connection.detach,
    "os-force_detach": volume_connection.force_detach,
    "os-initialize_connection": volume_connection.initialize_connection,
    "os-terminate_connection": volume_connection.terminate_connection,
}
