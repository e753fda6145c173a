"""Roles (Keystone's assignment schema)."""

from pocketstack.identity.schemas import types

_properties = {
    "name": types.name,
    "description": {"type": ["string", "null"]},
    "domain_id": types.nullable_id,
    "options": types.options,
}

create = types.wrapped("role", _properties, required=["name"])

update = types.wrapped("role", _properties, min_properties=1)

list_query = {
    "type": "object",
    "properties": {"name": types.name, "domain_id": types.id_string},
    # Keystone allows the rest, comparators (name__icontains) among them.
    "additionalProperties": True,
}
