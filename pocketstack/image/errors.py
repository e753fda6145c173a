"""Glance's error bodies, and the image errors handlers raise.

Glance raises webob HTTP exceptions, and webob writes the body in the form
the client accepts (text/html, then application/json; text/plain if it
accepts neither): ``{"message": "<explanation><br /><br />\\n<detail>\\n\\n",
"code": "404 Not Found", "title": "Not Found"}``. A missing or bad token is
answered by keystonemiddleware before Glance sees the request, in Keystone's
own body with ``WWW-Authenticate`` (pocketstack.api.service does that).
"""

from __future__ import annotations

import html
import http
import re

import orjson
from starlette.requests import Request

from pocketstack.api.errors import ApiError, ErrorFormatter

# webob's explanation of each status, used when Glance gives none.
EXPLANATIONS = {
    400: "The server could not comply with the request since it is either "
    "malformed or otherwise incorrect.",
    403: "Access was denied to this resource.",
    404: "The resource could not be found.",
    409: "There was a conflict when trying to complete your request.",
    410: "This resource is no longer available.  No forwarding address is given.",
    413: "The request is larger than the server is willing or able to process.",
    416: "The Range requested is not available.",
    500: "The server has either erred or is incapable of performing the requested operation.",
    503: "The server is currently unavailable. Please try again at a later time.",
}


class GlanceError(ApiError):
    """An error with webob's two parts: ``message`` is the explanation and
    ``detail`` the optional second paragraph."""

    detail: str = ""

    def __init__(
        self,
        explanation: str | None = None,
        *,
        status: int,
        detail: str = "",
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(
            explanation or EXPLANATIONS.get(status),
            status=status,
            code=f"image.{status}",
            headers=headers,
        )
        self.detail = detail


def bad_request(explanation: str) -> GlanceError:
    return GlanceError(explanation, status=400)


def forbidden(explanation: str | None = None, detail: str = "") -> GlanceError:
    return GlanceError(explanation, status=403, detail=detail)


def not_found(explanation: str | None = None) -> GlanceError:
    return GlanceError(explanation, status=404)


def conflict(explanation: str) -> GlanceError:
    return GlanceError(explanation, status=409)


def too_large(explanation: str) -> GlanceError:
    return GlanceError(explanation, status=413)


def image_not_found(image_id: str) -> GlanceError:
    return not_found(f"No image found with ID {image_id}")


def unknown_image(image_id: str) -> GlanceError:
    """The 404 of Glance's member and tag calls."""
    return not_found(f"Image {image_id} not found.")


def nothing_to_delete(image_id: str) -> GlanceError:
    return not_found(f"Failed to find image {image_id} to delete")


def read_only(attribute: str) -> GlanceError:
    return forbidden(f"Attribute '{attribute}' is read-only.")


def reserved(attribute: str, as_detail: bool = False) -> GlanceError:
    # Glance raises some of these with the text as webob's detail.
    text = f"Attribute '{attribute}' is reserved."
    return forbidden(detail=text) if as_detail else forbidden(text)


def policy_denied(rule: str) -> GlanceError:
    return forbidden(denied_text(rule))


def denied_text(rule: str) -> str:
    return f"You are not authorized to complete {rule} action."


def status_transition(current: str, target: str) -> GlanceError:
    return conflict(f"Image status transition from {current} to {target} is not allowed")


def limit_exceeded(body: str) -> GlanceError:
    """Glance's LimitExceeded, as its quota code raises it (413)."""
    return too_large(
        "The request returned a 413 Request Entity Too Large. This generally means "
        "that rate limiting or a quota threshold was breached.\n\nThe response "
        f"body:\n{body}"
    )


def unsupported_media_type(
    content_type: str, detail: str, headers: dict[str, str] | None = None
) -> GlanceError:
    explanation = f"The request media type {content_type} is not supported by this server."
    error = GlanceError(explanation, status=415, detail=detail, headers=headers)
    error.separator = "\n"
    return error


def missing_body() -> ApiError:
    return bad_request("Body expected in request.")


def malformed_body() -> ApiError:
    # Glance's JSON deserializer: "Malformed JSON in request body."
    return bad_request("Malformed JSON in request body.")


# --- formatting -------------------------------------------------------------


def formatter_for(request: Request) -> ErrorFormatter:
    """webob's choice: the best of text/html and application/json by the
    Accept header's q-values (html first on a tie), else text/plain."""
    offer = _best_offer(request.headers.get("accept", ""))
    return lambda error, request_id: _format(error, offer)


def _format(error: ApiError, offer: str | None) -> tuple[bytes, str]:
    # A 401 never gets here: ServiceApi answers it as keystonemiddleware does.
    status = f"{error.status} {http.HTTPStatus(error.status).phrase}"
    explanation = error.message or EXPLANATIONS.get(error.status, "")
    detail = getattr(error, "detail", "")
    separator = getattr(error, "separator", "")
    if offer == "application/json":
        message = f"{explanation}{separator}<br /><br />\n{detail}\n\n"
        if separator:  # webob's 415 template has no trailing comment lines
            message = f"{explanation}{separator}<br /><br />\n{detail}"
        body = {"message": message, "code": status, "title": error.title}
        return orjson.dumps(body), "application/json"
    if offer == "text/html":
        inner = f"{html.escape(explanation)}<br /><br />\n{html.escape(detail)}\n\n"
        page = (
            f"<html>\n <head>\n  <title>{status}</title>\n </head>\n <body>\n"
            f"  <h1>{status}</h1>\n  {inner}\n </body>\n</html>"
        )
        return page.encode(), "text/html; charset=UTF-8"
    text = re.sub(r"<[^>]*>", "", f"{explanation}\n\n {detail}  ")
    return f"{status}\n\n{text}".encode(), "text/plain; charset=UTF-8"


def _best_offer(accept: str) -> str | None:
    best: tuple[float, int, str] | None = None
    for rank, offer in enumerate(("text/html", "application/json")):
        quality = _quality(accept, offer)
        if quality > 0 and (best is None or (quality, -rank) > (best[0], best[1])):
            best = (quality, -rank, offer)
    return best[2] if best else None


def _quality(accept: str, offer: str) -> float:
    """The q of the most specific media range in ``accept`` matching ``offer``."""
    found: tuple[int, float] | None = None
    kind, _, sub = offer.partition("/")
    for item in accept.split(","):
        media, *params = (part.strip() for part in item.split(";"))
        if not media:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        rkind, _, rsub = media.lower().partition("/")
        specificity = {("*", "*"): 0, (kind, "*"): 1, (kind, sub): 2}.get((rkind, rsub))
        if specificity is not None and (found is None or specificity > found[0]):
            found = (specificity, q)
    return found[1] if found else 0.0


def glance_format(error: ApiError, request_id: str) -> tuple[bytes, str]:
    """The formatter when no request is at hand: webob's JSON form."""
    return _format(error, "application/json")


def limit_exceeded_count(kind: str, attempted: int, maximum: int) -> GlanceError:
    """Glance's ImagePropertyLimitExceeded / ImageTagLimitExceeded."""
    return too_large(
        f"The limit has been exceeded on the number of allowed image {kind}. "
        f"Attempted: {attempted}, Maximum: {maximum}"
    )


def conflict_detail(detail: str) -> GlanceError:
    """A 409 whose text Glance passes as webob's detail (after the default)."""
    return GlanceError(None, status=409, detail=detail)
