"""Identity's HTTP handlers, one module per entity, named as in the route table.

Every handler reads the same way: path item → ``req.authorize`` →
``req.validated`` → object call → serialise.
"""

from __future__ import annotations

import typing

from pocketstack.api import errors as api_errors
from pocketstack.api.request import ApiRequest
from pocketstack.identity import errors, listing
from pocketstack.identity.objects.domain import DEFAULT_ID

if typing.TYPE_CHECKING:
    from pocketstack.identity.service import Identity


def identity(req: ApiRequest) -> Identity:
    """The identity service's objects (store, tokens, hasher) for a request."""
    return req.service.runtime


def normalized(fields: dict[str, typing.Any]) -> dict[str, typing.Any]:
    """Attribute names as Keystone stores new catalog entities: ``:`` and ``-``
    become ``_`` (``{"os-foo": 1}`` is kept as ``os_foo``)."""
    return {key.replace(":", "_").replace("-", "_"): value for key, value in fields.items()}


def require_matching_id(fields: dict[str, typing.Any], path_id: str) -> None:
    """An update may repeat the entity's id, never change it."""
    if fields.get("id") is not None and fields["id"] != path_id:
        raise errors.ValidationError("Cannot change ID")


def default_domain(req: ApiRequest) -> str:
    """Where a new project, user or group goes when the body names no domain:
    the token's domain if it is domain-scoped, else the default domain."""
    auth = req.context.auth
    if auth and auth.domain_id:
        return auth.domain_id
    return DEFAULT_ID


def normalise_enabled(fields: dict[str, typing.Any]) -> None:
    """``enabled`` in any of Keystone's boolean spellings; null means true."""
    if "enabled" in fields:
        value = fields["enabled"]
        fields["enabled"] = True if value is None else listing.as_bool(value)


def link(req: ApiRequest, path: str) -> str:
    """A self link: ``<identity root>/v3/<path>``."""
    return f"{req.base_url}/v3/{path}"


def require_token(req: ApiRequest) -> None:
    """401 before anything else is looked up: Keystone checks the token
    first, then loads the policy target (a 404 for what is missing), then
    applies the rule."""
    if not req.context.is_authenticated:
        raise api_errors.Unauthorized()
