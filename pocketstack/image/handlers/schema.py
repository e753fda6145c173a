"""/v2/schemas/...: the JSON Schemas Glance publishes for its resources."""

from __future__ import annotations

from starlette.responses import Response

from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.image import errors
from pocketstack.image.schemas import PUBLISHED


def show_schema(req: ApiRequest) -> Response:
    req.require_auth()
    name = req.params["name"]
    if name not in PUBLISHED:
        raise errors.not_found()
    return responses.json(PUBLISHED[name])
