"""Groups (Keystone's identity schema)."""

from pocketstack.identity.schemas import types

_description = {"type": ["string", "null"]}

# Anything else a client sends is kept and returned.
create = types.wrapped(
    "group",
    {"domain_id": types.id_string, "description": _description, "name": types.name},
    required=["name"],
)

update = types.wrapped("group", {"description": _description, "name": types.name}, min_properties=1)

list_query = {
    "type": "object",
    "properties": {
        "domain_id": types.id_string,
        "name": types.name,
        "marker": {"type": "string"},
        "limit": {"type": ["integer", "string"]},
        "sort_key": {"type": "string"},
        "sort_dir": {"type": "string", "enum": ["asc", "desc"]},
    },
    # Keystone allows the rest, comparators (name__icontains) among them.
    "additionalProperties": True,
}
