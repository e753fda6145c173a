"""A service's API: its route table, error format, policy and microversions.

Every service builds one ``ServiceApi`` and mounts ``asgi_app()`` at its
prefix. The route table is one literal dict per service (path → method →
handler), the index of that whole API; a method missing from it is a 405 with
``Allow``, an unknown path a 404, both in the service's own error format.
"""

from __future__ import annotations

import dataclasses
import inspect
import logging
import typing
from collections.abc import Callable, Mapping

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from pocketstack.api import errors
from pocketstack.api.microversion import Microversions
from pocketstack.api.policy import Policy
from pocketstack.api.request import ApiRequest, BodyStream
from pocketstack.api.validation import SchemaError

LOG = logging.getLogger(__name__)

Handler = Callable[[ApiRequest], typing.Any]
RouteTable = Mapping[str, Mapping[str, Handler]]


def public(handler: Handler) -> Handler:
    """Mark a handler that runs no policy check by design (version documents,
    token issue); every other handler must call ``req.authorize``."""
    handler.public = True  # type: ignore[attr-defined]
    return handler


def streams_body(handler: Handler) -> Handler:
    """Mark a handler that consumes the request body itself, as a stream
    (image data, volume uploads): the body is not read ahead or size-limited,
    and the handler iterates ``req.body_stream()`` from its worker thread."""
    handler.streams_body = True  # type: ignore[attr-defined]
    return handler


@dataclasses.dataclass(frozen=True)
class BodyErrors:
    """How a service words a request body it cannot use. With no ``missing``
    answer, an empty body reads as ``{}`` (Keystone's way: its schemas then
    name what is missing)."""

    missing: Callable[[], errors.ApiError] | None
    malformed: Callable[[], errors.ApiError]
    invalid: Callable[[SchemaError], errors.ApiError]
    # The answer to a body sent with a media type (the Content-Type header's
    # type, lower case, "" without one) the service does not read as JSON;
    # None where it reads any. Unset: every body is read as JSON (Glance).
    unsupported_media_type: Callable[[str], errors.ApiError | None] | None = None


