"""API errors: one exception type carrying a status and a fixed code.

Handlers raise; they never build error responses. Each service registers one
formatter that writes the body shape that service uses (Keystone's ``error``,
Nova/Cinder's ``itemNotFound``/``badRequest``, ...), and the application picks
it by the path prefix the request came in on.
"""

from __future__ import annotations

import http
from collections.abc import Callable, Mapping

import orjson
from starlette.responses import Response


class ApiError(Exception):
    """An answer other than success, with what the client needs to act on it.

    ``code`` is a fixed, dotted machine name (``identity.user.not_found``); the
    message is for people. Subclasses set defaults for both.
    """

    status: int = 500
    code: str = "internal"
    message: str = "An unexpected error prevented the server from fulfilling your request."

    def __init__(
        self,
        message: str | None = None,
        *,
        code: str | None = None,
        status: int | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        if message is not None:
            self.message = message
        if code is not None:
            self.code = code
        if status is not None:
            self.status = status
        self.headers = dict(headers or {})
        super().__init__(self.message)

    @property
    def title(self) -> str:
        return http.HTTPStatus(self.status).phrase


class BadRequest(ApiError):
    status = 400
    code = "bad_request"
    message = "The request is malformed or otherwise incorrect."


class Unauthorized(ApiError):
    status = 401
    code = "unauthorized"
    message = "The request you have made requires authentication."


class Forbidden(ApiError):
    status = 403
    code = "forbidden"
    message = "You are not authorized to perform the requested action."


class NotFound(ApiError):
    status = 404
    code = "not_found"
    message = "The resource could not be found."


class MethodNotAllowed(ApiError):
    status = 405
    code = "method_not_allowed"
    message = "The method is not allowed for the requested URL."


class NotAcceptable(ApiError):
    status = 406
    code = "not_acceptable"


class Conflict(ApiError):
    status = 409
    code = "conflict"
    message = "The request conflicts with the current state of the resource."


class RequestTooLarge(ApiError):
    status = 413
    code = "request_too_large"
    message = "Request is too large."


class UnsupportedMediaType(ApiError):
    status = 415
    code = "unsupported_media_type"


class NotImplementedYet(ApiError):
    status = 501
    code = "not_implemented"
    message = "The action is not implemented."


# A formatter turns an error into a body and content type; the status and the
# error's own headers are applied by error_response().
ErrorFormatter = Callable[[ApiError, str], tuple[bytes, str]]


def keystone_format(error: ApiError, request_id: str) -> tuple[bytes, str]:
    """Keystone's body, which keystonemiddleware also uses for every service's
    401: ``{"error": {"code": 401, "title": "Unauthorized", "message": …}}``."""
    body = {"error": {"code": error.status, "title": error.title, "message": error.message}}
    return orjson.dumps(body), "application/json"


def error_response(error: ApiError, formatter: ErrorFormatter, request_id: str) -> Response:
    body, media_type = formatter(error, request_id)
    return Response(body, status_code=error.status, headers=error.headers, media_type=media_type)
