"""Credentials (Keystone's credential schema).

Unlike most of Keystone's bodies, these two do not refuse other members
beside ``credential`` at the top level.
"""

_properties = {
    "blob": {"type": "string"},
    "project_id": {"type": ["string", "null"]},
    "type": {"type": "string"},
    "user_id": {"type": "string"},
}

create = {
    "type": "object",
    "properties": {
        "credential": {
            "type": "object",
            "properties": {"id": {"type": "string"}, **_properties},
            "additionalProperties": True,
            "required": ["blob", "type", "user_id"],
            # An ec2 credential is scoped to a project: project_id is required.
            "if": {"properties": {"type": {"const": "ec2"}}},
            "then": {"required": ["blob", "type", "user_id", "project_id"]},
        }
    },
    "required": ["credential"],
}

# Only the blob changes in place: a credential's owner, type and project are
# fixed once it exists (Keystone's answer to a history of rescoping bugs).
update = {
    "type": "object",
    "properties": {
        "credential": {
            "type": "object",
            "properties": {"blob": _properties["blob"]},
            "additionalProperties": False,
            "required": ["blob"],
        }
    },
    "required": ["credential"],
}

list_query = {
    "type": "object",
    "properties": {"user_id": {"type": "string"}, "type": {"type": "string"}},
    # Keystone allows the rest, comparators (type__icontains) among them.
    "additionalProperties": True,
}
