"""/v3/groups, their members, and the groups of a user.

A group or user that does not exist is checked against policy as a missing
target, as Keystone does (a caller allowed to see any learns it is missing,
anyone else is refused); deleting one is the exception: Keystone looks the
group up before the rule, so a missing group is a 404 for anyone.
"""

from __future__ import annotations

import typing

from sqlalchemy import orm
from starlette.responses import Response

from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.identity import listing, models, query
from pocketstack.identity.handlers import (
    default_domain,
    identity,
    link,
    normalized,
    require_matching_id,
    require_token,
)
from pocketstack.identity.handlers import user as user_handlers
from pocketstack.identity.objects import group as groups
from pocketstack.identity.objects import user as users
from pocketstack.identity.schemas import group as schema

FILTERS = ("domain_id", "name")
MEMBER_FILTERS = ("domain_id", "enabled", "name")


def target(group: models.Group) -> dict[str, typing.Any]:
    """The group as Keystone hands it to policy (``target.group``)."""
    return {
        **group.extra,
        "id": group.id,
        "name": group.name,
        "domain_id": group.domain_id,
        "description": group.description,
    }


def serialise(req: ApiRequest, group: models.Group) -> dict[str, typing.Any]:
    return {**target(group), "links": {"self": link(req, f"groups/{group.id}")}}


def list_groups(req: ApiRequest) -> Response:
    query.validated(req, schema.list_query)
    scope_domain = req.context.auth.domain_id if req.context.auth else None
    in_domain = {"target": {"group": {"domain_id": scope_domain}}} if scope_domain else None
    req.authorize("identity:list_groups", in_domain)
    with identity(req).store.read() as session:
        refs = [serialise(req, group) for group in groups.list_groups(session)]
    refs = listing.apply_filters(refs, req, FILTERS)
    return responses.json(listing.collection(req, "groups", user_handlers.in_scope(req, refs)))


def get_group(req: ApiRequest) -> Response:
    with identity(req).store.read() as session:
        group = _authorized(req, session, "identity:get_group")
        return responses.json({"group": serialise(req, group)})


def create_group(req: ApiRequest) -> Response:
    fields = normalized(req.validated(schema.create)["group"])
    req.authorize("identity:create_group", {"target": {"group": fields}})
    fields["domain_id"] = fields.get("domain_id") or default_domain(req)
    with identity(req).store.write() as session:
        group = groups.create(session, fields)
        return responses.json({"group": serialise(req, group)}, 201)


def update_group(req: ApiRequest) -> Response:
    fields = dict(req.validated(schema.update)["group"])
    with identity(req).store.write() as session:
        group = _authorized(req, session, "identity:update_group")
        require_matching_id(fields, group.id)
        groups.update(session, group, fields)
        return responses.json({"group": serialise(req, group)})


def delete_group(req: ApiRequest) -> Response:
    require_token(req)
    with identity(req).store.write() as session:
        group = groups.find(session, req.params["group_id"])
        req.authorize("identity:delete_group", {"target": {"group": target(group)}})
        groups.delete(session, group)
    return responses.no_content()


def list_group_users(req: ApiRequest) -> Response:
    with identity(req).store.read() as session:
        group = _authorized(req, session, "identity:list_users_in_group")
        found = user_handlers.expiry_filtered(req, groups.members(session, group.id))
        refs = [user_handlers.serialise(req, user) for user in found]
    refs = listing.apply_filters(refs, req, MEMBER_FILTERS)
    body = listing.collection(req, "users", user_handlers.in_scope(req, refs))
    return responses.json(body)


def list_user_groups(req: ApiRequest) -> Response:
    with identity(req).store.read() as session:
        user = user_handlers.authorized(req, session, "identity:list_groups_for_user")
        refs = [
            {**serialise(req, group), "membership_expires_at": None}
            for group in users.groups_of(session, user.id)
        ]
    refs = listing.apply_filters(refs, req, ("name",))
    return responses.json(listing.collection(req, "groups", user_handlers.in_scope(req, refs)))


def check_member(req: ApiRequest) -> Response:
    with identity(req).store.read() as session:
        group_id, user_id = _membership_authorized(req, session, "identity:check_user_in_group")
        groups.check_member(session, group_id, user_id)
    return responses.no_content()


def add_member(req: ApiRequest) -> Response:
    with identity(req).store.write() as session:
        group_id, user_id = _membership_authorized(req, session, "identity:add_user_to_group")
        groups.add_member(session, group_id, user_id)
    return responses.no_content()


def remove_member(req: ApiRequest) -> Response:
    with identity(req).store.write() as session:
        group_id, user_id = _membership_authorized(req, session, "identity:remove_user_from_group")
        groups.remove_member(session, group_id, user_id)
    return responses.no_content()


def _authorized(req: ApiRequest, session: orm.Session, rule: str) -> models.Group:
    """The group in the path, once the rule allows the caller to act on it."""
    group_id = req.params["group_id"]
    group = session.get(models.Group, group_id)
    req.authorize(rule, {"target": {"group": target(group)} if group is not None else {}})
    return groups.find(session, group_id)


def _membership_authorized(req: ApiRequest, session: orm.Session, rule: str) -> tuple[str, str]:
    """The group and user in the path, once the rule allows the caller to
    join or part them; either may be missing from the target."""
    group_id, user_id = req.params["group_id"], req.params["user_id"]
    found: dict[str, typing.Any] = {}
    group = session.get(models.Group, group_id)
    if group is not None:
        found["group"] = target(group)
    user = session.get(models.User, user_id)
    if user is not None:
        found["user"] = user_handlers.target(user)
    req.authorize(rule, {"user_id": user_id, "target": found})
    return group_id, user_id
