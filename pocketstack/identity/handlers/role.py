"""/v3/roles: global roles and domain-specific roles.

A role with a domain is checked against the ``*_domain_role`` rules, any
other against the ``*_role`` ones; a role that does not exist is a 404 for
any caller with a token (Keystone loads the policy target first).
"""

from __future__ import annotations

import typing

from sqlalchemy import orm
from starlette.responses import Response

from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.identity import errors, listing, models, query
from pocketstack.identity.handlers import identity, link, require_token
from pocketstack.identity.objects import role as roles
from pocketstack.identity.schemas import role as schema


def serialise(req: ApiRequest, role: models.Role) -> dict[str, typing.Any]:
    return {**target(role), "links": {"self": link(req, f"roles/{role.id}")}}


def target(role: models.Role) -> dict[str, typing.Any]:
    """The role as Keystone hands it to policy (``target.role``)."""
    return {
        **role.extra,
        "id": role.id,
        "name": role.name,
        "domain_id": role.domain_id,
        "description": role.description,
        "options": role.options,
    }


def list_roles(req: ApiRequest) -> Response:
    args = query.validated(req, schema.list_query)
    domain_id = args.get("domain_id")
    req.authorize("identity:list_domain_roles" if domain_id else "identity:list_roles")
    with identity(req).store.read() as session:
        refs = [serialise(req, role) for role in roles.list_roles(session, domain_id or None)]
    refs = listing.apply_filters(refs, req, ("name",))
    return responses.json(listing.collection(req, "roles", refs))


def create_role(req: ApiRequest) -> Response:
    fields = dict(req.validated(schema.create)["role"])
    if fields.get("domain_id"):
        req.authorize("identity:create_domain_role", {"target": {"role": fields}})
    else:
        req.authorize("identity:create_role")
    with identity(req).store.write() as session:
        role = roles.create(session, fields)
        return responses.json({"role": serialise(req, role)}, 201)


def get_role(req: ApiRequest) -> Response:
    with identity(req).store.read() as session:
        role = _authorized(req, session, "identity:get_role", "identity:get_domain_role")
        return responses.json({"role": serialise(req, role)})


def update_role(req: ApiRequest) -> Response:
    fields = dict(req.validated(schema.update)["role"])
    with identity(req).store.write() as session:
        role = _authorized(req, session, "identity:update_role", "identity:update_domain_role")
        if fields.get("id") is not None and fields["id"] != role.id:
            raise errors.ValidationError("Cannot change ID")
        roles.update(session, role, fields)
        return responses.json({"role": serialise(req, role)})


def delete_role(req: ApiRequest) -> Response:
    with identity(req).store.write() as session:
        roles.delete(
            session,
            _authorized(req, session, "identity:delete_role", "identity:delete_domain_role"),
        )
    return responses.no_content()


def _authorized(req: ApiRequest, session: orm.Session, rule: str, domain_rule: str) -> models.Role:
    """The role in the path, checked against the rule for its kind."""
    require_token(req)
    role = roles.find(session, req.params["role_id"])
    req.authorize(domain_rule if role.domain_id else rule, {"target": {"role": target(role)}})
    return role
