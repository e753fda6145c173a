"""Role grants: /v3/{projects,domains}/{id}/{users,groups}/{id}/roles[/{role_id}],
their OS-INHERIT ``inherited_to_projects`` forms, and /v3/system/... .

One set of handlers serves every form; the path says who (user or group),
on what (project, domain or the system) and whether the grant is inherited.
The policy target holds the entities involved. Keystone loads them before
the rule: on the plain project and domain paths (and the system's) a missing
one is a 404 (except the actor, on revoke); on the OS-INHERIT paths it is an
empty target, and the rule decides.
"""

from __future__ import annotations

import typing

from sqlalchemy import orm
from starlette.responses import Response

from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.identity import errors, models
from pocketstack.identity.handlers import identity, require_token
from pocketstack.identity.handlers import role as role_handlers
from pocketstack.identity.objects import assignment
from pocketstack.identity.objects.assignment import Grant

INHERITED_SUFFIX = "/inherited_to_projects"


def list_grants(req: ApiRequest) -> Response:
    with identity(req).store.read() as session:
        wanted = _authorized(req, session, "identity:list_grants")
        roles = assignment.granted_roles(
            session,
            wanted.actor_type,
            wanted.actor_id,
            wanted.target_type,
            wanted.target_id,
            wanted.inherited,
        )
        return _roles_body(req, roles)


def check_grant(req: ApiRequest) -> Response:
    with identity(req).store.read() as session:
        assignment.check_grant(session, _authorized(req, session, "identity:check_grant"))
    return responses.no_content()


def create_grant(req: ApiRequest) -> Response:
    with identity(req).store.write() as session:
        assignment.create_grant(session, _authorized(req, session, "identity:create_grant"))
    return responses.no_content()


def revoke_grant(req: ApiRequest) -> Response:
    with identity(req).store.write() as session:
        wanted = _authorized(req, session, "identity:revoke_grant", actor_may_be_gone=True)
        assignment.revoke_grant(session, wanted)
    return responses.no_content()


# -- the system ----------------------------------------------------------------

_SYSTEM_RULES = {
    ("user", "GET"): "identity:check_system_grant_for_user",
    ("user", "PUT"): "identity:create_system_grant_for_user",
    ("user", "DELETE"): "identity:revoke_system_grant_for_user",
    ("group", "GET"): "identity:check_system_grant_for_group",
    ("group", "PUT"): "identity:create_system_grant_for_group",
    ("group", "DELETE"): "identity:revoke_system_grant_for_group",
}


def list_system_grants(req: ApiRequest) -> Response:
    actor_type = _actor_type(req)
    rule = (
        "identity:list_system_grants_for_user"
        if actor_type == "user"
        else "identity:list_system_grants_for_group"
    )
    with identity(req).store.read() as session:
        wanted = _authorized_on_system(req, session, rule)
        roles = assignment.granted_roles(
            session, actor_type, wanted.actor_id, "system", assignment.SYSTEM_TARGET, False
        )
        return _roles_body(req, roles)


def check_system_grant(req: ApiRequest) -> Response:
    with identity(req).store.read() as session:
        assignment.check_system_grant(session, _authorized_on_system(req, session))
    return responses.no_content()


def create_system_grant(req: ApiRequest) -> Response:
    with identity(req).store.write() as session:
        assignment.create_system_grant(session, _authorized_on_system(req, session))
    return responses.no_content()


def revoke_system_grant(req: ApiRequest) -> Response:
    with identity(req).store.write() as session:
        assignment.revoke_system_grant(session, _authorized_on_system(req, session))
    return responses.no_content()


# -- targets -------------------------------------------------------------------


def _authorized(
    req: ApiRequest, session: orm.Session, rule: str, *, actor_may_be_gone: bool = False
) -> Grant:
    """The grant the path names, once the caller may act on it."""
    require_token(req)
    params = req.params
    inherited = req.url.split("?", 1)[0].endswith(INHERITED_SUFFIX)
    target_type = "project" if "project_id" in params else "domain"
    wanted = Grant(
        actor_type=_actor_type(req),
        actor_id=params.get("user_id") or params["group_id"],
        target_type=target_type,
        target_id=params[f"{target_type}_id"],
        role_id=params.get("role_id", ""),
        inherited=inherited,
    )
    # Keystone's order of lookups: the domain first on domain paths, last
    # on project paths.
    loaders = [_role_target, _actor_target, _scope_target]
    if target_type == "domain":
        loaders = [_scope_target, _role_target, _actor_target]
    # Only the OS-INHERIT paths (all of them inherited) tolerate a missing entity.
    strict = not inherited
    target: dict[str, typing.Any] = {}
    for load in loaders:
        target.update(load(session, wanted, strict=strict, actor_may_be_gone=actor_may_be_gone))
    req.authorize(rule, {"target": target})
    return wanted


def _authorized_on_system(req: ApiRequest, session: orm.Session, rule: str | None = None) -> Grant:
    require_token(req)
    actor_type = _actor_type(req)
    wanted = assignment.system_grant(
        actor_type, req.params[f"{actor_type}_id"], req.params.get("role_id", "")
    )
    target = _role_target(session, wanted, strict=True)
    target.update(
        _actor_target(session, wanted, strict=True, actor_may_be_gone=req.method == "DELETE")
    )
    req.authorize(rule or _SYSTEM_RULES[(actor_type, _method(req))], {"target": target})
    return wanted


def _role_target(session: orm.Session, wanted: Grant, *, strict: bool, **_: bool) -> dict:
    if not wanted.role_id:
        return {}
    role = session.get(models.Role, wanted.role_id)
    if role is None:
        if strict:
            raise errors.not_found("role", wanted.role_id)
        return {"role": {}}
    return {"role": role_handlers.target(role)}


def _actor_target(
    session: orm.Session, wanted: Grant, *, strict: bool, actor_may_be_gone: bool = False
) -> dict:
    model = models.User if wanted.actor_type == "user" else models.Group
    actor = session.get(model, wanted.actor_id)
    if actor is None:
        if actor_may_be_gone:
            return {}
        if strict:
            raise errors.not_found(wanted.actor_type, wanted.actor_id)
        return {wanted.actor_type: {}}
    return {wanted.actor_type: {"id": actor.id, "name": actor.name, "domain_id": actor.domain_id}}


def _scope_target(session: orm.Session, wanted: Grant, *, strict: bool, **_: bool) -> dict:
    if wanted.target_type == "domain":
        domain = session.get(models.Domain, wanted.target_id)
        found = {"id": domain.id, "name": domain.name} if domain else None
    else:
        project = session.get(models.Project, wanted.target_id)
        found = (
            {"id": project.id, "name": project.name, "domain_id": project.domain_id}
            if project
            else None
        )
    if found is None and strict:
        raise errors.not_found(wanted.target_type, wanted.target_id)
    return {wanted.target_type: found or {}}


def _actor_type(req: ApiRequest) -> str:
    return "user" if "user_id" in req.params else "group"


def _method(req: ApiRequest) -> str:
    return "GET" if req.method == "HEAD" else req.method


def _roles_body(req: ApiRequest, roles: list[models.Role]) -> Response:
    return responses.json(
        {
            "roles": [role_handlers.serialise(req, role) for role in roles],
            "links": {"self": req.url, "previous": None, "next": None},
        }
    )
