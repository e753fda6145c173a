"""/v2/images/{id}/locations (API 2.17): the location API Nova uses."""

from __future__ import annotations

from starlette.responses import Response

from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.image import errors, schemas
from pocketstack.image.handlers import authorize_image, runtime, visible_image
from pocketstack.image.objects import image as images
from pocketstack.image.objects import location as locations
from pocketstack.image.schemas import import_ as import_schema


def add_location(req: ApiRequest) -> Response:
    body = req.validated(schemas.OBJECT)
    schemas.check_named("location", import_schema.location, body)
    service = runtime(req)
    with service.database.transaction() as session:
        image = visible_image(req, session)
        if image.status != "queued":
            raise errors.conflict(
                f"It's not allowed to add locations if image status is {image.status}."
            )
        authorize_image(req, "add_image_location", session, image)
        # Glance lets only services (Nova's snapshots) point an image at data
        # in a store; anyone else may name only http locations, and there is
        # no http store here.
        if "service" not in req.context.roles:
            raise errors.forbidden("http store must be enabled to use location API by normal user.")
        store = service.stores.for_url(body["url"])
        if store is None or not store.exists(body["url"]):
            raise errors.bad_request(f"URI for add location does not pass filtering: {body['url']}")
        locations.add(session, image, body["url"], store, body.get("validation_data") or {})
    return responses.json({}, 202)


def get_locations(req: ApiRequest) -> Response:
    with runtime(req).database.reader() as session:
        image = visible_image(req, session)
        authorize_image(req, "fetch_image_location", session, image)
        found = [
            {"url": loc.url, "metadata": loc.meta_data}
            for loc in images.locations_of(session, image.id)
        ]
    return responses.json(found)
