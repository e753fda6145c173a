"""/v3/OS-EP-FILTER/endpoint_groups and the projects associated with them."""

from __future__ import annotations

import typing

from sqlalchemy import orm
from starlette.responses import Response

from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.identity import listing, models, query
from pocketstack.identity.handlers import endpoint, identity, link, project_endpoint
from pocketstack.identity.objects import endpoint_group as groups
from pocketstack.identity.objects import project as projects
from pocketstack.identity.schemas import endpoint_group as schema

PREFIX = "OS-EP-FILTER/endpoint_groups"


def serialise(req: ApiRequest, group: models.EndpointGroup) -> dict[str, typing.Any]:
    return {
        "id": group.id,
        "name": group.name,
        "description": group.description,
        "filters": group.filters,
        "links": {"self": link(req, f"{PREFIX}/{group.id}")},
    }


def list_endpoint_groups(req: ApiRequest) -> Response:
    query.validated(req, schema.list_query)
    req.authorize("identity:list_endpoint_groups")
    with identity(req).store.read() as session:
        refs = [serialise(req, group) for group in groups.list_groups(session)]
    refs = listing.apply_filters(refs, req, ("name",))
    return responses.json(listing.collection(req, "endpoint_groups", refs))


def create_endpoint_group(req: ApiRequest) -> Response:
    fields = dict(req.validated(schema.create).get("endpoint_group", {}))
    req.authorize("identity:create_endpoint_group")
    groups.require_filters(fields)
    with identity(req).store.write() as session:
        group = groups.create(session, fields)
        return responses.json({"endpoint_group": serialise(req, group)}, 201)


def get_endpoint_group(req: ApiRequest) -> Response:
    req.authorize("identity:get_endpoint_group")
    with identity(req).store.read() as session:
        group = groups.find(session, req.params["endpoint_group_id"])
        return responses.json({"endpoint_group": serialise(req, group)})


def update_endpoint_group(req: ApiRequest) -> Response:
    fields = dict(req.validated(schema.update)["endpoint_group"])
    req.authorize("identity:update_endpoint_group")
    groups.require_valid_filters(fields)
    with identity(req).store.write() as session:
        group = groups.update(session, req.params["endpoint_group_id"], fields)
        return responses.json({"endpoint_group": serialise(req, group)})


def delete_endpoint_group(req: ApiRequest) -> Response:
    req.authorize("identity:delete_endpoint_group")
    with identity(req).store.write() as session:
        groups.delete(session, req.params["endpoint_group_id"])
    return responses.no_content()


def list_group_endpoints(req: ApiRequest) -> Response:
    req.authorize("identity:list_endpoints_associated_with_endpoint_group")
    with identity(req).store.read() as session:
        group = groups.find(session, req.params["endpoint_group_id"])
        refs = [
            endpoint.serialise(req, e) for e in groups.endpoints_matching(session, group.filters)
        ]
    return responses.json(listing.collection(req, "endpoints", refs))


def list_group_projects(req: ApiRequest) -> Response:
    """The group's projects; a group that does not exist has none (Keystone)."""
    req.authorize("identity:list_projects_associated_with_endpoint_group")
    with identity(req).store.read() as session:
        ids = groups.project_ids(session, req.params["endpoint_group_id"])
        refs = project_endpoint.project_refs(req, session, ids)
    return responses.json(listing.collection(req, "projects", refs))


def get_group_project(req: ApiRequest) -> Response:
    req.authorize("identity:get_endpoint_group_in_project")
    with identity(req).store.read() as session:
        group, project_id = _group_and_project(req, session)
        groups.association(session, group.id, project_id)
    # Keystone's self link for an association is a path, without its root.
    self_path = f"/{PREFIX}/{group.id}/projects/{project_id}"
    body = {"endpoint_group_id": group.id, "project_id": project_id, "links": {"self": self_path}}
    return responses.json({"project_endpoint_group": body})


def add_group_project(req: ApiRequest) -> Response:
    req.authorize("identity:add_endpoint_group_to_project")
    with identity(req).store.write() as session:
        group, project_id = _group_and_project(req, session)
        groups.associate(session, group.id, project_id)
    return responses.no_content()


def remove_group_project(req: ApiRequest) -> Response:
    req.authorize("identity:remove_endpoint_group_from_project")
    with identity(req).store.write() as session:
        group, project_id = _group_and_project(req, session)
        groups.dissociate(session, group.id, project_id)
    return responses.no_content()


def list_project_groups(req: ApiRequest) -> Response:
    req.authorize("identity:list_endpoint_groups_for_project")
    with identity(req).store.read() as session:
        found = projects.find(session, req.params["project_id"])
        refs = [serialise(req, group) for group in groups.groups_of_project(session, found.id)]
    return responses.json(listing.collection(req, "endpoint_groups", refs))


def _group_and_project(req: ApiRequest, session: orm.Session) -> tuple[models.EndpointGroup, str]:
    """The path's project, then its group: Keystone looks them up in that order."""
    project_id = projects.find(session, req.params["project_id"]).id
    return groups.find(session, req.params["endpoint_group_id"]), project_id
