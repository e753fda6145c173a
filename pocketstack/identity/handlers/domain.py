"""/v3/domains."""

from __future__ import annotations

import typing

import sqlalchemy as sa
from starlette.responses import Response

from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.identity import listing, models, query
from pocketstack.identity.handlers import identity, link, normalise_enabled
from pocketstack.identity.objects import domain as domains
from pocketstack.identity.schemas import domain as schema


def serialise(req: ApiRequest, domain: models.Domain) -> dict[str, typing.Any]:
    return {
        **domain.extra,
        "id": domain.id,
        "name": domain.name,
        "description": domain.description or "",
        "enabled": domain.enabled,
        "tags": domain.extra.get("tags", []),
        "options": domain.options,
        "links": {"self": link(req, f"domains/{domain.id}")},
    }


def list_domains(req: ApiRequest) -> Response:
    query.validated(req, schema.list_query)
    # Only a domain-scoped token names a domain to match (Keystone's target is
    # empty otherwise, so a project member's "domain_id:None" matches nothing).
    scope_domain = req.context.auth.domain_id if req.context.auth else None
    target = {"target": {"domain": {"id": scope_domain}}} if scope_domain else None
    req.authorize("identity:list_domains", target)
    with identity(req).store.read() as session:
        refs = [serialise(req, d) for d in session.scalars(sa.select(models.Domain))]
    if req.context.auth.domain_id and not req.allowed("identity:create_domain"):
        refs = [ref for ref in refs if ref["id"] == req.context.auth.domain_id]
    refs = listing.apply_filters(refs, req, ("name", "enabled"))
    return responses.json(listing.collection(req, "domains", refs))


def get_domain(req: ApiRequest) -> Response:
    domain_id = req.params["domain_id"]
    req.authorize("identity:get_domain", {"target": {"domain": {"id": domain_id}}})
    with identity(req).store.read() as session:
        domain = domains.find(session, domain_id)
        return responses.json({"domain": serialise(req, domain)})


def create_domain(req: ApiRequest) -> Response:
    req.authorize("identity:create_domain")
    fields = dict(req.validated(schema.create)["domain"])
    normalise_enabled(fields)
    with identity(req).store.write() as session:
        domain = domains.create(session, fields)
        return responses.json({"domain": serialise(req, domain)}, 201)


def update_domain(req: ApiRequest) -> Response:
    domain_id = req.params["domain_id"]
    req.authorize("identity:update_domain", {"target": {"domain": {"id": domain_id}}})
    fields = dict(req.validated(schema.update)["domain"])
    normalise_enabled(fields)
    with identity(req).store.write() as session:
        domain = domains.find(session, domain_id)
        domains.update(session, domain, fields)
        return responses.json({"domain": serialise(req, domain)})


def delete_domain(req: ApiRequest) -> Response:
    domain_id = req.params["domain_id"]
    req.authorize("identity:delete_domain", {"target": {"domain": {"id": domain_id}}})
    with identity(req).store.write() as session:
        domains.delete(session, domains.find(session, domain_id))
    return responses.no_content()
