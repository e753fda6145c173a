"""What a volume create asks for, checked as Cinder's create flow checks it
before anything is recorded: size, type, zone and source (shared/seeds/002:
the API validates, records ``creating`` and casts to the scheduler)."""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable

from sqlalchemy import orm

from pocketstack import timeutils
from pocketstack.api.request import ApiRequest
from pocketstack.block_storage import errors, models
from pocketstack.block_storage.handlers import caller, runtime
from pocketstack.block_storage.image_client import ImageNotFound
from pocketstack.block_storage.objects import metadata as metadata_items
from pocketstack.block_storage.objects import quota
from pocketstack.block_storage.objects import volume as volumes
from pocketstack.block_storage.objects import volume_type as volume_types
from pocketstack.block_storage.schemas.types import as_bool

GIB = 1 << 30


@dataclasses.dataclass
class CreateRequest:
    body: dict[str, typing.Any]
    size: int | None
    volume_type: models.VolumeType | None = None
    availability_zone: str | None = None
    image: dict[str, typing.Any] | None = None
    # The backend the source's data is on, when the volume must go there.
    backend: str | None = None
    source_size: int | None = None


# Checks of a volume's source by body key (snapshot_id, backup_id…): each
# finds the source as the caller may see it, fills in the request (size,
# zone, backend, type) and raises Cinder's answer when the source cannot
# be used. The snapshot and backup modules add theirs.
SOURCE_CHECKS: dict[str, Callable[[ApiRequest, orm.Session, CreateRequest], None]] = {}


def parse(req: ApiRequest, body: dict[str, typing.Any]) -> CreateRequest:
    fields = body["volume"]
    if fields.get("consistencygroup_id") and not fields.get("group_id"):
        # Cinder puts the volume in the group a consistencygroup_id names
        # (a group_id, when given, wins).
        fields["group_id"] = fields["consistencygroup_id"]
    size = fields.get("size")
    request = CreateRequest(
        body=fields,
        size=int(size) if size is not None else None,
        availability_zone=fields.get("availability_zone"),
    )
    if as_bool(fields.get("multiattach", False)):
        raise errors.bad_request(
            "multiattach parameter has been removed. The default behavior is to use "
            "multiattach enabled volume types. Contact your administrator to create a "
            "multiattach enabled volume type and use it to create multiattach volumes."
        )
    if request.size is not None and request.size < 1:
        raise errors.invalid_input(
            f"Volume size '{request.size}' must be an integer and greater than 0"
        )
    image_ref = fields.get("imageRef") or fields.get("image_id")
    if image_ref:
        request.image = _image(req, image_ref)
    return request


def _image(req: ApiRequest, image_ref: str) -> dict[str, typing.Any]:
    """The image a volume is made from, as its owner sees it (Cinder looks it
    up by id, then by name)."""
    images = runtime(req).images
    token = req.context.auth.token
    image_id = image_ref.rsplit("/", 1)[-1]
    try:
        return images.show(token, image_id)
    except ImageNotFound:
        pass
    matches = images.find_by_name(token, image_ref)
    if len(matches) > 1:
        raise errors.conflict(
            f"Multiple matches found for '{image_ref}', use an ID to be more specific."
        )
    if matches:
        return matches[0]
    raise errors.bad_request("Invalid image identifier or unable to access requested image.")


def check_image(image: dict[str, typing.Any], size: int) -> None:
    if image.get("status") != "active":
        raise errors.invalid_input(f"Image {image['id']} is not active.")
    image_gib = ((image.get("size") or 0) + GIB - 1) // GIB
    if image_gib > size:
        raise errors.invalid_input(
            f"Size of specified image {image_gib}GB is larger than volume size {size}GB."
        )
    min_disk = image.get("min_disk") or 0
    if size < min_disk:
        raise errors.invalid_input(
            f"Volume size {size}GB cannot be smaller than the image minDisk size {min_disk}GB."
        )


