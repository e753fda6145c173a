"""Keystone's error body and the identity errors handlers raise.

Body: ``{"error": {"code": 404, "title": "Not Found", "message": "..."}}``;
a 401 also carries ``WWW-Authenticate: Keystone uri="…"`` as Keystone sends.
"""

from __future__ import annotations

from pocketstack.api import errors
from pocketstack.api.validation import SchemaError

CLIENT_IS_WRONG = (
    " The server could not comply with the request since it is either malformed"
    " or otherwise incorrect. The client is assumed to be in error."
)


class ValidationError(errors.BadRequest):
    code = "identity.validation"

    @classmethod
    def expecting(cls, attribute: str, target: str) -> ValidationError:
        return cls(f"Expecting to find {attribute} in {target}." + CLIENT_IS_WRONG)


def malformed_body() -> errors.ApiError:
    return ValidationError.expecting("valid JSON", "request body")


def unsupported_media_type(media_type: str) -> errors.ApiError | None:
    """Keystone reads a body as JSON without a Content-Type, or with a JSON one."""
    if media_type in ("", "application/json") or (
        media_type.startswith("application/") and media_type.endswith("+json")
    ):
        return None
    return ValidationError.expecting("application/json", "Content-Type header")


def invalid_body(error: SchemaError) -> errors.ApiError:
    if error.path:
        return invalid_input(error.field, error.instance, error.message)
    return ValidationError(error.message)


def invalid_input(field: object, value: object, message: str) -> errors.ApiError:
    """Keystone names the innermost field and shows the value it found."""
    return ValidationError(f"Invalid input for field/attribute {field}. Value: {value}. {message}")


def not_found(kind: str, ident: str) -> errors.NotFound:
    """``Could not find project: abc.`` — Keystone's wording for every kind."""
    return errors.NotFound(
        f"Could not find {kind}: {ident}.", code=f"identity.{_code(kind)}.not_found"
    )


def conflict(kind: str, details: str) -> errors.Conflict:
    return errors.Conflict(
        f"Conflict occurred attempting to store {kind} - {details}.",
        code=f"identity.{_code(kind)}.conflict",
    )


def duplicate(kind: str, name: str, domain_id: str | None = None) -> errors.Conflict:
    where = f" at domain ID {domain_id}" if domain_id else ""
    return conflict(kind, f"Duplicate entry found with name {name}{where}")


def forbidden(message: str) -> errors.Forbidden:
    return errors.Forbidden(message, code="identity.forbidden")


def forbidden_action(action: str) -> errors.Forbidden:
    """Keystone's ForbiddenAction: a refusal that names what was refused
    (Keystone's actions often end with a full stop of their own: kept)."""
    return forbidden(f"You are not authorized to perform the requested action: {action}.")


def _code(kind: str) -> str:
    return kind.lower().replace(" ", "_")


def unauthorized(message: str | None = None) -> errors.Unauthorized:
    return errors.Unauthorized(message)
