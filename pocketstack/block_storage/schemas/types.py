"""Schema pieces Cinder's request schemas share (its parameter_types)."""

MAX_INT = 0x7FFFFFFF

NAME = {"type": ["string", "null"], "maxLength": 255}
DESCRIPTION = {"type": ["string", "null"], "maxLength": 255}
UUID_OR_NULL = {"type": ["string", "null"], "format": "uuid"}
UUID = {"type": "string", "format": "uuid"}
# Cinder takes booleans also as their usual strings.
BOOLEAN = {
    "type": ["boolean", "string"],
    "enum": [
        True,
        False,
        "True",
        "true",
        "TRUE",
        "False",
        "false",
        "FALSE",
        "1",
        "0",
        "yes",
        "no",
        "y",
        "n",
        "on",
        "off",
        "t",
        "f",
    ],
}
# A size in GiB: an integer, or a string of digits.
SIZE = {
    "type": ["integer", "string"],
    "pattern": "^[0-9]+$",
    "minimum": 1,
    "maximum": MAX_INT,
}
SIZE_OR_NULL = {**SIZE, "type": ["integer", "string", "null"]}
METADATA = {
    "type": "object",
    "patternProperties": {
        "^[a-zA-Z0-9-_:. /]{1,255}$": {"type": "string", "maxLength": 255},
    },
    "additionalProperties": False,
}
METADATA_OR_NULL = {**METADATA, "type": ["object", "null"]}

TRUE_WORDS = frozenset({"true", "1", "yes", "y", "on", "t"})


def as_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in TRUE_WORDS


def wrapped(key: str, body: dict, additional: bool = False) -> dict:
    """``{key: body}``, the envelope every Cinder request has."""
    return {
        "type": "object",
        "properties": {key: body},
        "required": [key],
        "additionalProperties": additional,
    }
