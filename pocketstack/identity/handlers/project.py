"""/v3/projects and their tags."""

from __future__ import annotations

import typing

import sqlalchemy as sa
from sqlalchemy import orm
from starlette.responses import Response

from pocketstack.api import responses, validation
from pocketstack.api.request import ApiRequest
from pocketstack.identity import errors, listing, models, query
from pocketstack.identity.handlers import default_domain, identity, link, normalise_enabled
from pocketstack.identity.objects import assignment
from pocketstack.identity.objects import project as projects
from pocketstack.identity.schemas import project as schema
from pocketstack.identity.schemas import types

FILTERS = ("domain_id", "enabled", "name", "parent_id", "is_domain")


def serialise(
    req: ApiRequest, project: models.Project, session: orm.Session
) -> dict[str, typing.Any]:
    return {
        **project.extra,
        "id": project.id,
        "name": project.name,
        "domain_id": project.domain_id,
        "description": project.description or "",
        "enabled": project.enabled,
        "parent_id": project.parent_id or project.domain_id,
        "is_domain": False,
        "tags": projects.tags_of(session, project.id),
        "options": project.options,
        "links": {"self": link(req, f"projects/{project.id}")},
    }


def _target(project: models.Project) -> dict[str, typing.Any]:
    return {"target": {"project": {"id": project.id, "domain_id": project.domain_id}}}


def list_projects(req: ApiRequest) -> Response:
    query.validated(req, schema.list_query)
    scope_domain = req.context.auth.domain_id if req.context.auth else None
    req.authorize(
        "identity:list_projects", {"target": {"domain_id": scope_domain}} if scope_domain else None
    )
    with identity(req).store.read() as session:
        select = sa.select(models.Project)
        if scope_domain:
            select = select.where(models.Project.domain_id == scope_domain)
        refs = [serialise(req, p, session) for p in session.scalars(select)]
    refs = listing.apply_filters(refs, req, FILTERS)
    refs = [ref for ref in refs if _tags_match(ref["tags"], req)]
    return responses.json(listing.collection(req, "projects", refs))


def list_user_projects(req: ApiRequest) -> Response:
    user_id = req.params["user_id"]
    with identity(req).store.read() as session:
        user = session.get(models.User, user_id)
        target = {"user": {"id": user_id, "domain_id": user.domain_id if user else None}}
        req.authorize("identity:list_user_projects", {"target": target})
        if user is None:
            raise errors.not_found("user", user_id)
        refs = [
            serialise(req, p, session) for p in assignment.projects_with_roles(session, user_id)
        ]
    refs = listing.apply_filters(refs, req, FILTERS)
    return responses.json(listing.collection(req, "projects", refs))


def get_project(req: ApiRequest) -> Response:
    with identity(req).store.read() as session:
        project = _authorized(req, session, "identity:get_project")
        return responses.json({"project": serialise(req, project, session)})


def create_project(req: ApiRequest) -> Response:
    body = req.json.get("project") if isinstance(req.json, dict) else None
    target = dict(body) if isinstance(body, dict) else {}
    target.setdefault("domain_id", default_domain(req))
    req.authorize("identity:create_project", {"target": {"project": target}})
    fields = dict(req.validated(schema.create)["project"])
    if fields.get("is_domain") and listing.as_bool(fields["is_domain"]):
        raise errors.ValidationError("Creating a project that acts as a domain is not supported.")
    fields["domain_id"] = fields.get("domain_id") or default_domain(req)
    normalise_enabled(fields)
    with identity(req).store.write() as session:
        project = projects.create(session, fields, _max_depth(req))
        return responses.json({"project": serialise(req, project, session)}, 201)


def _max_depth(req: ApiRequest) -> int:
    return identity(req).settings.identity.max_project_tree_depth


def update_project(req: ApiRequest) -> Response:
    fields = dict(req.validated(schema.update)["project"])
    normalise_enabled(fields)
    with identity(req).store.write() as session:
        project = _authorized(req, session, "identity:update_project")
        projects.update(session, project, fields)
        return responses.json({"project": serialise(req, project, session)})


def delete_project(req: ApiRequest) -> Response:
    with identity(req).store.write() as session:
        project = _authorized(req, session, "identity:delete_project")
        projects.delete(session, project)
    return responses.no_content()


def list_tags(req: ApiRequest) -> Response:
    with identity(req).store.read() as session:
        project = _authorized(req, session, "identity:list_project_tags")
        return responses.json({"tags": projects.tags_of(session, project.id)})


def check_tag(req: ApiRequest) -> Response:
    with identity(req).store.read() as session:
        project = _authorized(req, session, "identity:get_project_tag")
        if req.params["tag"] not in projects.tags_of(session, project.id):
            raise errors.not_found("project tag", req.params["tag"])
    return responses.no_content()


def replace_tags(req: ApiRequest) -> Response:
    tags = req.validated(schema.tags_update)["tags"]
    with identity(req).store.write() as session:
        project = _authorized(req, session, "identity:update_project_tags")
        projects.require_tags_mutable(project, "update")
        projects.set_tags(session, project.id, tags)
        return responses.json({"tags": projects.tags_of(session, project.id)})


def add_tag(req: ApiRequest) -> Response:
    tag = req.params["tag"]
    with identity(req).store.write() as session:
        project = _authorized(req, session, "identity:create_project_tag")
        try:  # the path's tag is held to the rules of a body's tags
            validation.check(types.tag, tag)
        except validation.SchemaError as error:
            raise errors.invalid_body(error) from None
        projects.require_tags_mutable(project, "create")
        tags = projects.tags_of(session, project.id)
        if tag not in tags:
            if len(tags) >= 80:
                raise errors.ValidationError("The number of tags is limited to 80.")
            projects.set_tags(session, project.id, [*tags, tag])
    return responses.no_content(201, {"Location": link(req, f"projects/{project.id}/tags/{tag}")})


def delete_tags(req: ApiRequest) -> Response:
    with identity(req).store.write() as session:
        project = _authorized(req, session, "identity:delete_project_tags")
        projects.require_tags_mutable(project, "update")
        projects.set_tags(session, project.id, [])
    return responses.no_content()


def delete_tag(req: ApiRequest) -> Response:
    tag = req.params["tag"]
    with identity(req).store.write() as session:
        project = _authorized(req, session, "identity:delete_project_tag")
        projects.require_tags_mutable(project, "delete")
        tags = projects.tags_of(session, project.id)
        if tag not in tags:
            raise errors.not_found("project tag", tag)
        projects.set_tags(session, project.id, [t for t in tags if t != tag])
    return responses.no_content()


def _authorized(req: ApiRequest, session: orm.Session, rule: str) -> models.Project:
    """The project named in the path, once the caller may act on it.

    A project that does not exist is checked as one in no domain, so only a
    caller allowed to see any project learns that it is missing (404).
    """
    project_id = req.params["project_id"]
    project = session.get(models.Project, project_id)
    target = {"id": project_id, "domain_id": project.domain_id if project else None}
    req.authorize(rule, {"target": {"project": target}})
    if project is None:
        raise errors.not_found("project", project_id)
    return project


def _tags_match(tags: list[str], req: ApiRequest) -> bool:
    have = set(tags)
    rules = {
        "tags": lambda wanted: wanted <= have,
        "tags-any": lambda wanted: bool(wanted & have),
        "not-tags": lambda wanted: not wanted <= have,
        "not-tags-any": lambda wanted: not (wanted & have),
    }
    for key, test in rules.items():
        value = req.query.get(key)
        if value is not None and not test(set(value.split(","))):
            return False
    return True
