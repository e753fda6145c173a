"""/v3/users/{user_id}/access_rules: the rules a user's credentials carry.

Rules are made through application credentials and only read or deleted
here. The policy target is the user the path names, when that user exists.
"""

from __future__ import annotations

import typing

from sqlalchemy import orm
from starlette.responses import Response

from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.identity import listing, models, query
from pocketstack.identity.handlers import identity, link, require_token
from pocketstack.identity.objects import access_rule as access_rules
from pocketstack.identity.schemas import application_credential as schema


def serialise(req: ApiRequest, rule: models.AccessRule) -> dict[str, typing.Any]:
    # Keystone's link leaves the user out.
    return {**access_rules.as_dict(rule), "links": {"self": link(req, f"access_rules/{rule.id}")}}


def list_access_rules(req: ApiRequest) -> Response:
    query.validated(req, schema.access_rules_query)
    with identity(req).store.read() as session:
        user_id = _authorized(req, session, "identity:list_access_rules")
        refs = [serialise(req, rule) for rule in access_rules.list_for_user(session, user_id)]
    refs = listing.apply_filters(refs, req, access_rules.FIELDS)
    return responses.json(listing.collection(req, "access_rules", refs))


def get_access_rule(req: ApiRequest) -> Response:
    with identity(req).store.read() as session:
        user_id = _authorized(req, session, "identity:get_access_rule")
        rule = access_rules.find(session, user_id, req.params["access_rule_id"])
        return responses.json({"access_rule": serialise(req, rule)})


def delete_access_rule(req: ApiRequest) -> Response:
    with identity(req).store.write() as session:
        user_id = _authorized(req, session, "identity:delete_access_rule")
        access_rules.delete(
            session, access_rules.find(session, user_id, req.params["access_rule_id"])
        )
    return responses.no_content()


def _authorized(req: ApiRequest, session: orm.Session, rule: str) -> str:
    require_token(req)
    user_id = req.params["user_id"]
    user = session.get(models.User, user_id)
    target = {"user": {"id": user.id, "domain_id": user.domain_id}} if user else {}
    req.authorize(rule, {"user_id": user_id, "target": target})
    return user_id
