"""/v3/endpoints.

``region`` in every answer repeats ``region_id``, for v2-era clients.
"""

from __future__ import annotations

import typing

from starlette.responses import Response

from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.identity import listing, models, query
from pocketstack.identity.handlers import identity, link, normalized, require_matching_id
from pocketstack.identity.objects import endpoint as endpoints
from pocketstack.identity.schemas import endpoint as schema

FILTERS = ("interface", "service_id", "region_id")


def serialise(req: ApiRequest, endpoint: models.Endpoint) -> dict[str, typing.Any]:
    return {
        **endpoint.extra,
        "id": endpoint.id,
        "interface": endpoint.interface,
        "region_id": endpoint.region_id,
        "service_id": endpoint.service_id,
        "url": endpoint.url,
        "enabled": endpoint.enabled,
        "region": endpoint.region_id,
        "links": {"self": link(req, f"endpoints/{endpoint.id}")},
    }


def list_endpoints(req: ApiRequest) -> Response:
    query.validated(req, schema.list_query)
    req.authorize("identity:list_endpoints")
    with identity(req).store.read() as session:
        refs = [serialise(req, endpoint) for endpoint in endpoints.list_endpoints(session)]
    refs = listing.apply_filters(refs, req, FILTERS)
    return responses.json(listing.collection(req, "endpoints", refs))


def create_endpoint(req: ApiRequest) -> Response:
    fields = req.validated(schema.create)["endpoint"]
    req.authorize("identity:create_endpoint")
    endpoints.check_url(fields["url"])
    fields = normalized(fields)
    with identity(req).store.write() as session:
        endpoints.adopt_legacy_region(session, fields)
        endpoint = endpoints.create(session, fields)
        return responses.json({"endpoint": serialise(req, endpoint)}, 201)


def get_endpoint(req: ApiRequest) -> Response:
    req.authorize("identity:get_endpoint")
    with identity(req).store.read() as session:
        endpoint = endpoints.find(session, req.params["endpoint_id"])
        return responses.json({"endpoint": serialise(req, endpoint)})


def update_endpoint(req: ApiRequest) -> Response:
    endpoint_id = req.params["endpoint_id"]
    fields = dict(req.validated(schema.update)["endpoint"])
    req.authorize("identity:update_endpoint")
    require_matching_id(fields, endpoint_id)
    with identity(req).store.write() as session:
        endpoints.adopt_legacy_region(session, fields)
        endpoint = endpoints.update(session, endpoint_id, fields)
        return responses.json({"endpoint": serialise(req, endpoint)})


def delete_endpoint(req: ApiRequest) -> Response:
    req.authorize("identity:delete_endpoint")
    with identity(req).store.write() as session:
        endpoints.delete(session, req.params["endpoint_id"])
    return responses.no_content()
