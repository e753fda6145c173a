"""GET /v3/role_assignments, as Keystone lists and shapes them.

The query is checked before the token. A domain-scoped token is checked with
its own domain as the target, and sees only the assignments on that domain
and its projects. Each assignment links to the grant it comes from (the
OS-INHERIT path for an inherited one, the group's for a membership).
"""

from __future__ import annotations

import typing

from sqlalchemy import orm
from starlette.responses import Response

from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.identity import errors, models, query
from pocketstack.identity.handlers import identity, link
from pocketstack.identity.objects import role_assignment
from pocketstack.identity.schemas import role_assignment as schema

Ref = dict[str, typing.Any]

# Combinations Keystone refuses, checked in its order once the policy allows.
_EXCLUSIVE = (
    ("scope.domain.id", "scope.project.id", "Specify a domain or project, not both"),
    ("scope.domain.id", "scope.system", "Specify system or domain, not both"),
    ("scope.project.id", "scope.system", "Specify system or project, not both"),
)


def list_role_assignments(req: ApiRequest) -> Response:
    args = query.validated(req, schema.query)
    with identity(req).store.read() as session:
        if query.is_true(args, "include_subtree"):
            _authorize_tree(req, session, args["scope.project.id"])
            refs = _listed(req, session, args, include_subtree=True)
        else:
            scope_domain = req.context.auth.domain_id if req.context.auth else None
            target = {"target": {"domain_id": scope_domain}} if scope_domain else None
            req.authorize("identity:list_role_assignments", target)
            refs = _listed(req, session, args, include_subtree=False)
            if scope_domain:
                refs = [ref for ref in refs if _in_domain(session, ref, scope_domain)]
    links = {"self": req.url, "previous": None, "next": None}
    return responses.json({"role_assignments": refs, "links": links})


def _authorize_tree(req: ApiRequest, session: orm.Session, project_id: str) -> None:
    project = session.get(models.Project, project_id)
    if project is None:
        raise errors.not_found("project", project_id)
    target = {
        "project": {"id": project.id, "name": project.name, "domain_id": project.domain_id},
        "domain_id": project.domain_id,
    }
    req.authorize("identity:list_role_assignments_for_tree", {"target": target})


def _listed(req: ApiRequest, session: orm.Session, args: dict, include_subtree: bool) -> list[Ref]:
    for first, second, message in _EXCLUSIVE:
        if args.get(first) and args.get(second):
            raise errors.ValidationError(message)
    effective = query.is_true(args, "effective")
    inherited = None
    if "scope.OS-INHERIT:inherited_to" in args:
        inherited = args["scope.OS-INHERIT:inherited_to"] == "projects"
    if effective and args.get("group.id"):
        raise errors.ValidationError(
            "Combining effective and group filter will always result in an empty list."
        )
    if effective and inherited and args.get("scope.domain.id"):
        raise errors.ValidationError(
            "Combining effective, domain and inherited filters will always result in an empty list."
        )
    filters = role_assignment.Filters(
        role_id=args.get("role.id"),
        user_id=args.get("user.id"),
        group_id=args.get("group.id"),
        system=args.get("scope.system") == "all",
        domain_id=args.get("scope.domain.id"),
        project_id=args.get("scope.project.id"),
        include_subtree=include_subtree,
        inherited=inherited,
        effective=effective,
    )
    refs = role_assignment.list_assignments(session, filters)
    if query.is_true(args, "include_names"):
        refs = role_assignment.with_names(session, refs)
    return [_format(req, ref) for ref in refs]


def _in_domain(session: orm.Session, ref: Ref, domain_id: str) -> bool:
    scope = ref["scope"]
    if scope.get("domain", {}).get("id") == domain_id:
        return True
    project_id = scope.get("project", {}).get("id")
    if not project_id:
        return False
    project = session.get(models.Project, project_id)
    if project is None:
        raise errors.not_found("project", project_id)
    return project.domain_id == domain_id


def _format(req: ApiRequest, ref: Ref) -> Ref:
    """Keystone's shape: actor, scope, role, and links to the grant."""
    indirect = ref.get("indirect", {})
    scope, path = _scope(ref, indirect)
    inherited = (
        ref.get("inherited_to_projects") or "domain_id" in indirect or ("project_id" in indirect)
    )
    entity: Ref = {"links": {}, "scope": scope}
    for kind in ("user", "group"):
        if f"{kind}_id" in ref:
            entity[kind] = _named(ref, kind)
    if "user_id" in ref and "group_id" in indirect:
        membership = f"groups/{indirect['group_id']}/users/{ref['user_id']}"
        entity["links"]["membership"] = link(req, membership)
        path += f"/groups/{indirect['group_id']}"
    elif "user_id" in ref:
        path += f"/users/{ref['user_id']}"
    else:
        path += f"/groups/{ref['group_id']}"
    entity["role"] = {"id": ref["role_id"]}
    if "role_name" in ref:
        entity["role"]["name"] = ref["role_name"]
        if "role_domain_id" in ref:
            entity["role"]["domain"] = {
                "id": ref["role_domain_id"],
                "name": ref["role_domain_name"],
            }
    path += f"/roles/{indirect.get('role_id', ref['role_id'])}"
    if inherited:
        scope["OS-INHERIT:inherited_to"] = "projects"
        path = f"OS-INHERIT/{path}/inherited_to_projects"
    entity["links"]["assignment"] = link(req, path)
    if "role_id" in indirect:
        # Keystone's link names the implied role as the prior one and back.
        prior_link = f"prior_role/{ref['role_id']}/implies/{indirect['role_id']}"
        entity["links"]["prior_role"] = link(req, prior_link)
    return entity


def _scope(ref: Ref, indirect: Ref) -> tuple[Ref, str]:
    """The scope body and the start of the grant's path."""
    if "project_id" in ref:
        if "domain_id" in indirect:
            path = f"domains/{indirect['domain_id']}"
        elif "project_id" in indirect:
            path = f"projects/{indirect['project_id']}"
        else:
            path = f"projects/{ref['project_id']}"
        return {"project": _named(ref, "project")}, path
    if "domain_id" in ref:
        domain = {"id": ref["domain_id"]}
        if "domain_name" in ref:
            domain["name"] = ref["domain_name"]
        return {"domain": domain}, f"domains/{ref['domain_id']}"
    return {"system": ref["system"]}, "system"


def _named(ref: Ref, kind: str) -> Ref:
    """``{"id": …}``, with the name and domain when names were asked for."""
    if f"{kind}_name" not in ref:
        return {"id": ref[f"{kind}_id"]}
    return {
        "id": ref[f"{kind}_id"],
        "name": ref[f"{kind}_name"],
        "domain": {"id": ref[f"{kind}_domain_id"], "name": ref[f"{kind}_domain_name"]},
    }
