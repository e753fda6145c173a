"""Request bodies of /v3/qos-specs (Cinder's schemas, as data)."""

from pocketstack.block_storage.schemas.types import wrapped
from pocketstack.block_storage.schemas.volume_type import EXTRA_SPECS

CREATE = wrapped(
    "qos_specs",
    {
        "type": "object",
        "properties": {"name": {"type": "string", "minLength": 1, "maxLength": 255}},
        "required": ["name"],
        "additionalProperties": True,
    },
)
SET = wrapped("qos_specs", EXTRA_SPECS)
UNSET = wrapped(
    "keys",
    {
        "type": "array",
        "items": {"type": "string", "minLength": 1, "maxLength": 255},
        "uniqueItems": True,
    },
)
