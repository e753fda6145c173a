"""Registered limits and project or domain limits (Keystone's limit schema)."""

from pocketstack.identity.schemas import types
from pocketstack.identity.schemas.region import region_id

# -1 is "unlimited"; the top is the largest signed 32-bit integer.
_limit_value = {"type": "integer", "minimum": -1, "maximum": 0x7FFFFFFF}
_service_id = {"type": "string", "format": "uuid"}

_registered_properties = {
    "service_id": _service_id,
    "region_id": region_id,
    "resource_name": types.name,
    "default_limit": _limit_value,
    "description": types.nullable_description,
}

registered_create = {
    "type": "object",
    "properties": {
        "registered_limits": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": _registered_properties,
                "additionalProperties": False,
                "required": ["service_id", "resource_name", "default_limit"],
            },
            "minItems": 1,
        }
    },
    "required": ["registered_limits"],
    "additionalProperties": False,
}

registered_update = types.wrapped("registered_limit", _registered_properties, additional=False)

registered_list_query = {
    "type": "object",
    "properties": {
        "service_id": _service_id,
        "region_id": region_id,
        "resource_name": types.name,
    },
    # Keystone allows the rest, comparators (resource_name__icontains) among them.
    "additionalProperties": True,
}

_required = ["service_id", "resource_name", "resource_limit"]

limits_create = {
    "type": "object",
    "properties": {
        "limits": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "project_id": types.nullable_id,
                    "domain_id": types.nullable_id,
                    "resource_name": types.name,
                    "region_id": region_id,
                    "service_id": _service_id,
                    "resource_limit": _limit_value,
                    "description": types.nullable_description,
                },
                "required": _required,
                # A limit is a project's or a domain's, never both.
                "oneOf": [
                    {"required": [*_required, "domain_id"]},
                    {"required": [*_required, "project_id"]},
                ],
                "additionalProperties": False,
            },
            "minItems": 1,
        }
    },
    "required": ["limits"],
    "additionalProperties": False,
}

limit_update = types.wrapped(
    "limit",
    {"resource_limit": _limit_value, "description": types.nullable_description},
    additional=False,
)

limits_list_query = {
    "type": "object",
    "properties": {
        "service_id": _service_id,
        "region_id": region_id,
        "resource_name": types.name,
        "project_id": types.id_string,
        "domain_id": types.id_string,
    },
    "additionalProperties": True,
}
