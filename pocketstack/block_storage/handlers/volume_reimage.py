"""os-reimage (3.68): replace a volume's bytes with an image's, as Nova's
rebuild of a volume-backed server asks. The volume goes ``downloading``
with a compare-and-swap; the manager writes the image and swaps it back."""

from __future__ import annotations

from starlette.responses import Response

from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.block_storage import errors
from pocketstack.block_storage import microversions as mv
from pocketstack.block_storage.handlers import (
    authorize,
    caller,
    require_version,
    runtime,
)
from pocketstack.block_storage.handlers.volume_create import check_image
from pocketstack.block_storage.image_client import ImageNotFound
from pocketstack.block_storage.objects import attachment as attachments
from pocketstack.block_storage.objects import volume as volumes
from pocketstack.block_storage.schemas import volume_action as schemas
from pocketstack.block_storage.schemas.types import as_bool


def reimage(req: ApiRequest) -> Response:
    # Below its microversion Cinder answers as if the action were not there.
    require_version(req, mv.SUPPORT_REIMAGE_VOLUME)
    token = req.context.auth.token
    with runtime(req).database.transaction() as session:
        volume = volumes.find(session, req.params["volume_id"], caller(req))
        rule = "volume:reimage_reserved" if volume.status == "reserved" else "volume:reimage"
        authorize(req, rule, volume.project_id)
        body = req.validated(schemas.REIMAGE)["os-reimage"]
        if len(attachments.of_volume(session, volume.id)) > 1:
            raise errors.conflict(
                "Cannot re-image a volume which is attached to more than one server."
            )
        image = _image(req, body["image_id"])
        check_image(image, volume.size)
        reserved = as_bool(body.get("reimage_reserved", False))
        allowed = "available or error or reserved" if reserved else "available or error"
        volumes.move(
            session,
            "reimage_reserved" if reserved else "reimage",
            volume.id,
            values={"previous_status": volume.status},
            reason=f"Volume {volume.id} status must be {allowed}, but current status is "
            f"{volume.status}.",
        )
        backend = runtime(req).backends.for_host(volume.host)
        if backend is None:
            raise errors.invalid_volume(f"Volume {volume.id} is not on any backend.")
    runtime(req).bus.cast(
        backend.bus_target, "reimage_volume", volume_id=volume.id, image_id=image["id"], token=token
    )
    return responses.no_content(202)


def _image(req: ApiRequest, image_id: str) -> dict:
    try:
        return runtime(req).images.show(req.context.auth.token, image_id)
    except ImageNotFound:
        raise errors.not_found(f"Image {image_id} could not be found.") from None
