"""/v3/snapshots/{id}/metadata: a snapshot's own key/value metadata."""

from __future__ import annotations

from sqlalchemy import orm
from starlette.responses import Response

from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.block_storage import errors, models
from pocketstack.block_storage.handlers import authorize, caller, runtime
from pocketstack.block_storage.objects import metadata as metadata_items
from pocketstack.block_storage.objects import snapshot as snapshots
from pocketstack.block_storage.schemas import snapshot as schemas

METADATA = models.SnapshotMetadata.snapshot_id


def _snapshot(req: ApiRequest, session: orm.Session, rule: str) -> models.Snapshot:
    snapshot = snapshots.find(session, req.params["snapshot_id"], caller(req))
    authorize(req, rule, snapshot.project_id)
    return snapshot


def _missing(snapshot_id: str, key: str) -> errors.ApiError:
    return errors.not_found(f"Snapshot {snapshot_id} has no metadata with key {key}.")


def show_metadata(req: ApiRequest) -> Response:
    with runtime(req).database.reader() as session:
        snapshot = _snapshot(req, session, "volume:get_snapshot_metadata")
        return responses.json({"metadata": metadata_items.items(session, METADATA, snapshot.id)})


def create_metadata(req: ApiRequest) -> Response:
    """POST: merge the given keys into the metadata."""
    items = req.validated(schemas.METADATA_BODY)["metadata"]
    with runtime(req).database.transaction() as session:
        snapshot = _snapshot(req, session, "volume:update_snapshot_metadata")
        merged = {**metadata_items.items(session, METADATA, snapshot.id), **items}
        metadata_items.replace(session, METADATA, snapshot.id, merged)
        return responses.json({"metadata": merged})


def replace_metadata(req: ApiRequest) -> Response:
    """PUT: the given keys become the whole metadata."""
    items = req.validated(schemas.METADATA_BODY)["metadata"]
    with runtime(req).database.transaction() as session:
        snapshot = _snapshot(req, session, "volume:update_snapshot_metadata")
        metadata_items.replace(session, METADATA, snapshot.id, items)
        return responses.json({"metadata": items})


def show_metadata_item(req: ApiRequest) -> Response:
    key = req.params["key"]
    with runtime(req).database.reader() as session:
        snapshot = _snapshot(req, session, "volume:get_snapshot_metadata")
        items = metadata_items.items(session, METADATA, snapshot.id)
        if key not in items:
            raise _missing(snapshot.id, key)
        return responses.json({"meta": {key: items[key]}})


def update_metadata_item(req: ApiRequest) -> Response:
    item = req.validated(schemas.META_ITEM)["meta"]
    key = req.params["key"]
    if key not in item:
        raise errors.bad_request("Request body and URI mismatch")
    with runtime(req).database.transaction() as session:
        snapshot = _snapshot(req, session, "volume:update_snapshot_metadata")
        merged = {**metadata_items.items(session, METADATA, snapshot.id), **item}
        metadata_items.replace(session, METADATA, snapshot.id, merged)
        return responses.json({"meta": item})


def delete_metadata_item(req: ApiRequest) -> Response:
    key = req.params["key"]
    with runtime(req).database.transaction() as session:
        snapshot = _snapshot(req, session, "volume:delete_snapshot_metadata")
        items = metadata_items.items(session, METADATA, snapshot.id)
        if key not in items:
            raise _missing(snapshot.id, key)
        del items[key]
        metadata_items.replace(session, METADATA, snapshot.id, items)
    return responses.no_content(200)
