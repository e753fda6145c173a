"""Group type, group spec, group and group snapshot request bodies."""

from pocketstack.block_storage.schemas.types import BOOLEAN, DESCRIPTION, NAME, UUID, wrapped

GROUP_STATUSES = [
    "error",
    "available",
    "creating",
    "deleting",
    "deleted",
    "updating",
    "in-use",
    "error_deleting",
]
GROUP_SNAPSHOT_STATUSES = [s for s in GROUP_STATUSES if s != "in-use"]
# Group spec keys take no spaces; values may be null.
SPECS = {
    "type": "object",
    "patternProperties": {
        "^[a-zA-Z0-9-_:.]{1,255}$": {"type": ["string", "null"], "maxLength": 255}
    },
    "additionalProperties": False,
}
SPECS_OR_NULL = {**SPECS, "type": ["object", "null"]}
TYPE_NAME = {"type": "string", "minLength": 1, "maxLength": 255}

TYPE_CREATE = wrapped(
    "group_type",
    {
        "type": "object",
        "properties": {
            "name": TYPE_NAME,
            "description": DESCRIPTION,
            "is_public": BOOLEAN,
            "group_specs": SPECS_OR_NULL,
        },
        "required": ["name"],
        "additionalProperties": False,
    },
)
TYPE_UPDATE = wrapped(
    "group_type",
    {
        "type": "object",
        "properties": {"name": NAME, "description": DESCRIPTION, "is_public": BOOLEAN},
        "additionalProperties": False,
    },
)
SPECS_CREATE = wrapped("group_specs", SPECS)
SPEC_UPDATE = {**SPECS, "minProperties": 1, "maxProperties": 1}

CREATE = wrapped(
    "group",
    {
        "type": "object",
        "properties": {
            "description": DESCRIPTION,
            "group_type": {"type": "string", "minLength": 1, "maxLength": 255},
            "name": NAME,
            "volume_types": {
                "type": "array",
                "minItems": 1,
                "items": {"type": "string", "maxLength": 255},
                "uniqueItems": True,
            },
            "availability_zone": {"type": ["string", "null"], "maxLength": 255},
        },
        "required": ["group_type", "volume_types"],
        "additionalProperties": False,
    },
)
CREATE_FROM_SOURCE = wrapped(
    "create-from-src",
    {
        "type": "object",
        "properties": {
            "description": DESCRIPTION,
            "name": NAME,
            "source_group_id": UUID,
            "group_snapshot_id": UUID,
        },
        "oneOf": [{"required": ["group_snapshot_id"]}, {"required": ["source_group_id"]}],
        "additionalProperties": False,
    },
)
# The volume lists are comma-separated ids in one string.
VOLUME_IDS = {"type": ["string", "null"], "maxLength": 255 * 37}
UPDATE = wrapped(
    "group",
    {
        "type": "object",
        "properties": {
            "description": DESCRIPTION,
            "name": NAME,
            "add_volumes": VOLUME_IDS,
            "remove_volumes": VOLUME_IDS,
        },
        "anyOf": [
            {"required": ["name"]},
            {"required": ["description"]},
            {"required": ["add_volumes"]},
            {"required": ["remove_volumes"]},
        ],
        "additionalProperties": False,
    },
)
DELETE = wrapped(
    "delete",
    {
        "type": "object",
        "properties": {"delete-volumes": BOOLEAN},
        "additionalProperties": False,
    },
)
RESET_STATUS = wrapped(
    "reset_status",
    {
        "type": "object",
        "properties": {"status": {"type": "string", "enum": GROUP_STATUSES}},
        "required": ["status"],
        "additionalProperties": False,
    },
)

SNAPSHOT_CREATE = wrapped(
    "group_snapshot",
    {
        "type": "object",
        "properties": {"group_id": UUID, "name": NAME, "description": DESCRIPTION},
        "required": ["group_id"],
        "additionalProperties": False,
    },
)
SNAPSHOT_RESET_STATUS = wrapped(
    "reset_status",
    {
        "type": "object",
        "properties": {"status": {"type": "string", "enum": GROUP_SNAPSHOT_STATUSES}},
        "required": ["status"],
        "additionalProperties": False,
    },
)
LIST_REPLICATION = {
    "type": "object",
    "properties": {"list_replication_targets": {"type": ["object", "null"]}},
    "required": ["list_replication_targets"],
    "additionalProperties": False,
}