def _check_source_volume(req: ApiRequest, session: orm.Session, request: CreateRequest) -> None:
    source = volumes.find(session, request.body["source_volid"], caller(req))
    if source.status not in ("available", "in-use"):
        raise errors.invalid_volume(
            "Originating source volume status must be one of 'available, in-use' values"
        )
    if request.size is None:
        request.size = source.size
    if request.size < source.size:
        raise errors.invalid_input(
            f"Volume size '{request.size}'GB cannot be smaller than original volume size  "
            f"{source.size}GB. They must be >= original volume size."
        )
    request.availability_zone = request.availability_zone or source.availability_zone
    if request.volume_type is None:
        request.volume_type = session.get(models.VolumeType, source.volume_type_id)
    backend = runtime(req).backends.for_host(source.host)
    request.backend = backend.name if backend else None


SOURCE_CHECKS["source_volid"] = _check_source_volume


def _zone(req: ApiRequest, request: CreateRequest) -> str:
    return zone(req, request.availability_zone)


def zone(req: ApiRequest, requested: str | None) -> str:
    """The zone a new volume (or group) goes to: the one asked for if a
    backend is in it, else the default (with fallback), else Cinder's 400."""
    settings = runtime(req).settings
    default = settings.default_availability_zone or settings.storage_availability_zone
    zone = requested or default
    if zone in runtime(req).backends.zones:
        return zone
    if settings.allow_availability_zone_fallback:
        return default
    raise errors.bad_request(f"Availability zone '{zone}' is invalid.")


def _resolve(req: ApiRequest, session: orm.Session, request: CreateRequest) -> None:
    """Type, sources and size, in the order Cinder's flow settles them."""
    type_ref = request.body.get("volume_type")
    if type_ref:
        request.volume_type = volume_types.resolve(session, type_ref, caller(req))
    for key, check in SOURCE_CHECKS.items():
        if request.body.get(key):
            check(req, session, request)
    if request.volume_type is None:
        request.volume_type = runtime(req).default_type(session, req.context.project_id)
    if request.size is None:
        if request.image is not None and request.image.get("size"):
            request.size = max(
                (request.image["size"] + GIB - 1) // GIB, request.image.get("min_disk") or 0, 1
            )
        else:
            raise errors.invalid_input("Volume size 'None' must be an integer and greater than 0")
    if request.image is not None:
        check_image(request.image, request.size)
    request.availability_zone = _zone(req, request)


def record(req: ApiRequest, session: orm.Session, request: CreateRequest) -> models.Volume:
    """Check quota and add the volume, ``creating``, in this transaction."""
    _resolve(req, session, request)
    assert request.volume_type is not None and request.size is not None
    project_id = req.context.project_id
    type_name = request.volume_type.name
    quota.consume(
        session,
        runtime(req).settings,
        project_id,
        {
            "volumes": 1,
            "gigabytes": request.size,
            f"volumes_{type_name}": 1,
            f"gigabytes_{type_name}": request.size,
        },
    )
    fields = request.body
    volume = models.Volume(
        id=volumes.new_id(),
        project_id=project_id,
        user_id=req.context.user_id,
        name=fields.get("name", fields.get("display_name")),
        description=fields.get("description", fields.get("display_description")),
        size=request.size,
        availability_zone=request.availability_zone,
        status="creating",
        attach_status="detached",
        volume_type_id=request.volume_type.id,
        snapshot_id=fields.get("snapshot_id"),
        source_volid=fields.get("source_volid"),
        backup_id=fields.get("backup_id"),
        image_id=request.image["id"] if request.image else None,
        group_id=fields.get("group_id"),
        # Multiattach comes from the type alone, as Cinder has it since Queens.
        multiattach=volume_types.extra_specs(session, request.volume_type.id).get("multiattach")
        == "<is> True",
        created_at=timeutils.utcnow(),
    )
    session.add(volume)
    session.flush()
    if fields.get("metadata"):
        metadata_items.replace(
            session, models.VolumeMetadata.volume_id, volume.id, fields["metadata"]
        )
    return volume


def request_spec(
    session: orm.Session, request: CreateRequest, volume: models.Volume
) -> dict[str, typing.Any]:
    """What the scheduler needs to place the volume (scheduler.RequestSpec)."""
    return {
        "size": volume.size,
        "availability_zone": volume.availability_zone,
        "extra_specs": volume_types.extra_specs(session, volume.volume_type_id),
        "backend": request.backend,
    }
