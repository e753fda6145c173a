"""Schema pieces shared by identity's request schemas (Keystone's parameter types)."""

from __future__ import annotations

import typing

Schema = dict[str, typing.Any]

# Keystone accepts these spellings of a boolean in bodies.
boolean: Schema = {
    "type": ["boolean", "string", "null"],
    "enum": [
        True,
        "True",
        "TRUE",
        "true",
        False,
        "False",
        "FALSE",
        "false",
        "",
        "1",
        "0",
        "y",
        "Y",
        "n",
        "N",
        "on",
        "ON",
        "off",
        "OFF",
        "yes",
        "no",
    ],
}

name: Schema = {"type": "string", "minLength": 1, "maxLength": 255, "pattern": r"[\S]+"}

# Projects, domains and roles have shorter names than users and groups.
short_name: Schema = {"type": "string", "minLength": 1, "maxLength": 64, "pattern": r"[\S]+"}

description: Schema = {"type": "string", "maxLength": 255}

nullable_description: Schema = {"type": ["string", "null"], "maxLength": 255}

id_string: Schema = {
    "type": "string",
    "minLength": 1,
    "maxLength": 64,
    "pattern": r"^[a-zA-Z0-9-]+$",
}

nullable_id: Schema = {**id_string, "type": ["string", "null"]}

tag: Schema = {"type": "string", "minLength": 1, "maxLength": 255, "pattern": r"^[^,/]*$"}

tags: Schema = {"type": "array", "items": tag, "maxItems": 80, "uniqueItems": True}

url: Schema = {"type": "string", "minLength": 0, "maxLength": 225, "pattern": "^[a-zA-Z0-9+.-]+:.+"}

# Keystone's resource options for roles, projects and domains: only
# ``immutable``, a strict boolean; null clears it.
options: Schema = {
    "type": "object",
    "properties": {"immutable": {"type": ["boolean", "null"], "enum": [True, False, None]}},
    "additionalProperties": False,
}


def nullable(schema: Schema) -> Schema:
    kind = schema["type"]
    kinds = kind if isinstance(kind, list) else [kind]
    result = {**schema, "type": [*kinds, "null"]}
    if "enum" in schema:
        result["enum"] = [*schema["enum"], None]
    return result


def wrapped(
    member: str,
    properties: Schema,
    *,
    required: list[str] | None = None,
    additional: bool = True,
    min_properties: int = 0,
) -> Schema:
    """``{"<member>": {...}}``, the shape of every Keystone request body."""
    inner: Schema = {"type": "object", "properties": properties, "additionalProperties": additional}
    if required:
        inner["required"] = required
    if min_properties:
        inner["minProperties"] = min_properties
    return {
        "type": "object",
        "properties": {member: inner},
        "required": [member],
        "additionalProperties": False,
    }
