"""Request bodies of /v3/types, its extra specs, access actions and
encryption, and of /v3/default-types (Cinder's schemas, as data)."""

from pocketstack.block_storage.schemas.types import BOOLEAN, DESCRIPTION, wrapped

NAME = {"type": "string", "minLength": 1, "maxLength": 255}
UPDATE_NAME = {"type": ["string", "null"], "minLength": 1, "maxLength": 255}
EXTRA_SPECS = {
    "type": "object",
    "patternProperties": {"^[a-zA-Z0-9-_:. /]{1,255}$": {"type": "string", "maxLength": 255}},
    "additionalProperties": False,
}
EXTRA_SPECS_WITH_NULL = {
    "type": ["object", "null"],
    "patternProperties": {
        "^[a-zA-Z0-9-_:. /]{1,255}$": {"type": ["string", "null"], "maxLength": 255}
    },
    "additionalProperties": False,
}

CREATE = wrapped(
    "volume_type",
    {
        "type": "object",
        "properties": {
            "name": NAME,
            "description": DESCRIPTION,
            "extra_specs": EXTRA_SPECS_WITH_NULL,
            "os-volume-type-access:is_public": BOOLEAN,
        },
        "required": ["name"],
        "additionalProperties": False,
    },
)

UPDATE = wrapped(
    "volume_type",
    {
        "type": "object",
        "properties": {"name": UPDATE_NAME, "description": DESCRIPTION, "is_public": BOOLEAN},
        "additionalProperties": False,
    },
)

EXTRA_SPECS_CREATE = wrapped("extra_specs", EXTRA_SPECS)
# PUT /extra_specs/{key}: exactly one key, the one in the path.
EXTRA_SPEC_ITEM = {**EXTRA_SPECS, "minProperties": 1, "maxProperties": 1}

PROJECT = {"type": "string", "minLength": 1, "maxLength": 255}


def _project_action(action: str) -> dict:
    return wrapped(
        action,
        {
            "type": "object",
            "properties": {"project": PROJECT},
            "required": ["project"],
            "additionalProperties": False,
        },
    )


ADD_PROJECT_ACCESS = _project_action("addProjectAccess")
REMOVE_PROJECT_ACCESS = _project_action("removeProjectAccess")

_ENCRYPTION_FIELDS = {
    "provider": {"type": "string", "minLength": 0, "maxLength": 255},
    "control_location": {"type": "string", "enum": ["front-end", "back-end"]},
    "cipher": {"type": ["string", "null"], "maxLength": 255},
    "key_size": {"type": ["integer", "string", "null"], "pattern": "^[0-9]+$", "minimum": 0},
}
ENCRYPTION_CREATE = wrapped(
    "encryption",
    {
        "type": "object",
        "properties": _ENCRYPTION_FIELDS,
        "required": ["provider", "control_location"],
        "additionalProperties": True,
    },
)
ENCRYPTION_UPDATE = wrapped(
    "encryption",
    {"type": "object", "properties": _ENCRYPTION_FIELDS, "additionalProperties": True},
)

DEFAULT_TYPE_SET = wrapped(
    "default_type",
    {
        "type": "object",
        "properties": {"volume_type": {"type": "string", "minLength": 1, "maxLength": 255}},
        "required": ["volume_type"],
        "additionalProperties": False,
    },
)
