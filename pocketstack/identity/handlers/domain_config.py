"""/v3/domains/{domain_id}/config[/{group}[/{option}]], and Keystone's
defaults at /v3/domains/config[/{group}[/{option}]]/default.

The default domain's ``security_compliance`` group (its password rules) is
readable by any token; everything else is for admins. Keystone reads no
schema for these bodies: a missing ``config`` is "no options specified".
"""

from __future__ import annotations

import typing

from starlette.responses import Response

from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.identity.handlers import identity
from pocketstack.identity.objects import domain_config as domain_configs
from pocketstack.identity.schemas import domain_config as schema


def get_config(req: ApiRequest) -> Response:
    domain_id, group, option = _path(req)
    if group == domain_configs.SECURITY_COMPLIANCE:
        req.authorize("identity:get_security_compliance_domain_config")
        return _answer(domain_configs.security_compliance(domain_id, option))
    req.authorize("identity:get_domain_config")
    with identity(req).store.read() as session:
        return _answer(domain_configs.get(session, domain_id, group, option))


def create_config(req: ApiRequest) -> Response:
    config = _body(req)
    req.authorize("identity:create_domain_config")
    domain_id = req.params["domain_id"]
    with identity(req).store.write() as session:
        domain_configs.lock_domain(session, domain_id)
        stored, created = domain_configs.replace(session, domain_id, config)
    return _answer(stored, 201 if created else 200)


def update_config(req: ApiRequest) -> Response:
    config = _body(req)
    req.authorize("identity:update_domain_config")
    domain_id, group, option = _path(req)
    with identity(req).store.write() as session:
        domain_configs.lock_domain(session, domain_id)
        return _answer(domain_configs.update(session, domain_id, config, group, option))


def delete_config(req: ApiRequest) -> Response:
    req.authorize("identity:delete_domain_config")
    domain_id, group, option = _path(req)
    with identity(req).store.write() as session:
        domain_configs.lock_domain(session, domain_id)
        domain_configs.delete(session, domain_id, group, option)
    return responses.no_content()


def get_default_config(req: ApiRequest) -> Response:
    req.authorize("identity:get_domain_config_default")
    return _answer(domain_configs.defaults(req.params.get("group"), req.params.get("option")))


def _path(req: ApiRequest) -> tuple[str, str | None, str | None]:
    return req.params["domain_id"], req.params.get("group"), req.params.get("option")


def _body(req: ApiRequest) -> dict[str, typing.Any]:
    if not req.body:
        return {}
    return req.validated(schema.update).get("config") or {}


def _answer(config: dict[str, typing.Any], status: int = 200) -> Response:
    return responses.json({"config": config}, status)