@dataclasses.dataclass
class ServiceApi:
    name: str
    routes: RouteTable
    formatter: errors.ErrorFormatter
    policy: Policy
    body_errors: BodyErrors
    max_body_size: int
    microversions: Microversions | None = None
    # The service's own objects (store, managers) that its handlers use.
    runtime: typing.Any = None
    # Test mode: a request that ran no policy check is a bug (Keystone's habit).
    enforce_policy_checks: bool = False
    # Keystone refuses any body that is not a JSON object, on every route,
    # before the handler runs (even where the handler ignores the body).
    json_object_bodies_only: bool = False
    # Picks the error formatter by the request, for services that answer in
    # the format the client accepts (Glance, through webob); else ``formatter``.
    negotiate_formatter: Callable[[Request], errors.ErrorFormatter] | None = None
    # Where a project id may sit in the path, as in Cinder's and Nova's older
    # URLs (/v3/{project_id}/volumes): the prefix it follows ("/v3").
    project_id_after: str | None = None
    # Maps a request's path (below the mount point) and headers to the path
    # routed, before routing: Glance's version negotiation.
    rewrite_path: Callable[[str, Headers], str] | None = None

    def asgi_app(self) -> ASGIApp:
        app: ASGIApp = self._router()
        if self.project_id_after is not None:
            app = ProjectIdInPath(app, self.project_id_after, self)
        if self.rewrite_path is not None:
            app = RewrittenPath(app, self.rewrite_path)
        return app

    def _router(self) -> Starlette:
        return Starlette(
            routes=[
                Route(path, self._endpoint(methods), methods=list(methods))
                for path, methods in self.routes.items()
            ],
            exception_handlers={
                errors.ApiError: self._api_error,
                HTTPException: self._http_error,
                Exception: self._server_error,
            },
        )

    def public_url(self, request: Request) -> str:
        """This service's root URL as the client reached it, without a slash."""
        url = request.url
        return f"{url.scheme}://{url.netloc}{request.scope.get('root_path', '')}".rstrip("/")

    def _endpoint(self, handlers: Mapping[str, Handler]) -> Callable:
        async def endpoint(request: Request) -> Response:
            method = request.method
            handler = handlers.get(method) or handlers["GET"]  # HEAD falls back to GET
            if getattr(handler, "streams_body", False):
                req = ApiRequest(request, b"", self, stream=BodyStream(request))
            else:
                body = await _read_body(request, self.max_body_size)
                req = ApiRequest(request, body, self)
                if body:
                    self._check_media_type(request)
                if body and self.json_object_bodies_only and not req.is_json_object():
                    raise self.body_errors.malformed()
            extra_headers: dict[str, str] = {}
            if self.microversions is not None:
                req.microversion = self.microversions.negotiate(request.headers)
                extra_headers = self.microversions.response_headers(req.microversion)
            try:
                if inspect.iscoroutinefunction(handler):
                    response = await handler(req)
                else:
                    response = await run_in_threadpool(handler, req)
            except errors.ApiError as error:
                # An error answers in the version asked for, as a success does.
                error.headers.update(extra_headers)
                raise
            self._check_discipline(req, handler)
            response.headers.update(extra_headers)
            return response

        return endpoint

    def _check_media_type(self, request: Request) -> None:
        check = self.body_errors.unsupported_media_type
        if check is None:
            return
        media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        error = check(media_type)
        if error is not None:
            raise error

    def _check_discipline(self, req: ApiRequest, handler: Handler) -> None:
        if not self.enforce_policy_checks or getattr(handler, "public", False):
            return
        if not req.context.policy_checked:
            raise AssertionError(f"{handler.__qualname__} ran no policy check")
        if req.json_read and not req.schema_checked:
            raise AssertionError(f"{handler.__qualname__} used a body it did not validate")

    def _formatter(self, request: Request) -> errors.ErrorFormatter:
        if self.negotiate_formatter is None:
            return self.formatter
        return self.negotiate_formatter(request)

    async def _api_error(self, request: Request, exc: Exception) -> Response:
        assert isinstance(exc, errors.ApiError)
        formatter = self._formatter(request)
        if exc.status == 401:
            # In a real cloud keystonemiddleware (or Keystone itself) answers
            # a request without a valid token, in Keystone's format, and says
            # where to authenticate.
            formatter = errors.keystone_format
            identity = f"{request.url.scheme}://{request.url.netloc}/identity"
            exc.headers.setdefault("WWW-Authenticate", f'Keystone uri="{identity}"')
        return errors.error_response(exc, formatter, _request_id(request))

    async def _http_error(self, request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        error = errors.ApiError(exc.detail, status=exc.status_code, headers=exc.headers)
        if exc.status_code == 404:
            error = errors.NotFound()
        elif exc.status_code == 405:
            error = errors.MethodNotAllowed(headers=exc.headers)
        return errors.error_response(error, self._formatter(request), _request_id(request))

    async def _server_error(self, request: Request, exc: Exception) -> Response:
        LOG.error("unhandled error in %s %s", request.method, request.url.path, exc_info=exc)
        return errors.error_response(
            errors.ApiError(), self._formatter(request), _request_id(request)
        )


class ProjectIdInPath:
    """Takes the caller's project id out of a path such as
    ``/v3/{project_id}/volumes`` so routes are written once, without it. An
    id there that is not an authenticated caller's project is refused, as the
    services refuse it ("Malformed request url")."""

    def __init__(self, app: ASGIApp, prefix: str, service: ServiceApi) -> None:
        self.app = app
        self.prefix = prefix.rstrip("/") + "/"
        self.service = service

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            relative = _relative_path(scope)
            if relative.startswith(self.prefix):
                segment, _, rest = relative[len(self.prefix) :].partition("/")
                context = scope["pocketstack.context"]
                if _looks_like_project_id(segment):
                    # Without a valid token the handler's policy check answers
                    # 401, as keystonemiddleware does before any routing.
                    if context.is_authenticated and segment != context.project_id:
                        request = Request(scope)
                        error = errors.BadRequest("Malformed request url")
                        response = errors.error_response(
                            error, self.service._formatter(request), context.request_id
                        )
                        await response(scope, receive, send)
                        return
                    scope = _with_relative_path(scope, self.prefix + rest)
        await self.app(scope, receive, send)


class RewrittenPath:
    """Routes each request by the path a service's rule gives for it."""

    def __init__(self, app: ASGIApp, rule: Callable[[str, Headers], str]) -> None:
        self.app = app
        self.rule = rule

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            path = self.rule(_relative_path(scope), Headers(scope=scope))
            scope = _with_relative_path(scope, path)
        await self.app(scope, receive, send)


def _relative_path(scope: Scope) -> str:
    """The path below the service's mount point."""
    path: str = scope["path"]
    root = scope.get("root_path", "")
    return path[len(root) :] if root and path.startswith(root) else path


def _with_relative_path(scope: Scope, relative: str) -> Scope:
    root = scope.get("root_path", "")
    return {**scope, "path": (root + relative) if root else relative}


def _looks_like_project_id(segment: str) -> bool:
    """Keystone's ids are 32 hex digits (or a UUID with dashes)."""
    text = segment.replace("-", "")
    return len(text) == 32 and all(c in "0123456789abcdef" for c in text.lower())


def _request_id(request: Request) -> str:
    return request.scope["pocketstack.context"].request_id


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise errors.RequestTooLarge()
    chunks = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise errors.RequestTooLarge()
        chunks.append(chunk)
    return b"".join(chunks)
