"""/v3/services."""

from __future__ import annotations

import typing

from starlette.responses import Response

from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.identity import listing, models
from pocketstack.identity.handlers import identity, link, normalized, require_matching_id
from pocketstack.identity.objects import service as services
from pocketstack.identity.schemas import service as schema

FILTERS = ("type", "name")


def serialise(req: ApiRequest, service: models.Service) -> dict[str, typing.Any]:
    return {
        **service.extra,
        "id": service.id,
        "type": service.type,
        "enabled": service.enabled,
        "links": {"self": link(req, f"services/{service.id}")},
    }


def list_services(req: ApiRequest) -> Response:
    req.authorize("identity:list_services")
    with identity(req).store.read() as session:
        refs = [serialise(req, service) for service in services.list_services(session)]
    refs = listing.apply_filters(refs, req, FILTERS)
    return responses.json(listing.collection(req, "services", refs))


def create_service(req: ApiRequest) -> Response:
    fields = normalized(req.validated(schema.create)["service"])
    req.authorize("identity:create_service")
    with identity(req).store.write() as session:
        service = services.create(session, fields)
        return responses.json({"service": serialise(req, service)}, 201)


def get_service(req: ApiRequest) -> Response:
    req.authorize("identity:get_service")
    with identity(req).store.read() as session:
        service = services.find(session, req.params["service_id"])
        return responses.json({"service": serialise(req, service)})


def update_service(req: ApiRequest) -> Response:
    service_id = req.params["service_id"]
    fields = dict(req.validated(schema.update)["service"])
    req.authorize("identity:update_service")
    require_matching_id(fields, service_id)
    with identity(req).store.write() as session:
        service = services.update(session, service_id, fields)
        return responses.json({"service": serialise(req, service)})


def delete_service(req: ApiRequest) -> Response:
    req.authorize("identity:delete_service")
    with identity(req).store.write() as session:
        services.delete(session, req.params["service_id"])
    return responses.no_content()
