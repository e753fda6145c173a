"""Volume request bodies, by microversion range (``Versioned``): 3.53
refuses keys a create does not know and an update that changes nothing."""

import copy

from pocketstack.api.microversion import Versioned
from pocketstack.block_storage.schemas.types import (
    BOOLEAN,
    METADATA,
    METADATA_OR_NULL,
    SIZE_OR_NULL,
    UUID_OR_NULL,
    wrapped,
)

# Cinder's format checker measures a volume's name and description once
# their surrounding whitespace is gone (handlers.clean_names), not here.
TEXT = {"type": ["string", "null"]}

CREATE_V30 = {
    "type": "object",
    "properties": {
        "volume": {
            "type": "object",
            "properties": {
                "name": TEXT,
                "description": TEXT,
                "display_name": TEXT,
                "display_description": TEXT,
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

# 3.53: keys a create does not know are refused.
CREATE_V353 = copy.deepcopy(CREATE_V30)
CREATE_V353["properties"]["volume"]["additionalProperties"] = False

UPDATE_V30 = wrapped(
    "volume",
    {
        "type": "object",
        "properties": {
            "name": TEXT,
            "description": TEXT,
            "display_name": TEXT,
            "display_description": TEXT,
            "metadata": METADATA,
        },
        "additionalProperties": False,
    },
)

# 3.53: an update must name something to change.
UPDATE_V353 = copy.deepcopy(UPDATE_V30)
UPDATE_V353["properties"]["volume"]["anyOf"] = [
    {"required": [key]}
    for key in ("name", "description", "display_name", "display_description", "metadata")
]

CREATE = Versioned([("3.0", "3.52", CREATE_V30), ("3.53", None, CREATE_V353)])
UPDATE = Versioned([("3.0", "3.52", UPDATE_V30), ("3.53", None, UPDATE_V353)])
