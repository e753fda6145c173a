"""Volume transfer request bodies."""

from pocketstack.block_storage.schemas.types import BOOLEAN, UUID, wrapped

NAME = {"type": ["string", "null"], "maxLength": 255}

CREATE = wrapped(
    "transfer",
    {
        "type": "object",
        "properties": {"volume_id": UUID, "name": NAME},
        "required": ["volume_id"],
        "additionalProperties": False,
    },
)
# 3.55: the volume's snapshots go with it unless no_snapshots.
CREATE_V355 = wrapped(
    "transfer",
    {
        "type": "object",
        "properties": {"volume_id": UUID, "name": NAME, "no_snapshots": BOOLEAN},
        "required": ["volume_id"],
        "additionalProperties": False,
    },
)
ACCEPT = wrapped(
    "accept",
    {
        "type": "object",
        "properties": {"auth_key": {"type": ["string", "integer"]}},
        "required": ["auth_key"],
        "additionalProperties": False,
    },
)
