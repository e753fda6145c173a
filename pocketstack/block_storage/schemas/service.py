"""Bodies of PUT /v3/os-services/{enable,disable,disable-log-reason}."""

import copy

ENABLE_AND_DISABLE = {
    "type": "object",
    "properties": {
        "binary": {"type": "string", "minLength": 1, "maxLength": 255},
        "host": {"type": "string", "minLength": 1, "maxLength": 255},
        "cluster": {"type": ["string", "null"]},
        "service": {"type": "string", "minLength": 1, "maxLength": 255},
    },
    "anyOf": [{"required": ["binary"]}, {"required": ["service"]}],
    "additionalProperties": False,
}

DISABLE_LOG_REASON = copy.deepcopy(ENABLE_AND_DISABLE)
DISABLE_LOG_REASON["properties"]["disabled_reason"] = {
    "type": "string",
    "minLength": 1,
    "maxLength": 255,
    "pattern": r"^\S(.*\S)?$",
}
