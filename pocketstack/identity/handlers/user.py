"""/v3/users and the self-service password change.

A user that does not exist is checked against policy as an empty target,
as Keystone does: a caller allowed to see any user learns it is missing
(404), anyone else is refused (403).
"""

from __future__ import annotations

import typing

from sqlalchemy import orm
from starlette.responses import Response

from pocketstack import timeutils
from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.api.service import public
from pocketstack.identity import listing, models, query
from pocketstack.identity.handlers import (
    default_domain,
    identity,
    link,
    normalise_enabled,
    normalized,
    require_matching_id,
)
from pocketstack.identity.objects import user as users
from pocketstack.identity.schemas import user as schema

FILTERS = ("domain_id", "enabled", "name")
# Filters on federated identities; no user here has one.
FEDERATION_FILTERS = ("idp_id", "protocol_id", "unique_id")


def target(user: models.User) -> dict[str, typing.Any]:
    """The user as Keystone hands it to policy (``target.user``) and shows
    it: extra attributes, then its own; a default project only when set."""
    ref = {
        **user.extra,
        "id": user.id,
        "name": user.name,
        "domain_id": user.domain_id,
        "enabled": user.enabled,
        "password_expires_at": timeutils.iso_micro(user.password_expires_at),
        "options": dict(user.options),
    }
    if user.default_project_id is not None:
        ref["default_project_id"] = user.default_project_id
    return ref


def serialise(req: ApiRequest, user: models.User) -> dict[str, typing.Any]:
    return {**target(user), "links": {"self": link(req, f"users/{user.id}")}}


def list_users(req: ApiRequest) -> Response:
    query.validated(req, schema.list_query)
    scope_domain = req.context.auth.domain_id if req.context.auth else None
    target_domain = {"target": {"domain_id": scope_domain}} if scope_domain else None
    req.authorize("identity:list_users", target_domain)
    with identity(req).store.read() as session:
        found = expiry_filtered(req, users.list_users(session))
        if any(key in req.query for key in FEDERATION_FILTERS):
            found = []
        refs = [serialise(req, user) for user in found]
    refs = listing.apply_filters(refs, req, FILTERS)
    return responses.json(listing.collection(req, "users", in_scope(req, refs)))


def expiry_filtered(req: ApiRequest, found: list[models.User]) -> list[models.User]:
    """The users whose password expiry passes the ``password_expires_at``
    filters of the query."""
    for wanted in req.query.getlist("password_expires_at"):
        found = list(filter(users.expiry_matcher(wanted), found))
    return found


def get_user(req: ApiRequest) -> Response:
    with identity(req).store.read() as session:
        user = authorized(req, session, "identity:get_user")
        return responses.json({"user": serialise(req, user)})


def create_user(req: ApiRequest) -> Response:
    fields = normalized(req.validated(schema.create)["user"])
    req.authorize("identity:create_user", {"target": {"user": fields}})
    fields["domain_id"] = fields.get("domain_id") or default_domain(req)
    normalise_enabled(fields)
    runtime = identity(req)
    password = users.NewPassword.of(runtime.hasher, fields.get("password"))
    with runtime.store.write() as session:
        user = users.create(session, fields, password, expires_days=_expires_days(req))
        return responses.json({"user": serialise(req, user)}, 201)


def update_user(req: ApiRequest) -> Response:
    fields = dict(req.validated(schema.update)["user"])
    runtime = identity(req)
    password = None
    if "password" in fields:
        password = users.NewPassword.of(runtime.hasher, fields["password"])
    with runtime.store.write() as session:
        user = authorized(req, session, "identity:update_user")
        require_matching_id(fields, user.id)
        normalise_enabled(fields)
        users.update(session, user, fields, password, expires_days=_expires_days(req))
        # Keystone's answer to a PATCH repeats the extra attributes as ``extra``.
        return responses.json({"user": {**serialise(req, user), "extra": dict(user.extra)}})


def delete_user(req: ApiRequest) -> Response:
    with identity(req).store.write() as session:
        users.delete(session, authorized(req, session, "identity:delete_user"))
    return responses.no_content()


@public
def change_password(req: ApiRequest) -> Response:
    """Self-service: no token needed, the original password is the proof."""
    body = req.validated(schema.password_change)["user"]
    runtime = identity(req)
    with runtime.store.read() as session:
        proven = users.prove_password(
            session, runtime.hasher, req.params["user_id"], body["original_password"]
        )
    new = users.NewPassword.of(runtime.hasher, body["password"])
    with runtime.store.write() as session:
        users.change_password(session, proven, new, expires_days=_expires_days(req))
    return responses.no_content()


def authorized(req: ApiRequest, session: orm.Session, rule: str) -> models.User:
    """The user in the path, once the rule allows the caller to act on it."""
    user_id = req.params["user_id"]
    user = session.get(models.User, user_id)
    found = {"user": target(user)} if user is not None else {}
    req.authorize(rule, {"user_id": user_id, "target": found})
    return users.find(session, user_id)


def in_scope(req: ApiRequest, refs: list[dict]) -> list[dict]:
    """A domain-scoped caller sees only its own domain's entries."""
    scope_domain = req.context.auth.domain_id
    return [ref for ref in refs if ref["domain_id"] == scope_domain] if scope_domain else refs


def _expires_days(req: ApiRequest) -> int:
    return identity(req).settings.identity.password_expires_days
