"""Snapshot request bodies (Cinder's snapshot schemas)."""

from pocketstack.block_storage.schemas.types import (
    BOOLEAN,
    DESCRIPTION,
    METADATA_OR_NULL,
    UUID_OR_NULL,
    wrapped,
)

NAME = {"type": ["string", "null"], "minLength": 0, "maxLength": 255}

CREATE = wrapped(
    "snapshot",
    {
        "type": "object",
        "properties": {
            "name": NAME,
            "display_name": NAME,
            "description": DESCRIPTION,
            "volume_id": UUID_OR_NULL,
            "force": BOOLEAN,
            "metadata": METADATA_OR_NULL,
        },
        "required": ["volume_id"],
        "additionalProperties": False,
    },
)

UPDATE = wrapped(
    "snapshot",
    {
        "type": "object",
        "properties": {
            "name": NAME,
            "description": DESCRIPTION,
            "display_name": NAME,
            "display_description": DESCRIPTION,
        },
        "additionalProperties": False,
        "anyOf": [
            {"required": ["name"]},
            {"required": ["description"]},
            {"required": ["display_name"]},
            {"required": ["display_description"]},
        ],
    },
)


# Cinder's SnapshotStatus values an admin may reset to.
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
