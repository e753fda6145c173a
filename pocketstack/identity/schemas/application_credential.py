"""Application credentials and the access rules they carry (Keystone's schema)."""

from pocketstack.identity.schemas import types

access_rule_fields = {
    "path": {"type": "string", "minLength": 0, "maxLength": 225, "pattern": r"^/\.*"},
    "service": types.id_string,
    "method": {"type": "string", "enum": ["DELETE", "GET", "HEAD", "PATCH", "POST", "PUT"]},
}

_access_rule = {
    "type": "object",
    "properties": {"id": types.id_string, **access_rule_fields},
    # A rule is named by its id or spelled out in full (Keystone fails with
    # a 500 on anything less).
    "anyOf": [{"required": ["id"]}, {"required": ["service", "path", "method"]}],
}

_role = {
    "type": "object",
    "properties": {"id": types.id_string, "name": types.name},
    "minProperties": 1,
    "maxProperties": 1,
    "additionalProperties": False,
}

create = types.wrapped(
    "application_credential",
    {
        "id": {"type": "string"},
        "secret": {"type": ["string", "null"]},
        "name": types.name,
        "description": {"type": ["string", "null"]},
        "expires_at": {"type": ["string", "null"]},
        "project_id": {"type": "string"},
        "access_rules": {"type": "array", "items": _access_rule},
        "unrestricted": {"type": ["boolean", "null"]},
        "system": {"type": ["string", "null"]},
        "roles": {"type": "array", "items": _role},
    },
    required=["name"],
    additional=False,
)

list_query = {
    "type": "object",
    "properties": {"name": {"type": "string"}},
    # Keystone allows the rest, comparators (name__icontains) among them.
    "additionalProperties": True,
}

access_rules_query = {
    "type": "object",
    "properties": {
        "service": {"type": "string"},
        "path": {"type": "string"},
        "method": {"type": "string"},
    },
    "additionalProperties": True,
}
