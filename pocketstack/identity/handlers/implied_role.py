"""/v3/roles/{prior_role_id}/implies[/{implied_role_id}] and /v3/role_inferences.

The policy target is both roles (``target.prior_role``, ``target.implied_role``),
loaded first: a role that does not exist is a 404 for any caller with a token.
"""

from __future__ import annotations

import typing

from sqlalchemy import orm
from starlette.responses import Response

from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.identity import models
from pocketstack.identity.handlers import identity, link, require_token
from pocketstack.identity.handlers import role as role_handlers
from pocketstack.identity.objects import role as roles


def summary(req: ApiRequest, role: models.Role) -> dict[str, typing.Any]:
    return {"id": role.id, "links": {"self": link(req, f"roles/{role.id}")}, "name": role.name}


def list_implied_roles(req: ApiRequest) -> Response:
    with identity(req).store.read() as session:
        prior, _ = _authorized(req, session, "identity:list_implied_roles")
        implied = [summary(req, role) for role in roles.implied_by(session, prior.id)]
        return responses.json(
            {
                "role_inference": {"prior_role": summary(req, prior), "implies": implied},
                "links": {"self": link(req, f"roles/{prior.id}/implies")},
            }
        )


def get_implied_role(req: ApiRequest) -> Response:
    with identity(req).store.read() as session:
        prior, implied = _authorized(req, session, "identity:get_implied_role")
        roles.find_implication(session, prior, implied)
        return responses.json(_inference(req, prior, implied))


def check_implied_role(req: ApiRequest) -> Response:
    with identity(req).store.read() as session:
        _authorized(req, session, "identity:check_implied_role")
        # Keystone's HEAD runs its GET, whose rule applies too.
        prior, implied = _authorized(req, session, "identity:get_implied_role")
        roles.find_implication(session, prior, implied)
    return responses.no_content()


def create_implied_role(req: ApiRequest) -> Response:
    with identity(req).store.write() as session:
        prior, implied = _authorized(req, session, "identity:create_implied_role")
        roles.imply(session, prior, implied)
        return responses.json(_inference(req, prior, implied), 201)


def delete_implied_role(req: ApiRequest) -> Response:
    with identity(req).store.write() as session:
        prior, implied = _authorized(req, session, "identity:delete_implied_role")
        roles.unimply(session, prior, implied)
    return responses.no_content()


def list_role_inference_rules(req: ApiRequest) -> Response:
    req.authorize("identity:list_role_inference_rules")
    with identity(req).store.read() as session:
        by_id = {role.id: role for role in session.query(models.Role)}
        implied_by: dict[str, list[dict[str, typing.Any]]] = {}
        for prior_id, implied_id in roles.inference_rules(session):
            implied_by.setdefault(prior_id, []).append(summary(req, by_id[implied_id]))
    inferences = [
        {"prior_role": summary(req, by_id[prior_id]), "implies": implied}
        for prior_id, implied in implied_by.items()
    ]
    return responses.json({"role_inferences": inferences})


def _inference(req: ApiRequest, prior: models.Role, implied: models.Role) -> dict[str, typing.Any]:
    return {
        "role_inference": {"prior_role": summary(req, prior), "implies": summary(req, implied)},
        "links": {"self": link(req, f"roles/{prior.id}/implies/{implied.id}")},
    }


def _authorized(req: ApiRequest, session: orm.Session, rule: str) -> typing.Any:
    """The prior role and (where the path names one) the implied role."""
    require_token(req)
    prior = roles.find(session, req.params["prior_role_id"])
    target = {"prior_role": role_handlers.target(prior)}
    implied = None
    if "implied_role_id" in req.params:
        implied = roles.find(session, req.params["implied_role_id"])
        target["implied_role"] = role_handlers.target(implied)
    req.authorize(rule, {"target": target})
    return prior, implied
