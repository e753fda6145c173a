"""Attachment request bodies (Cinder's, plus the ``volume_id`` key
openstacksdk sends in place of ``volume_uuid``)."""

import copy

from pocketstack.block_storage.schemas.types import UUID, UUID_OR_NULL, wrapped

CREATE = wrapped(
    "attachment",
    {
        "type": "object",
        "properties": {
            "instance_uuid": UUID_OR_NULL,
            "connector": {"type": ["object", "null"]},
            "volume_uuid": UUID,
            "volume_id": UUID,
        },
        "anyOf": [{"required": ["volume_uuid"]}, {"required": ["volume_id"]}],
        "additionalProperties": False,
    },
)
# 3.54: the attach mode may be asked for.
CREATE_V354 = copy.deepcopy(CREATE)
CREATE_V354["properties"]["attachment"]["properties"]["mode"] = {
    "type": "string",
    "enum": ["rw", "ro"],
}

UPDATE = wrapped(
    "attachment",
    {
        "type": "object",
        "properties": {"connector": {"type": "object", "minProperties": 1}},
        "required": ["connector"],
        "additionalProperties": False,
    },
)

COMPLETE = {
    "type": "object",
    "properties": {"os-complete": {}},
    "required": ["os-complete"],
    "additionalProperties": False,
}
