"""Domains."""

from pocketstack.identity.schemas import types

_properties = {
    "description": types.nullable(types.description),
    "enabled": types.boolean,
    "name": types.short_name,
    "options": types.options,
    "tags": types.tags,
}

create = types.wrapped(
    "domain",
    {"explicit_domain_id": types.id_string, **_properties},
    required=["name"],
)

update = types.wrapped("domain", _properties, min_properties=1)

# Keystone's domain list query; values are the first of each parameter.
list_query = {
    "type": "object",
    "properties": {
        "enabled": types.boolean,
        "name": types.short_name,
        "marker": {"type": "string"},
        "limit": {"type": ["integer", "string"]},
    },
    # Keystone allows the rest, comparators (name__icontains) among them.
    "additionalProperties": True,
}
