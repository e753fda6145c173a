"""The volume actions Nova makes to attach and detach without the
attachments API: os-reserve, os-unreserve, os-begin_detaching,
os-roll_detaching, os-attach, os-detach, os-initialize_connection and
os-terminate_connection. Each is one compare-and-swap on the volume
(objects.volume.VOLUME); Cinder answers them all within the request.
"""

from __future__ import annotations

import contextlib

from starlette.responses import Response

from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.block_storage import errors, models
from pocketstack.block_storage.handlers import authorize, caller, runtime
from pocketstack.block_storage.objects import attachment as attachments
from pocketstack.block_storage.objects import metadata as metadata_items
from pocketstack.block_storage.objects import volume as volumes
from pocketstack.block_storage.schemas import volume_action as schemas
from pocketstack.block_storage.schemas.types import as_bool
from pocketstack.transitions import TransitionRefused

RULE = "volume_extension:volume_actions:"
ADMIN_RULE = "volume_extension:volume_admin_actions:"


def _volume(req: ApiRequest, session, rule: str, schema: dict) -> models.Volume:
    volume = volumes.find(session, req.params["volume_id"], caller(req))
    authorize(req, RULE + rule, volume.project_id)
    req.validated(schema)
    return volume


def _not_in_maintenance(volume: models.Volume, what: str) -> None:
    if volume.status == "maintenance":
        raise errors.invalid_volume(f"The volume {what} in maintenance mode.")


def reserve(req: ApiRequest) -> Response:
    with runtime(req).database.transaction() as session:
        volume = _volume(req, session, "reserve", schemas.RESERVE)
        action = "legacy_reserve_multiattach" if volume.multiattach else "legacy_reserve"
        expected = "available or in-use" if volume.multiattach else "available"
        try:
            volumes.VOLUME.apply(session, action, volume.id)
        except TransitionRefused as refused:
            status = refused.current["status"] if refused.current else None
            raise errors.invalid_volume(
                f"Volume status must be {expected} to reserve, but the status is {status}."
            ) from None
    return responses.no_content(202)


def unreserve(req: ApiRequest) -> Response:
    """attaching → in-use when attachments remain, else available; a volume
    not attaching is left as it is (Cinder says nothing either)."""
    with runtime(req).database.transaction() as session:
        volume = _volume(req, session, "unreserve", schemas.UNRESERVE)
        _, attach_status = attachments.statuses_left(session, volume.id)
        with contextlib.suppress(TransitionRefused):
            volumes.VOLUME.apply(
                session,
                "unreserve",
                volume.id,
                values={"status": "in-use" if attach_status != "detached" else "available"},
            )
    return responses.no_content(202)


def begin_detaching(req: ApiRequest) -> Response:
    with runtime(req).database.transaction() as session:
        volume = _volume(req, session, "begin_detaching", schemas.BEGIN_DETACHING)
        volumes.move(
            session,
            "begin_detaching",
            volume.id,
            reason="Unable to detach volume. Volume status must be 'in-use' and "
            "attach_status must be 'attached' to detach.",
        )
    return responses.no_content(202)


def roll_detaching(req: ApiRequest) -> Response:
    with runtime(req).database.transaction() as session:
        volume = _volume(req, session, "roll_detaching", schemas.ROLL_DETACHING)
        # Cinder's conditional update is silent when the volume is not detaching.
        with contextlib.suppress(TransitionRefused):
            volumes.VOLUME.apply(session, "roll_detaching", volume.id)
    return responses.no_content(202)


def attach(req: ApiRequest) -> Response:
    with runtime(req).database.transaction() as session:
        volume = _volume(req, session, "attach", schemas.ATTACH)
        body = req.json["os-attach"]
        _not_in_maintenance(volume, "cannot be attached")
        mode = body.get("mode", "rw")
        if _readonly(session, volume.id) and mode != "ro":
            raise errors.invalid_attach_mode(mode, volume.id)
        attachments.attach(
            session,
            volume,
            body.get("instance_uuid"),
            body.get("host_name"),
            mountpoint=body["mountpoint"],
            attach_mode=mode,
        )
    return responses.no_content(202)


def detach(req: ApiRequest) -> Response:
    with runtime(req).database.transaction() as session:
        volume = _volume(req, session, "detach", schemas.DETACH)
        _detach(session, volume, req.json["os-detach"], "detach")
    return responses.no_content(202)


def force_detach(req: ApiRequest) -> Response:
    """An admin's roll-back of a detach gone wrong (Cinder terminates the
    connection, which is nothing here, then detaches)."""
    with runtime(req).database.transaction() as session:
        volume = volumes.find(session, req.params["volume_id"], caller(req))
        authorize(req, ADMIN_RULE + "force_detach", volume.project_id)
        req.validated(schemas.FORCE_DETACH)
        _detach(session, volume, req.json["os-force_detach"], "force_detach")
    return responses.no_content(202)


def _detach(session, volume: models.Volume, body: dict | None, transition: str) -> None:
    _not_in_maintenance(volume, "cannot be detached")
    attachment_id = (body or {}).get("attachment_id")
    if attachment_id is None:
        attachment_id = _only_attachment(session, volume.id)
    attachments.detach(session, volume.id, attachment_id, transition)


def _only_attachment(session, volume_id: str) -> str | None:
    found = attachments.of_volume(session, volume_id)
    if len(found) > 1:
        raise errors.invalid_volume(
            "Detach volume failed: More than one attachment, but no attachment_id provided."
        )
    return found[0].id if found else None


def initialize_connection(req: ApiRequest) -> Response:
    """The connection a consumer with this connector would use (200)."""
    with runtime(req).database.reader() as session:
        volume = _volume(req, session, "initialize_connection", schemas.INITIALIZE_CONNECTION)
        _not_in_maintenance(volume, "connection cannot be initialized")
        backend = runtime(req).backends.for_host(volume.host)
        if backend is None:
            raise errors.invalid_volume(f"Volume {volume.id} has no backend to connect to.")
        mode = "ro" if _readonly(session, volume.id) else "rw"
        info = attachments.connection_info(str(backend.driver.path(volume.id)), mode)
    return responses.json({"connection_info": info})


def terminate_connection(req: ApiRequest) -> Response:
    """Nothing to tear down for a local file; the volume is left as it is."""
    with runtime(req).database.reader() as session:
        _volume(req, session, "terminate_connection", schemas.TERMINATE_CONNECTION)
    return responses.no_content(202)


def _readonly(session, volume_id: str) -> bool:
    admin = metadata_items.items(session, models.VolumeAdminMetadata.volume_id, volume_id)
    return as_bool(admin.get("readonly", "False"))
