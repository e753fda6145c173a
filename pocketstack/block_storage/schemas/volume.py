"""Volume request bodies."""

from pocketstack.block_storage.schemas.types import (
    BOOLEAN,
    DESCRIPTION,
    METADATA,
    METADATA_OR_NULL,
    NAME,
    SIZE_OR_NULL,
    UUID_OR_NULL,
    wrapped,
)

CREATE = {
    "type": "object",
    "properties": {
        "volume": {
            "type": "object",
            "properties": {
                "name": NAME,
                "description": DESCRIPTION,
                "display_name": NAME,
                "display_description": DESCRIPTION,
                "size": SIZE_OR_NULL,
                "volume_type": {"type": ["string", "null"], "maxLength": 255},
                "availability_zone": {"type": ["string", "null"], "maxLength": 255},
                "metadata": METADATA_OR_NULL,
                "multiattach": BOOLEAN,
                "source_volid": UUID_OR_NULL,
                "snapshot_id": UUID_OR_NULL,
                "backup_id": UUID_OR_NULL,
                "group_id": UUID_OR_NULL,
                "consistencygroup_id": UUID_OR_NULL,
                "imageRef": {"type": ["string", "null"]},
                "image_id": {"type": ["string", "null"]},
            },
            "additionalProperties": True,
        },
        "OS-SCH-HNT:scheduler_hints": {"type": ["object", "null"]},
    },
    "required": ["volume"],
    "additionalProperties": False,
}

UPDATE = wrapped(
    "volume",
    {
        "type": "object",
        "properties": {
            "name": NAME,
            "description": DESCRIPTION,
            "display_name": NAME,
            "display_description": DESCRIPTION,
            "metadata": METADATA,
        },
        "additionalProperties": False,
    },
)
