"""Swift's error bodies, and the object store errors handlers raise.

Swift answers errors through its own small WSGI library (swob): a status
with no body of its own gets ``<html><h1>Title</h1><p>Explanation</p></html>``
from a fixed table; a few errors carry a short text of their own instead
(limits, bad names). Both are sent as text/html. A missing or bad token is
answered by keystonemiddleware in Keystone's body, as for every service.
"""

from __future__ import annotations

from pocketstack.api.errors import ApiError

# swob's title and explanation of each status it answers with no body.
REASONS = {
    400: (
        "Bad Request",
        "The server could not comply with the request since it is either "
        "malformed or otherwise incorrect.",
    ),
    401: (
        "Unauthorized",
        "This server could not verify that you are authorized to access "
        "the document you requested.",
    ),
    403: ("Forbidden", "Access was denied to this resource."),
    404: ("Not Found", "The resource could not be found."),
    405: ("Method Not Allowed", "The method is not allowed for this resource."),
    409: ("Conflict", "There was a conflict when trying to complete your request."),
    411: ("Length Required", "Content-Length header required."),
    412: ("Precondition Failed", "A precondition for this request was not met."),
    413: ("Request Entity Too Large", "The body of your request was too large for this server."),
    416: ("Requested Range Not Satisfiable", "The Range requested is not available."),
    422: ("Unprocessable Entity", "Unable to process the contained instructions"),
    499: ("Client Disconnect", "The client was disconnected during request."),
    500: (
        "Internal Error",
        "The server has either erred or is incapable of performing the requested operation.",
    ),
    501: ("Not Implemented", "The requested method is not implemented by this server."),
}


class SwiftError(ApiError):
    """An error whose ``body`` (if any) is Swift's own text for it."""

    def __init__(
        self,
        status: int,
        body: str | None = None,
        headers: dict[str, str] | None = None,
        content_type: str = "text/html; charset=UTF-8",
    ) -> None:
        super().__init__(body, status=status, code=f"object_store.{status}", headers=headers)
        self.body = body
        self.content_type = content_type


def swift_format(error: ApiError, request_id: str) -> tuple[bytes, str]:
    body = getattr(error, "body", None)
    if body is not None:
        return body.encode(), error.content_type  # type: ignore[attr-defined]
    title, explanation = REASONS.get(error.status) or (error.title, "")
    return f"<html><h1>{title}</h1><p>{explanation}</p></html>".encode(), "text/html; charset=UTF-8"


def bad_request(body: str | None = None) -> SwiftError:
    return SwiftError(400, body)


def bad_metadata(body: str) -> SwiftError:
    """Swift's metadata limits answer in plain text."""
    return SwiftError(400, body, content_type="text/plain")


def not_found() -> SwiftError:
    return SwiftError(404)


def conflict() -> SwiftError:
    return SwiftError(409)


def length_required() -> SwiftError:
    return SwiftError(411)


def precondition_failed(body: str) -> SwiftError:
    return SwiftError(412, body)


def too_large(body: str | None = None) -> SwiftError:
    return SwiftError(413, body)


def range_not_satisfiable(size: int) -> SwiftError:
    return SwiftError(416, headers={"Content-Range": f"bytes */{size}"})


def etag_mismatch() -> SwiftError:
    """The body's MD5 is not the ETag the client sent (Swift's 422)."""
    return SwiftError(422)


def client_disconnect() -> SwiftError:
    return SwiftError(499)


def malformed_body() -> SwiftError:
    return bad_request("Manifest must be valid JSON.\n")
