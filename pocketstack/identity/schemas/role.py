"""Roles (Keystone's assignment schema)."""

from pocketstack.identity.schemas import types

# Keystone's role options: only ``immutable``, a strict boolean; null clears it.
_options = {
    "type": "object",
    "properties": {"immutable": {"type": ["boolean", "null"], "enum": [True, False, None]}},
    "additionalProperties": False,
}

_properties = {
    "name": types.name,
    "description": {"type": ["string", "null"]},
    "domain_id": types.nullable_id,
    "options": _options,
}

create = types.wrapped("role", _properties, required=["name"])

update = types.wrapped("role", _properties, min_properties=1)

list_query = {
    "type": "object",
    "properties": {"name": types.name, "domain_id": types.id_string},
    # Keystone allows the rest, comparators (name__icontains) among them.
    "additionalProperties": True,
}
