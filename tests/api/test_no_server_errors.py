"""No request produces a 500: every route of every service, hostile input.

Walks each service's route table and sends every method it serves with
nonsense path parameters, and bodies that are missing, malformed, of the
wrong shape or of the wrong types, as an admin, a member and nobody. Any 5xx
is a bug.
"""

from __future__ import annotations

import importlib
import json
import re

import pytest

from pocketstack import app
from pocketstack.identity import models

BODIES = [None, b"", b"{", b"[]", b"null", b'"text"', b"{}"]
WRONG_TYPES = {"name": 1, "id": [], "size": "big", "enabled": "maybe", "domain_id": {}, "tags": "a"}
PARAMETER = re.compile(r"\{(\w+)\}")


def _bodies(path: str) -> list[bytes | None]:
    """The generic junk, plus the resource's own wrapper key with junk inside
    (``{"project": …}`` for /v3/projects), so validation past the top runs."""
    segments = [s for s in path.split("/") if s and not s.startswith("{")]
    member = segments[-1].removesuffix("s") if segments else "x"
    shaped = [{member: None}, {member: []}, {member: {}}, {member: WRONG_TYPES}, WRONG_TYPES]
    return BODIES + [json.dumps(body).encode() for body in shaped]


def _routes():
    for service, (prefix, module) in _services().items():
        for path, methods in importlib.import_module(module).ROUTES.items():
            for method in methods:
                yield pytest.param(prefix, path, method, id=f"{service} {method} {path}")


def _services() -> dict[str, tuple[str, str]]:
    services = {"identity": ("/identity", "pocketstack.identity.routes")}
    for name in app.SERVICES:
        component_module = importlib.import_module(f"pocketstack.{name}.service")
        services[name] = (component_module.PREFIX, f"pocketstack.{name}.routes")
    return services


@pytest.fixture(scope="module")
def real_ids(cloud) -> dict[str, str]:
    """Path parameters that name things that exist, so handlers run deeper."""
    with cloud.identity.store.read() as session:
        demo = session.query(models.User).filter_by(name="demo").one()
        member = session.query(models.Role).filter_by(name="member").one()
    return {
        "user_id": demo.id,
        "project_id": demo.default_project_id,
        "domain_id": "default",
        "role_id": member.id,
        "prior_role_id": member.id,
        "implied_role_id": member.id,
    }


@pytest.mark.parametrize(("prefix", "route", "method"), list(_routes()))
def test_hostile_requests_get_client_errors(api, tokens, real_ids, prefix, route, method):
    paths = [prefix + PARAMETER.sub("no-such-thing", route)]
    if method != "DELETE":  # keep the things the other requests name
        paths.append(prefix + PARAMETER.sub(lambda m: real_ids.get(m.group(1), "x"), route))
    callers = [tokens.headers("admin"), tokens.headers("demo"), {}]
    for path in paths:
        for headers in callers:
            for body in _bodies(route) if method in ("POST", "PUT", "PATCH") else [None]:
                request_headers = dict(headers)
                if body is not None:
                    request_headers["Content-Type"] = "application/json"
                response = api.request(method, path, headers=request_headers, content=body)
                assert response.status_code < 500, (method, path, body, response.text)
