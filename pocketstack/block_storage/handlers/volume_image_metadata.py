"""os-set_image_metadata, os-unset_image_metadata, os-show_image_metadata:
the image properties a volume carries (``volume_image_metadata``), kept as
the volume's image metadata rows."""

from __future__ import annotations

from sqlalchemy import orm
from starlette.responses import Response

from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.block_storage import errors, models
from pocketstack.block_storage.handlers import authorize, caller, runtime
from pocketstack.block_storage.objects import metadata as metadata_items
from pocketstack.block_storage.objects import volume as volumes
from pocketstack.block_storage.schemas import volume_action as schemas

RULE = "volume_extension:volume_image_metadata:"
OWNER = models.VolumeImageMetadata.volume_id
# Statuses in which Cinder leaves a volume's metadata alone.
FROZEN = ("maintenance", "uploading")


def _volume(req: ApiRequest, session: orm.Session, rules: tuple[str, ...], schema: dict):
    volume = volumes.find(session, req.params["volume_id"], caller(req))
    for rule in rules:
        authorize(req, rule, volume.project_id)
    req.validated(schema)
    return volume


def _not_frozen(volume: models.Volume, doing: str) -> None:
    if volume.status in FROZEN:
        raise errors.invalid_volume(
            f"{doing} volume metadata is not allowed for volumes in {volume.status} status."
        )


def set_image_metadata(req: ApiRequest) -> Response:
    rules = (RULE + "set", "volume:update_volume_metadata")
    with runtime(req).database.transaction() as session:
        volume = _volume(req, session, rules, schemas.SET_IMAGE_METADATA)
        _not_frozen(volume, "Updating")
        merged = metadata_items.items(session, OWNER, volume.id)
        merged.update(req.json["os-set_image_metadata"]["metadata"])
        metadata_items.replace(session, OWNER, volume.id, merged)
    return responses.json({"metadata": merged})


def unset_image_metadata(req: ApiRequest) -> Response:
    rules = (RULE + "remove", "volume:get", "volume:delete_volume_metadata")
    with runtime(req).database.transaction() as session:
        volume = _volume(req, session, rules, schemas.UNSET_IMAGE_METADATA)
        current = metadata_items.items(session, OWNER, volume.id)
        key = req.json["os-unset_image_metadata"]["key"]
        if key not in current:
            raise errors.not_found(
                f"Glance metadata for volume/snapshot {volume.id} cannot be found."
            )
        _not_frozen(volume, "Deleting")
        del current[key]
        metadata_items.replace(session, OWNER, volume.id, current)
    return responses.no_content(200)


def show_image_metadata(req: ApiRequest) -> Response:
    rules = ("volume:get", "volume:get_volume_metadata")
    with runtime(req).database.reader() as session:
        volume = _volume(req, session, rules, schemas.SHOW_IMAGE_METADATA)
        return responses.json({"metadata": metadata_items.items(session, OWNER, volume.id)})
