"""Cinder's error bodies, and the block-storage errors handlers raise.

Cinder wraps every error as ``{"<fault name>": {"code": 404, "message": …}}``
where the fault name follows the status (``badRequest``, ``itemNotFound``,
``overLimit``…; ``computeFault`` for anything else). The messages here are
Cinder's own, so a client that matches on them keeps working.
"""

from __future__ import annotations

import orjson

from pocketstack.api.errors import ApiError
from pocketstack.api.validation import SchemaError

FAULT_NAMES = {
    400: "badRequest",
    401: "unauthorized",
    403: "forbidden",
    404: "itemNotFound",
    405: "badMethod",
    409: "conflictingRequest",
    413: "overLimit",
    415: "badMediaType",
    501: "notImplemented",
    503: "serviceUnavailable",
}


def cinder_format(error: ApiError, request_id: str) -> tuple[bytes, str]:
    fault = FAULT_NAMES.get(error.status, "computeFault")
    body = {fault: {"code": error.status, "message": error.message}}
    return orjson.dumps(body), "application/json"


def bad_request(message: str) -> ApiError:
    return ApiError(message, status=400, code="block_storage.bad_request")


def invalid_input(reason: str) -> ApiError:
    return bad_request(f"Invalid input received: {reason}")


def invalid_volume(reason: str) -> ApiError:
    return ApiError(f"Invalid volume: {reason}", status=400, code="block_storage.volume.invalid")


def not_found(message: str) -> ApiError:
    return ApiError(message, status=404, code="block_storage.not_found")


def volume_not_found(volume_id: str) -> ApiError:
    return not_found(f"Volume {volume_id} could not be found.")


def volume_type_not_found(type_id: str) -> ApiError:
    return not_found(f"Volume type {type_id} could not be found.")


def policy_denied(action: str) -> ApiError:
    return ApiError(
        f"Policy doesn't allow {action} to be performed.",
        status=403,
        code="block_storage.policy",
    )


def over_quota(message: str) -> ApiError:
    # Cinder's QuotaError answers 413 and says a retry may come at once.
    return ApiError(message, status=413, code="block_storage.quota", headers={"Retry-After": "0"})


def malformed_body() -> ApiError:
    return bad_request("Malformed request body")


def missing_body() -> ApiError:
    return bad_request(
        "The server could not comply with the request since it is either "
        "malformed or otherwise incorrect."
    )


def invalid_body(error: SchemaError) -> ApiError:
    """Cinder's jsonschema wording: the field, the value (as Python prints
    it) and what is wrong."""
    if error.path:
        return bad_request(
            f"Invalid input for field/attribute {error.field}. "
            f"Value: {error.instance}. {error.message}"
        )
    return bad_request(error.message)


def conflict(message: str) -> ApiError:
    return ApiError(message, status=409, code="block_storage.conflict")


def version_not_supported() -> ApiError:
    """A method that does not exist at the request's microversion: Cinder
    answers a bare 404, as if the method were not there at all."""
    return not_found("The resource could not be found.")


def forbidden(message: str) -> ApiError:
    return ApiError(message, status=403, code="block_storage.forbidden")
