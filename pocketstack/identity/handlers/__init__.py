"""Identity's HTTP handlers, one module per entity, named as in the route table.

Every handler reads the same way: path item → ``req.authorize`` →
``req.validated`` → object call → serialise.
"""

from __future__ import annotations

import typing

from pocketstack.api import errors
from pocketstack.api.request import ApiRequest

if typing.TYPE_CHECKING:
    from pocketstack.identity.service import Identity


def identity(req: ApiRequest) -> Identity:
    """The identity service's objects (store, tokens, hasher) for a request."""
    return req.service.runtime


def link(req: ApiRequest, path: str) -> str:
    """A self link: ``<identity root>/v3/<path>``."""
    return f"{req.base_url}/v3/{path}"


def require_token(req: ApiRequest) -> None:
    """401 before anything else is looked up: Keystone checks the token
    first, then loads the policy target (a 404 for what is missing), then
    applies the rule."""
    if not req.context.is_authenticated:
        raise errors.Unauthorized()
