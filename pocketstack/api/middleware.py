"""ASGI middleware shared by every service, written as plain ASGI for speed."""

from __future__ import annotations

import uuid

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pocketstack.api.context import RequestContext

REQUEST_ID_HEADER = b"x-openstack-request-id"


class RequestIdMiddleware:
    """Give every request a context with an id, and every response the id.

    The id is Keystone/Nova's ``req-<uuid>``; a caller's own
    ``X-OpenStack-Request-ID`` is kept as the global request id Nova logs, but
    the response always carries the id we chose.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = f"req-{uuid.uuid4()}"
        scope["pocketstack.context"] = RequestContext(request_id=request_id)
        header = (REQUEST_ID_HEADER, request_id.encode())

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), header]
            await send(message)

        await self.app(scope, receive, send_with_id)


class ServiceRootMiddleware:
    """Serve ``/identity`` as ``/identity/`` instead of redirecting.

    Clients are configured with a service's bare URL (an auth_url of
    ``http://host/identity``) and ask it for its versions; a redirect costs
    them a round trip, and some do not follow one.
    """

    def __init__(self, app: ASGIApp, prefixes: list[str]) -> None:
        self.app = app
        self.prefixes = set(prefixes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] in self.prefixes:
            scope = {
                **scope,
                "path": scope["path"] + "/",
                "raw_path": scope["path"].encode() + b"/",
            }
        await self.app(scope, receive, send)
