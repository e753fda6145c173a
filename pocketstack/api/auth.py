"""Auth middleware: turn ``X-Auth-Token`` into the request context's AuthInfo.

It does what keystonemiddleware's auth_token does for the real services, with
the validator handed in when the application is composed: the identity
service's own validator when identity runs in this process (no HTTP hop), or
any other implementation of ``TokenValidator``. A missing or bad token is not
rejected here: the handler's policy check answers 401 in its service's format,
and public calls (version documents, token issue) never ask.
"""

from __future__ import annotations

import typing
from collections.abc import Mapping

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Receive, Scope, Send

from pocketstack.api import access_rules
from pocketstack.api.context import AuthInfo, RequestContext


class InvalidToken(Exception):
    """The token cannot be used: malformed, expired, revoked or unknown."""


class TokenValidator(typing.Protocol):
    def cached(self, token: str) -> AuthInfo | None:
        """A validation answer already at hand, without any I/O; else None."""

    def validate(self, token: str) -> AuthInfo:
        """Validate fully (may touch the database); raise InvalidToken."""


class AuthMiddleware:
    """``services`` maps each mount point to its service type, which the
    access rules of application credential tokens are checked against."""

    def __init__(
        self, app: ASGIApp, validator: TokenValidator, services: Mapping[str, str] | None = None
    ) -> None:
        self.app = app
        self.validator = validator
        self.services = dict(services or {})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            token = _header(scope, b"x-auth-token")
            if token:
                await self._authenticate(scope, scope["pocketstack.context"], token)
        await self.app(scope, receive, send)

    async def _authenticate(self, scope: Scope, context: RequestContext, token: str) -> None:
        info = self.validator.cached(token)
        if info is None:
            try:
                info = await run_in_threadpool(self.validator.validate, token)
            except InvalidToken as error:
                context.auth_failure = str(error)
                return
        if not self._within_access_rules(scope, info):
            context.auth_failure = "Token authorization failed"
            return
        context.auth = info

    def _within_access_rules(self, scope: Scope, info: AuthInfo) -> bool:
        rules = access_rules.rules_of(info.token_body)
        if rules is None:
            return True
        path = scope["path"]
        for prefix, service_type in self.services.items():
            if path == prefix or path.startswith(prefix + "/"):
                below = path[len(prefix) :] or "/"
                return access_rules.permits(rules, service_type, scope["method"], [path, below])
        # Nothing is served there that a token could open.
        return False


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key == name:
            return value.decode("latin-1")
    return None
