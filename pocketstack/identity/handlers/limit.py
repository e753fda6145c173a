"""/v3/limits: project and domain limits, and the enforcement model.

Everyone may list limits but sees only what their token covers: the system,
admins and services all of them, a domain its own and its projects', a
project its own.
"""

from __future__ import annotations

import typing

import sqlalchemy as sa
from sqlalchemy import orm
from starlette.responses import Response

from pocketstack.api import responses
from pocketstack.api.context import AuthInfo
from pocketstack.api.request import ApiRequest
from pocketstack.identity import listing, models, query
from pocketstack.identity.handlers import identity, link, require_token
from pocketstack.identity.objects import limit as limits
from pocketstack.identity.schemas import limit as schema

FILTERS = ("service_id", "region_id", "resource_name", "project_id", "domain_id")
SUPERUSER_ROLES = ("admin", "service")


def serialise(req: ApiRequest, limit: models.Limit) -> dict[str, typing.Any]:
    return {
        "id": limit.id,
        "project_id": limit.project_id,
        "domain_id": limit.domain_id,
        "service_id": limit.service_id,
        "region_id": limit.region_id,
        "resource_name": limit.resource_name,
        "resource_limit": limit.resource_limit,
        "description": limit.description,
        "links": {"self": link(req, f"limits/{limit.id}")},
    }


def get_limit_model(req: ApiRequest) -> Response:
    req.authorize("identity:get_limit_model")
    return responses.json({"model": limits.MODEL})


def list_limits(req: ApiRequest) -> Response:
    query.validated(req, schema.limits_list_query)
    req.authorize("identity:list_limits")
    with identity(req).store.read() as session:
        visible = _visible(session, req.context.auth, limits.list_all(session))
        refs = [serialise(req, limit) for limit in visible]
    refs = listing.apply_filters(refs, req, FILTERS)
    return responses.json(listing.collection(req, "limits", refs))


def create_limits(req: ApiRequest) -> Response:
    items = [dict(item) for item in req.validated(schema.limits_create)["limits"]]
    req.authorize("identity:create_limits")
    with identity(req).store.write() as session:
        created = limits.create_many(session, items)
        return responses.json({"limits": [serialise(req, limit) for limit in created]}, 201)


def get_limit(req: ApiRequest) -> Response:
    """The rule sees the limit with its project (or domain); a missing limit
    is a 404 only to those the rule lets through without one."""
    require_token(req)
    limit_id = req.params["limit_id"]
    with identity(req).store.read() as session:
        limit = session.get(models.Limit, limit_id)
        target = {"limit": _target(session, req, limit)} if limit else {}
        req.authorize("identity:get_limit", {"target": target})
        return responses.json({"limit": serialise(req, limits.find(session, limit_id))})


def update_limit(req: ApiRequest) -> Response:
    fields = req.validated(schema.limit_update)["limit"]
    require_token(req)
    with identity(req).store.write() as session:
        # Keystone loads the limit before the rule: a missing one is a 404.
        limit = limits.find(session, req.params["limit_id"])
        req.authorize("identity:update_limit")
        limits.update(session, limit, fields)
        return responses.json({"limit": serialise(req, limit)})


def delete_limit(req: ApiRequest) -> Response:
    require_token(req)
    with identity(req).store.write() as session:
        limit = limits.find(session, req.params["limit_id"])
        req.authorize("identity:delete_limit")
        limits.delete(session, limit)
    return responses.no_content()


def _target(session: orm.Session, req: ApiRequest, limit: models.Limit) -> dict[str, typing.Any]:
    target = serialise(req, limit)
    if limit.project_id:
        project = session.get(models.Project, limit.project_id)
        if project is not None:
            target["project"] = {"id": project.id, "domain_id": project.domain_id}
    elif limit.domain_id:
        target["domain"] = {"id": limit.domain_id}
    return target


def _visible(
    session: orm.Session, auth: AuthInfo, candidates: list[models.Limit]
) -> list[models.Limit]:
    if auth.system_scope or any(role in auth.roles for role in SUPERUSER_ROLES):
        return candidates
    if auth.domain_id:
        in_domain = set(
            session.scalars(
                sa.select(models.Project.id).where(models.Project.domain_id == auth.domain_id)
            )
        )
        return [
            limit
            for limit in candidates
            if limit.project_id in in_domain
            or (not limit.project_id and limit.domain_id == auth.domain_id)
        ]
    if auth.project_id:
        return [limit for limit in candidates if limit.project_id == auth.project_id]
    return []
