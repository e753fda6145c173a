"""/v3/volumes/{id}/metadata: a volume's own key/value metadata."""

from __future__ import annotations

from starlette.responses import Response

from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.block_storage import errors, models
from pocketstack.block_storage.handlers import authorize, caller, runtime
from pocketstack.block_storage.objects import volume as volumes
from pocketstack.block_storage.schemas import volume as schemas

Metadata = models.VolumeMetadata


def _volume(req: ApiRequest, session, rule: str) -> models.Volume:
    volume = volumes.find(session, req.params["volume_id"], caller(req))
    authorize(req, rule, volume.project_id)
    return volume


def show_metadata(req: ApiRequest) -> Response:
    with runtime(req).database.reader() as session:
        volume = _volume(req, session, "volume:get_volume_metadata")
        return responses.json({"metadata": volumes.metadata_of(session, Metadata, volume.id)})


def create_metadata(req: ApiRequest) -> Response:
    """POST: merge the given keys into the metadata."""
    items = req.validated(schemas.METADATA_BODY)["metadata"]
    with runtime(req).database.transaction() as session:
        volume = _volume(req, session, "volume:create_volume_metadata")
        merged = {**volumes.metadata_of(session, Metadata, volume.id), **items}
        volumes.set_metadata(session, Metadata, volume.id, merged)
        return responses.json({"metadata": merged})


def replace_metadata(req: ApiRequest) -> Response:
    """PUT: the given keys become the whole metadata."""
    items = req.validated(schemas.METADATA_BODY)["metadata"]
    with runtime(req).database.transaction() as session:
        volume = _volume(req, session, "volume:update_volume_metadata")
        volumes.set_metadata(session, Metadata, volume.id, items)
        return responses.json({"metadata": items})


def show_metadata_item(req: ApiRequest) -> Response:
    with runtime(req).database.reader() as session:
        volume = _volume(req, session, "volume:get_volume_metadata")
        items = volumes.metadata_of(session, Metadata, volume.id)
        key = req.params["key"]
        if key not in items:
            raise errors.not_found(f"Metadata item was not found for volume {volume.id}.")
        return responses.json({"meta": {key: items[key]}})


def update_metadata_item(req: ApiRequest) -> Response:
    item = req.validated(schemas.META_ITEM)["meta"]
    key = req.params["key"]
    if key not in item:
        raise errors.bad_request("Request body and URI mismatch")
    with runtime(req).database.transaction() as session:
        volume = _volume(req, session, "volume:update_volume_metadata")
        merged = {**volumes.metadata_of(session, Metadata, volume.id), **item}
        volumes.set_metadata(session, Metadata, volume.id, merged)
        return responses.json({"meta": item})


def delete_metadata_item(req: ApiRequest) -> Response:
    with runtime(req).database.transaction() as session:
        volume = _volume(req, session, "volume:delete_volume_metadata")
        items = volumes.metadata_of(session, Metadata, volume.id)
        key = req.params["key"]
        if key not in items:
            raise errors.not_found(f"Metadata item was not found for volume {volume.id}.")
        del items[key]
        volumes.set_metadata(session, Metadata, volume.id, items)
    return responses.no_content(200)
