"""Endpoint groups (Keystone's OS-EP-FILTER schema): no attributes but these."""

from pocketstack.identity.schemas import endpoint, types

_filters = {
    "type": "object",
    "properties": {
        "interface": endpoint.interface,
        "service_id": {"type": "string"},
        "region_id": {"type": ["string", "null"]},
        # Allowed here, then refused: a group filters on the three above only.
        "enabled": {"type": "boolean"},
    },
}

_properties = {
    "description": {"type": ["string", "null"]},
    "filters": _filters,
    "name": types.name,
}

# Keystone does not require the wrapper: ``{}`` is refused for its filters.
create = {
    "type": "object",
    "properties": {
        "endpoint_group": {
            "type": "object",
            "properties": _properties,
            "required": ["name", "filters"],
            "additionalProperties": False,
        }
    },
    "additionalProperties": False,
}

update = types.wrapped("endpoint_group", _properties, additional=False, min_properties=1)

list_query = {
    "type": "object",
    "properties": {"name": types.name},
    "additionalProperties": False,
}
