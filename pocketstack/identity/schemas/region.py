"""Regions (Keystone's catalog schema)."""

from pocketstack.identity.schemas import types

region_id = {"type": ["string", "null"], "minLength": 1, "maxLength": 255}

_properties = {
    "description": types.nullable(types.description),
    "id": region_id,
    "parent_region_id": region_id,
}

# POST /v3/regions and PUT /v3/regions/{id}: nothing is required, an empty id
# means "make one", and Keystone's schema lets other top-level keys by.
create = {
    "type": "object",
    "properties": {
        "region": {
            "type": "object",
            "properties": {**_properties, "id": {**region_id, "minLength": 0}},
            "additionalProperties": True,
        }
    },
    "required": ["region"],
}

update = types.wrapped("region", _properties, min_properties=1)

list_query = {
    "type": "object",
    "properties": {"parent_region_id": region_id},
    "additionalProperties": False,
}
