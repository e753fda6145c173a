"""Users (Keystone's identity schema): bodies, the self-service password
change, and the list query."""

from pocketstack.identity.schemas import types

# Keystone's user options. Each may be null, which removes it; the flags are
# strict booleans (Keystone's option validator refuses any other spelling).
_flag = {"type": ["boolean", "null"]}
_mfa_rules = {
    "type": ["array", "null"],
    "items": {"type": "array", "items": {"type": "string"}, "minItems": 1, "uniqueItems": True},
    "uniqueItems": True,
}
OPTION_NAMES = (
    "ignore_change_password_upon_first_use",
    "ignore_password_expiry",
    "ignore_lockout_failure_attempts",
    "lock_password",
    "ignore_user_inactivity",
    "multi_factor_auth_enabled",
)
_options = {
    "type": "object",
    "properties": {**dict.fromkeys(OPTION_NAMES, _flag), "multi_factor_auth_rules": _mfa_rules},
    "additionalProperties": False,
}

_federated = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "idp_id": {"type": "string"},
            "protocols": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "protocol_id": {"type": "string"},
                        "unique_id": {"type": "string"},
                    },
                    "required": ["protocol_id", "unique_id"],
                },
                "minItems": 1,
            },
        },
        "required": ["idp_id", "protocols"],
    },
}

_properties = {
    "default_project_id": {"type": ["string", "null"]},
    "description": {"type": ["string", "null"]},
    "domain_id": types.id_string,
    "enabled": types.boolean,
    "federated": _federated,
    "name": types.name,
    "password": {"type": ["string", "null"]},
    "options": _options,
}

# Anything else a client sends (email, ...) is kept and returned.
create = types.wrapped("user", _properties, required=["name"])

update = types.wrapped("user", _properties, min_properties=1)

password_change = types.wrapped(
    "user",
    {"original_password": {"type": "string"}, "password": {"type": "string"}},
    required=["original_password", "password"],
    additional=False,
)

list_query = {
    "type": "object",
    "properties": {
        "domain_id": types.id_string,
        "enabled": types.boolean,
        "idp_id": {"type": "string"},
        "name": types.name,
        "password_expires_at": {"type": "string"},
        "protocol_id": {"type": "string"},
        "unique_id": {"type": "string"},
        "marker": {"type": "string"},
        "limit": {"type": ["integer", "string"]},
        "sort_key": {"type": "string"},
        "sort_dir": {"type": "string", "enum": ["asc", "desc"]},
    },
    # Keystone allows the rest, comparators (name__icontains) among them.
    "additionalProperties": True,
}
