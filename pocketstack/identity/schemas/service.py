"""Services (Keystone's catalog schema): ``enabled`` is a strict boolean."""

_properties = {
    "enabled": {"type": "boolean"},
    "type": {"type": "string", "minLength": 1, "maxLength": 255},
    "name": {"type": "string", "minLength": 1, "maxLength": 255},
}

_service = {"type": "object", "properties": _properties, "additionalProperties": True}

create = {
    "type": "object",
    "properties": {"service": {**_service, "required": ["type"]}},
    "required": ["service"],
}

update = {
    "type": "object",
    "properties": {"service": {**_service, "minProperties": 1}},
    "required": ["service"],
}
