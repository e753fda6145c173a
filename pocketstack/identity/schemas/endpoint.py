"""Endpoints (Keystone's catalog schema)."""

from pocketstack.identity.objects.endpoint import INTERFACES
from pocketstack.identity.schemas import types

interface = {"type": "string", "enum": list(INTERFACES)}

_properties = {
    "enabled": {"type": "boolean"},
    "interface": interface,
    "region_id": {"type": ["string", "null"]},
    # The v2 spelling of region_id, still accepted (and a new region made).
    "region": {"type": ["string", "null"]},
    "service_id": {"type": "string"},
    "url": types.url,
    "name": {"type": "string"},
    "description": {"type": ["string", "null"]},
}

create = types.wrapped(
    "endpoint",
    {"id": {"type": "string"}, **_properties},
    required=["interface", "service_id", "url"],
)

update = types.wrapped("endpoint", _properties, min_properties=1)

list_query = {
    "type": "object",
    "properties": {
        "interface": interface,
        "region_id": {"type": ["string", "null"]},
        "service_id": {"type": "string"},
    },
    # Keystone lets the rest by: comparators (interface__icontains) among them.
    "additionalProperties": True,
}
