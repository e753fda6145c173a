"""/v3/regions.

Keystone checks a body (and a list's query) against its schema before it
looks at the token, then applies the rule; a region that does not exist is
a 404 only to callers the rule lets through.
"""

from __future__ import annotations

import typing

from starlette.responses import Response

from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.identity import errors, listing, models, query
from pocketstack.identity.handlers import identity, link, normalized, require_matching_id
from pocketstack.identity.objects import region as regions
from pocketstack.identity.schemas import region as schema


def serialise(req: ApiRequest, region: models.Region) -> dict[str, typing.Any]:
    return {
        **region.extra,
        "id": region.id,
        "description": region.description,
        "parent_region_id": region.parent_region_id,
        "links": {"self": link(req, f"regions/{region.id}")},
    }


def list_regions(req: ApiRequest) -> Response:
    args = query.validated(req, schema.list_query)
    req.authorize("identity:list_regions")
    with identity(req).store.read() as session:
        found = regions.list_regions(session, args.get("parent_region_id"))
        refs = [serialise(req, region) for region in found]
    return responses.json(listing.collection(req, "regions", refs))


def create_region(req: ApiRequest) -> Response:
    """POST: the body's id if it has one, else a new one."""
    fields = normalized(req.validated(schema.create)["region"])
    req.authorize("identity:create_region")
    return _created(req, fields)


def put_region(req: ApiRequest) -> Response:
    """PUT /v3/regions/{region_id}: create with the path's id."""
    region_id = req.params["region_id"]
    fields = normalized(req.validated(schema.create)["region"])
    req.authorize("identity:create_region")
    if "id" not in fields:
        fields["id"] = region_id
    elif fields["id"] != region_id:
        raise errors.ValidationError(
            f'Conflicting region IDs specified: "{region_id}" != "{fields["id"]}"'
        )
    return _created(req, fields)


def get_region(req: ApiRequest) -> Response:
    req.authorize("identity:get_region")
    with identity(req).store.read() as session:
        region = regions.find(session, req.params["region_id"])
        return responses.json({"region": serialise(req, region)})


def update_region(req: ApiRequest) -> Response:
    region_id = req.params["region_id"]
    fields = dict(req.validated(schema.update)["region"])
    req.authorize("identity:update_region")
    require_matching_id(fields, region_id)
    with identity(req).store.write() as session:
        region = regions.update(session, region_id, fields)
        return responses.json({"region": serialise(req, region)})


def delete_region(req: ApiRequest) -> Response:
    req.authorize("identity:delete_region")
    with identity(req).store.write() as session:
        regions.delete(session, req.params["region_id"])
    return responses.no_content()


def _created(req: ApiRequest, fields: dict[str, typing.Any]) -> Response:
    with identity(req).store.write() as session:
        region = regions.create(session, fields)
        return responses.json({"region": serialise(req, region)}, 201)
