"""/v3/OS-EP-FILTER: endpoints associated with projects directly."""

from __future__ import annotations

import typing

import sqlalchemy as sa
from sqlalchemy import orm
from starlette.responses import Response

from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.identity import listing, models
from pocketstack.identity.handlers import endpoint, identity, project
from pocketstack.identity.objects import endpoint as endpoints
from pocketstack.identity.objects import project as projects
from pocketstack.identity.objects import project_endpoint as associations


def list_endpoint_projects(req: ApiRequest) -> Response:
    req.authorize("identity:list_projects_for_endpoint")
    with identity(req).store.read() as session:
        found = endpoints.find(session, req.params["endpoint_id"])
        ids = associations.project_ids(session, found.id)
        refs = project_refs(req, session, ids)
    return responses.json(listing.collection(req, "projects", refs))


def list_project_endpoints(req: ApiRequest) -> Response:
    """Direct associations and what the project's endpoint groups select."""
    req.authorize("identity:list_endpoints_for_project")
    with identity(req).store.read() as session:
        found = projects.find(session, req.params["project_id"])
        refs = [
            endpoint.serialise(req, e) for e in associations.endpoints_of_project(session, found.id)
        ]
    return responses.json(listing.collection(req, "endpoints", refs))


def check_project_endpoint(req: ApiRequest) -> Response:
    req.authorize("identity:check_endpoint_in_project")
    with identity(req).store.read() as session:
        endpoint_id, project_id = _endpoint_and_project(req, session)
        associations.association(session, project_id, endpoint_id)
    return responses.no_content()


def add_project_endpoint(req: ApiRequest) -> Response:
    req.authorize("identity:add_endpoint_to_project")
    with identity(req).store.write() as session:
        endpoint_id, project_id = _endpoint_and_project(req, session)
        associations.associate(session, project_id, endpoint_id)
    return responses.no_content()


def remove_project_endpoint(req: ApiRequest) -> Response:
    """Keystone looks up neither: only the association must exist."""
    req.authorize("identity:remove_endpoint_from_project")
    with identity(req).store.write() as session:
        associations.dissociate(session, req.params["project_id"], req.params["endpoint_id"])
    return responses.no_content()


def project_refs(
    req: ApiRequest, session: orm.Session, ids: list[str]
) -> list[dict[str, typing.Any]]:
    """The projects named, as /v3/projects shows them (in the order given)."""
    rows = {
        p.id: p
        for p in session.scalars(sa.select(models.Project).where(models.Project.id.in_(ids)))
    }
    return [project.serialise(req, rows[i], session) for i in ids if i in rows]


def _endpoint_and_project(req: ApiRequest, session: orm.Session) -> tuple[str, str]:
    """The path's endpoint, then its project: Keystone looks them up in that order."""
    endpoint_id = endpoints.find(session, req.params["endpoint_id"]).id
    return endpoint_id, projects.find(session, req.params["project_id"]).id
