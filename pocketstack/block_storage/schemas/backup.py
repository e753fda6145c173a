"""Backup request bodies (Cinder's backup schemas, by microversion)."""

import copy

from pocketstack.block_storage.schemas.types import (
    BOOLEAN,
    DESCRIPTION,
    METADATA_OR_NULL,
    UUID,
    UUID_OR_NULL,
    wrapped,
)

NAME = {"type": ["string", "null"], "minLength": 0, "maxLength": 255}
NULLABLE_STRING = {"type": ["string", "null"], "minLength": 0, "maxLength": 255}

CREATE = wrapped(
    "backup",
    {
        "type": "object",
        "properties": {
            "volume_id": UUID,
            "container": NULLABLE_STRING,
            "description": DESCRIPTION,
            "incremental": BOOLEAN,
            "force": BOOLEAN,
            "name": NAME,
            "snapshot_id": UUID_OR_NULL,
        },
        "required": ["volume_id"],
        "additionalProperties": False,
    },
)
# 3.43: backups carry metadata.
CREATE_V3_43 = copy.deepcopy(CREATE)
CREATE_V3_43["properties"]["backup"]["properties"]["metadata"] = METADATA_OR_NULL
# 3.51: a backup may name its availability zone.
CREATE_V3_51 = copy.deepcopy(CREATE_V3_43)
CREATE_V3_51["properties"]["backup"]["properties"]["availability_zone"] = NULLABLE_STRING

UPDATE = wrapped(
    "backup",
    {
        "type": ["object", "null"],
        "properties": {"name": NAME, "description": DESCRIPTION},
        "additionalProperties": False,
    },
)
UPDATE_V3_43 = copy.deepcopy(UPDATE)
UPDATE_V3_43["properties"]["backup"]["properties"]["metadata"] = {
    "type": "object",
    "patternProperties": {"^[a-zA-Z0-9-_:. /]{1,255}$": {"type": "string", "maxLength": 255}},
    "additionalProperties": False,
}

RESTORE = wrapped(
    "restore",
    {
        "type": ["object", "null"],
        "properties": {"name": NAME, "volume_id": UUID_OR_NULL},
        "additionalProperties": False,
    },
)

IMPORT_RECORD = wrapped(
    "backup-record",
    {
        "type": "object",
        "properties": {
            "backup_service": {"type": "string", "minLength": 0, "maxLength": 255},
            "backup_url": {"type": "string", "minLength": 1},
        },
        "required": ["backup_service", "backup_url"],
        "additionalProperties": False,
    },
)

RESET_STATUS = wrapped(
    "os-reset_status",
    {
        "type": "object",
        "properties": {"status": {"type": "string", "minLength": 1, "maxLength": 255}},
        "required": ["status"],
        "additionalProperties": False,
    },
)
FORCE_DELETE = wrapped("os-force_delete", {})
