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


def unsupported_media_type(media_type: str) -> ApiError | None:
    """Cinder deserialises only its JSON media types (or a body sent without one)."""
    if media_type in ("", "application/json", "application/vnd.openstack.volume+json"):
        return None
    return bad_request("Unsupported Content-Type")


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


def invalid_snapshot(reason: str) -> ApiError:
    return ApiError(
        f"Invalid snapshot: {reason}", status=400, code="block_storage.snapshot.invalid"
    )


def snapshot_not_found(snapshot_id: str) -> ApiError:
    return not_found(f"Snapshot {snapshot_id} could not be found.")


def invalid_backup(reason: str) -> ApiError:
    return ApiError(f"Invalid backup: {reason}", status=400, code="block_storage.backup.invalid")


def backup_not_found(backup_id: str) -> ApiError:
    return not_found(f"Backup {backup_id} could not be found.")


def attachment_not_found(attachment_id: str) -> ApiError:
    return not_found(
        f"Volume attachment could not be found with filter: attachment_id = {attachment_id}."
    )


def resource_conflict(reason: str) -> ApiError:
    return conflict(f"Resource conflict: {reason}")


def invalid_attach_mode(mode: str, volume_id: str) -> ApiError:
    return bad_request(f"Invalid attaching mode '{mode}' for volume {volume_id}.")


def no_such_action(action: str) -> ApiError:
    return bad_request(
        f"There is no such action: {action}. Verify the request body "
        "and Content-Type header and try again."
    )


def not_in_version() -> ApiError:
    """A path the request's microversion does not have (Cinder's 404)."""
    return not_found("The resource could not be found.")


def group_type_not_found(type_id: str) -> ApiError:
    return not_found(f"Group type {type_id} could not be found.")


def group_not_found(group_id: str) -> ApiError:
    return not_found(f"Group {group_id} could not be found.")


def invalid_group(reason: str) -> ApiError:
    return ApiError(f"Invalid Group: {reason}", status=400, code="block_storage.group.invalid")


def group_snapshot_not_found(group_snapshot_id: str) -> ApiError:
    return not_found(f"GroupSnapshot {group_snapshot_id} could not be found.")


def invalid_group_snapshot(reason: str) -> ApiError:
    return ApiError(
        f"Invalid GroupSnapshot: {reason}", status=400, code="block_storage.group_snapshot.invalid"
    )


def transfer_not_found(transfer_id: str) -> ApiError:
    return not_found(f"Transfer {transfer_id} could not be found.")


def invalid_auth_key(transfer_id: str) -> ApiError:
    return ApiError(
        f"Invalid auth key: Attempt to transfer {transfer_id} with invalid auth key.",
        status=400,
        code="block_storage.transfer.invalid_auth_key",
    )


def forbidden(message: str) -> ApiError:
    return ApiError(message, status=403, code="block_storage.forbidden")
