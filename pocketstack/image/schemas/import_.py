"""The body of POST /v2/images/{id}/import and of location adds."""

METHODS = ("glance-direct", "web-download", "copy-image", "glance-download")

location = {
    "type": "object",
    "properties": {
        "url": {"type": "string", "maxLength": 255},
        "validation_data": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "os_hash_algo": {
                    "type": "string",
                    "maxLength": 64,
                    "enum": ["sha1", "sha256", "sha512", "md5"],
                },
                "os_hash_value": {"type": "string", "maxLength": 128},
            },
            "dependentRequired": {
                "os_hash_value": ["os_hash_algo"],
                "os_hash_algo": ["os_hash_value"],
            },
        },
    },
    "required": ["url"],
}
