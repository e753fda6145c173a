"""/v3/registered_limits: created in batches, read by any token."""

from __future__ import annotations

import typing

from starlette.responses import Response

from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.identity import listing, models, query
from pocketstack.identity.handlers import identity, link
from pocketstack.identity.objects import registered_limit as registered_limits
from pocketstack.identity.schemas import limit as schema

FILTERS = registered_limits.KEY


def serialise(req: ApiRequest, registered: models.RegisteredLimit) -> dict[str, typing.Any]:
    return {
        "id": registered.id,
        "service_id": registered.service_id,
        "region_id": registered.region_id,
        "resource_name": registered.resource_name,
        "default_limit": registered.default_limit,
        "description": registered.description,
        "links": {"self": link(req, f"registered_limits/{registered.id}")},
    }


def list_registered_limits(req: ApiRequest) -> Response:
    query.validated(req, schema.registered_list_query)
    req.authorize("identity:list_registered_limits")
    with identity(req).store.read() as session:
        refs = [serialise(req, r) for r in registered_limits.list_all(session)]
    refs = listing.apply_filters(refs, req, FILTERS)
    return responses.json(listing.collection(req, "registered_limits", refs))


def create_registered_limits(req: ApiRequest) -> Response:
    items = [dict(item) for item in req.validated(schema.registered_create)["registered_limits"]]
    req.authorize("identity:create_registered_limits")
    with identity(req).store.write() as session:
        created = registered_limits.create_many(session, items)
        return responses.json({"registered_limits": [serialise(req, r) for r in created]}, 201)


def get_registered_limit(req: ApiRequest) -> Response:
    req.authorize("identity:get_registered_limit")
    with identity(req).store.read() as session:
        registered = registered_limits.find(session, req.params["registered_limit_id"])
        return responses.json({"registered_limit": serialise(req, registered)})


def update_registered_limit(req: ApiRequest) -> Response:
    fields = dict(req.validated(schema.registered_update)["registered_limit"])
    req.authorize("identity:update_registered_limit")
    with identity(req).store.write() as session:
        registered = registered_limits.update(session, req.params["registered_limit_id"], fields)
        return responses.json({"registered_limit": serialise(req, registered)})


def delete_registered_limit(req: ApiRequest) -> Response:
    req.authorize("identity:delete_registered_limit")
    with identity(req).store.write() as session:
        registered_limits.delete(session, req.params["registered_limit_id"])
    return responses.no_content()
