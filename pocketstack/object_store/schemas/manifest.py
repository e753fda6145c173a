"""A static large object's manifest (``PUT ?multipart-manifest=put``)."""

MAX_SEGMENTS = 1000

SEGMENT = {
    "type": "object",
    "properties": {
        "path": {"type": "string", "minLength": 3},
        "etag": {"type": ["string", "null"]},
        "size_bytes": {"type": ["integer", "null"], "minimum": 0},
    },
    "required": ["path"],
    "additionalProperties": False,
}

MANIFEST = {"type": "array", "items": SEGMENT, "minItems": 1, "maxItems": MAX_SEGMENTS}
