"""/v3/resource_filters (3.33): the query filters a non-admin may use on
each kind of resource, taken from the code that applies them. A slice that
adds a resource's list filters registers them here."""

from __future__ import annotations

from starlette.responses import Response

from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.block_storage import microversions as mv
from pocketstack.block_storage.handlers import message, require_version, volume_filters

RESOURCE_FILTERS: dict[str, tuple[str, ...]] = {
    "volume": volume_filters.USER_FILTERS,
    "message": message.FILTERS,
    "pool": ("name", "volume_type"),
    "volume_type": ("is_public", "extra_specs"),
}


def list_resource_filters(req: ApiRequest) -> Response:
    require_version(req, mv.RESOURCE_FILTER)
    req.require_auth()
    wanted = req.query.get("resource")
    filters = [
        {"resource": resource, "filters": list(names)}
        for resource, names in RESOURCE_FILTERS.items()
        if wanted is None or resource == wanted
    ]
    return responses.json({"resource_filters": filters})
