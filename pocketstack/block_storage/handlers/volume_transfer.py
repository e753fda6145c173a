"""Volume transfers: /v3/volume-transfers (3.55) and the older
/v3/os-volume-transfer, which differ only in that the older one never
takes ``no_snapshots``."""

from __future__ import annotations

import typing

import sqlalchemy as sa
from starlette.responses import Response

from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.block_storage import errors, models
from pocketstack.block_storage import microversions as mv
from pocketstack.block_storage.handlers import (
    all_projects,
    at_least,
    authorize,
    caller,
    isotime,
    runtime,
)
from pocketstack.block_storage.handlers.volume import links
from pocketstack.block_storage.objects import Caller, listing, quota
from pocketstack.block_storage.objects import volume as volumes
from pocketstack.block_storage.objects import volume_transfer as transfers
from pocketstack.block_storage.schemas import volume_transfer as schemas
from pocketstack.block_storage.schemas.types import as_bool

Transfer = models.Transfer
COLLECTION = "os-volume-transfer"
SORTABLE = ("created_at", "id", "name", "volume_id")
FILTERS = ("id", "name", "volume_id", "source_project_id", "destination_project_id")
IGNORED = frozenset({"all_tenants", "all_projects", *listing.PAGING_KEYS})


def summary_view(req: ApiRequest, transfer: Transfer) -> dict[str, typing.Any]:
    return {
        "id": transfer.id,
        "volume_id": transfer.volume_id,
        "name": transfer.name,
        "links": links(req, COLLECTION, transfer.id),
    }


def detail_view(req: ApiRequest, transfer: Transfer) -> dict[str, typing.Any]:
    body: dict[str, typing.Any] = {
        "id": transfer.id,
        "created_at": isotime(transfer.created_at),
        "name": transfer.name,
        "volume_id": transfer.volume_id,
        "links": links(req, COLLECTION, transfer.id),
    }
    if at_least(req, mv.TRANSFER_WITH_SNAPSHOTS):
        body["no_snapshots"] = transfer.no_snapshots
    if at_least(req, mv.TRANSFER_WITH_HISTORY):
        body["destination_project_id"] = transfer.destination_project_id
        body["source_project_id"] = transfer.source_project_id
        body["accepted"] = transfer.accepted
    return body


def _create(req: ApiRequest, fields: dict[str, typing.Any]) -> Response:
    name = fields.get("name")
    no_snapshots = as_bool(fields.get("no_snapshots", False))
    with runtime(req).database.transaction() as session:
        volume = volumes.find(session, fields["volume_id"], caller(req))
        authorize(req, "volume:create_transfer", volume.project_id)
        if volume.status != "available":
            raise errors.invalid_volume("status must be available")
        if volume.group_id:
            # The group stays behind in this project: its owner could
            # delete the volume after it changed hands (docs/differences.md).
            raise errors.invalid_volume(f"Volume {volume.id} must not be part of a group.")
        if volume.encryption_key_id is not None:
            if not at_least(req, "3.70"):
                raise errors.invalid_volume("transferring encrypted volume is not supported")
            if no_snapshots:
                raise errors.invalid_volume(
                    "transferring an encrypted volume without its snapshots is not supported"
                )
        transfer, auth_key = transfers.create(
            session, volume, name.strip() if name else name, no_snapshots
        )
        body = {**detail_view(req, transfer), "auth_key": auth_key}
    return responses.json({"transfer": body}, status=202)


def create_transfer(req: ApiRequest) -> Response:
    schema = schemas.CREATE_V355 if at_least(req, mv.TRANSFER_WITH_SNAPSHOTS) else schemas.CREATE
    return _create(req, req.validated(schema)["transfer"])


def create_legacy_transfer(req: ApiRequest) -> Response:
    return _create(req, req.validated(schemas.CREATE)["transfer"])


def _listing(req: ApiRequest, collection: str, detailed: bool) -> Response:
    authorize(req, "volume:get_all_transfers")
    paged = at_least(req, "3.59")
    paging = listing.parse(req.query)
    if not paged:
        # Before 3.59 lists are oldest first and take only limit and offset.
        paging.sort, paging.marker = [("created_at", "asc")], None
    who = caller(req)
    select = sa.select(Transfer).where(
        *transfers.visible(Caller(who.project_id, who.user_id, all_projects(req)))
    )
    for key, value in req.query.multi_items():
        if key in IGNORED:
            continue
        if key not in FILTERS:
            # Cinder answers a filter on an unknown field with nothing.
            select = select.where(sa.false())
            continue
        select = select.where(getattr(Transfer, key) == value)
    with runtime(req).database.reader() as session:
        rows = listing.page(session, select, Transfer, paging, SORTABLE)
    view = detail_view if detailed else summary_view
    body: dict[str, typing.Any] = {"transfers": [view(req, t) for t in rows]}
    next_links = listing.next_links(req.base_url + "/v3", collection, req.query, rows, paging)
    if next_links and paged:
        body["transfers_links"] = next_links
    return responses.json(body)


def list_transfers(req: ApiRequest) -> Response:
    return _listing(req, "volume-transfers", detailed=False)


def list_transfers_detail(req: ApiRequest) -> Response:
    return _listing(req, "volume-transfers/detail", detailed=True)


def show_transfer(req: ApiRequest) -> Response:
    authorize(req, "volume:get_transfer")
    with runtime(req).database.reader() as session:
        transfer = transfers.find(session, req.params["transfer_id"], caller(req))
        return responses.json({"transfer": detail_view(req, transfer)})


def delete_transfer(req: ApiRequest) -> Response:
    with runtime(req).database.transaction() as session:
        transfer = transfers.find(session, req.params["transfer_id"], caller(req))
        volume = session.get(models.Volume, transfer.volume_id)
        authorize(req, "volume:delete_transfer", volume.project_id if volume else None)
        transfers.delete(session, transfer)
    return responses.no_content(202)


def accept_transfer(req: ApiRequest) -> Response:
    """Take the volume into the caller's project, within its quota."""
    authorize(req, "volume:accept_transfer")
    auth_key = str(req.validated(schemas.ACCEPT)["accept"]["auth_key"])
    project_id = req.context.project_id
    with runtime(req).database.transaction() as session:
        anyone = Caller(project_id, req.context.user_id, is_admin=True)
        transfer = transfers.find(session, req.params["transfer_id"], anyone)
        transfers.check_key(transfer, auth_key)
        volume = session.get(models.Volume, transfer.volume_id)
        if volume is None:
            raise errors.volume_not_found(transfer.volume_id)
        deltas = transfers.accept_deltas(session, transfer, volume)
        quota.consume(session, runtime(req).settings, project_id, deltas)
        transfers.accept(session, transfer, project_id, req.context.user_id)
        body = summary_view(req, transfer)
    return responses.json({"transfer": body}, status=202)
