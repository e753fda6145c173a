"""Projects and their tags."""

from pocketstack.identity.schemas import types

_properties = {
    "description": types.nullable(types.description),
    "domain_id": types.nullable_id,
    "enabled": types.boolean,
    "is_domain": types.boolean,
    "parent_id": types.nullable_id,
    "name": types.short_name,
    "tags": types.tags,
    "options": types.options,
}

# Keystone keeps unknown attributes of a project and returns them.
create = types.wrapped("project", _properties, required=["name"])

update = types.wrapped("project", _properties, min_properties=1)

tags_update = {
    "type": "object",
    "properties": {"tags": types.tags},
    "required": ["tags"],
    "additionalProperties": False,
}

# Keystone's project list query; values are the first of each parameter.
list_query = {
    "type": "object",
    "properties": {
        "domain_id": types.id_string,
        "enabled": types.boolean,
        "name": types.short_name,
        "parent_id": {"type": "string", "format": "uuid"},
        "is_domain": types.boolean,
        "tags": {"type": "string"},
        "tags-any": {"type": "string"},
        "not-tags": {"type": "string"},
        "not-tags-any": {"type": "string"},
        "marker": {"type": "string"},
        "limit": {"type": ["integer", "string"]},
    },
    # Keystone allows the rest, comparators (name__icontains) among them.
    "additionalProperties": True,
}
