"""/v3/attachments (3.27+): reserve, connect, complete and remove a
volume's attachments, as Nova (or any consumer) does.

Cinder's volume service answers attachment update and delete within the
request (a synchronous RPC call), so these handlers do their work in the
request too: for the file driver, connecting is describing the file.
"""

from __future__ import annotations

import typing

import sqlalchemy as sa
from sqlalchemy import orm
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
    require_version,
    runtime,
)
from pocketstack.block_storage.objects import attachment as attachments
from pocketstack.block_storage.objects import listing
from pocketstack.block_storage.objects import volume as volumes
from pocketstack.block_storage.schemas import attachment as schemas

Attachment = models.VolumeAttachment
SORTABLE = ("created_at", "updated_at", "id", "attach_status", "instance_uuid", "volume_id")
# Query filters and the column each names (instance_id is Cinder's alias).
FILTERS = {
    "id": Attachment.id,
    "status": Attachment.attach_status,
    "attach_status": Attachment.attach_status,
    "volume_id": Attachment.volume_id,
    "instance_id": Attachment.instance_uuid,
    "instance_uuid": Attachment.instance_uuid,
}


def summary_view(attachment: Attachment) -> dict[str, typing.Any]:
    return {
        "id": attachment.id,
        "status": attachment.attach_status,
        "instance": attachment.instance_uuid,
        "volume_id": attachment.volume_id,
    }


def detail_view(attachment: Attachment) -> dict[str, typing.Any]:
    """Cinder's detailed attachment; times unset are empty strings."""
    return {
        **summary_view(attachment),
        "attached_at": _time(attachment.attach_time),
        "detached_at": _time(attachment.detach_time),
        "attach_mode": attachment.attach_mode,
        "connection_info": attachment.connection_info or {},
    }


def _time(moment) -> str:
    return moment.isoformat() if moment else ""


def _require_new_attach(req: ApiRequest, version: str = mv.NEW_ATTACH) -> None:
    require_version(req, version)


def create_attachment(req: ApiRequest) -> Response:
    _require_new_attach(req)
    with_mode = at_least(req, mv.ATTACHMENT_CREATE_MODE_ARG)
    body = req.validated(schemas.CREATE_V354 if with_mode else schemas.CREATE)["attachment"]
    volume_id = body.get("volume_uuid") or body["volume_id"]
    with runtime(req).database.transaction() as session:
        volume = volumes.find(session, volume_id, caller(req))
        authorize(req, "volume:attachment_create", volume.project_id)
        if volume.multiattach and volume.status == "in-use" and volume.bootable:
            authorize(req, "volume:multiattach_bootable_volume", volume.project_id)
        attachment = attachments.reserve(
            session, volume, body.get("instance_uuid"), body.get("mode", "null")
        )
        if body.get("connector"):
            attachments.connect(
                session, attachment, volume, body["connector"], _device(req, volume)
            )
            session.refresh(attachment)
        return responses.json({"attachment": detail_view(attachment)})


def _device(req: ApiRequest, volume: models.Volume) -> str:
    backend = runtime(req).backends.for_host(volume.host)
    if backend is None:
        raise errors.invalid_volume(f"Volume {volume.id} has no backend to connect to.")
    return str(backend.driver.path(volume.id))


def update_attachment(req: ApiRequest) -> Response:
    _require_new_attach(req)
    with runtime(req).database.transaction() as session:
        attachment = attachments.find(session, req.params["attachment_id"], caller(req))
        volume = session.get(models.Volume, attachment.volume_id)
        authorize(req, "volume:attachment_update", volume.project_id)
        connector = req.validated(schemas.UPDATE)["attachment"]["connector"]
        attachments.connect(session, attachment, volume, connector, _device(req, volume))
        session.refresh(attachment)
        return responses.json({"attachment": detail_view(attachment)})


def complete_attachment(req: ApiRequest) -> Response:
    """POST /v3/attachments/{id}/action {"os-complete": …} (3.44)."""
    _require_new_attach(req, mv.NEW_ATTACH_COMPLETION)
    with runtime(req).database.transaction() as session:
        attachment = attachments.find(session, req.params["attachment_id"], caller(req))
        volume = session.get(models.Volume, attachment.volume_id)
        authorize(req, "volume:attachment_complete", volume.project_id)
        req.validated(schemas.COMPLETE)
        attachments.complete(session, attachment)
    return responses.no_content()


def delete_attachment(req: ApiRequest) -> Response:
    """Remove the attachment; the answer lists the volume's remaining ones."""
    _require_new_attach(req)
    with runtime(req).database.transaction() as session:
        attachment = attachments.find(session, req.params["attachment_id"], caller(req))
        volume = session.get(models.Volume, attachment.volume_id)
        authorize(req, "volume:attachment_delete", volume.project_id)
        volume_id = attachment.volume_id
        attachments.detach(session, volume_id, attachment.id)
        left = attachments.of_volume(session, volume_id)
        return responses.json({"attachments": [summary_view(a) for a in left]})


def show_attachment(req: ApiRequest) -> Response:
    _require_new_attach(req)
    with runtime(req).database.reader() as session:
        attachment = attachments.find(session, req.params["attachment_id"], caller(req))
        volume = session.get(models.Volume, attachment.volume_id)
        authorize(req, "volume:get", volume.project_id)
        return responses.json({"attachment": detail_view(attachment)})


def _listed(req: ApiRequest, session: orm.Session) -> tuple[list[Attachment], listing.Paging]:
    _require_new_attach(req)
    authorize(req, "volume:get_all")
    paging = listing.parse(req.query)
    select = sa.select(Attachment).join(models.Volume, models.Volume.id == Attachment.volume_id)
    if not all_projects(req):
        select = select.where(models.Volume.project_id == req.context.project_id)
    elif req.query.get("project_id"):
        select = select.where(models.Volume.project_id == req.query["project_id"])
    for key, column in FILTERS.items():
        if key in req.query:
            select = select.where(column == req.query[key])
    return listing.page(session, select, Attachment, paging, SORTABLE), paging


def _list(req: ApiRequest, view: typing.Callable, collection: str) -> Response:
    with runtime(req).database.reader() as session:
        rows, paging = _listed(req, session)
        body: dict[str, typing.Any] = {"attachments": [view(a) for a in rows]}
    next_links = listing.next_links(req.base_url + "/v3", collection, req.query, rows, paging)
    if next_links:
        body["attachments_links"] = next_links
    return responses.json(body)


def list_attachments(req: ApiRequest) -> Response:
    return _list(req, summary_view, "attachments")


def list_attachments_detail(req: ApiRequest) -> Response:
    return _list(req, detail_view, "attachments/detail")
