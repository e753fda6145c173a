"""POST /v3/auth/tokens."""

from pocketstack.identity.schemas import types

_id_or_name = {
    "type": "object",
    "properties": {"id": {"type": "string"}, "name": {"type": "string"}},
}

# A body without ``auth`` passes: Keystone answers it with its own 400.
token_issue = {
    "type": "object",
    "properties": {
        "auth": {
            "type": ["object", "null"],
            "properties": {
                "identity": {
                    "type": "object",
                    "properties": {
                        "methods": {"type": "array", "items": {"type": "string"}},
                        "password": {
                            "type": "object",
                            "properties": {
                                "user": {
                                    "type": "object",
                                    "properties": {
                                        "id": {"type": "string"},
                                        "name": {"type": "string"},
                                        "password": {"type": "string"},
                                        "domain": _id_or_name,
                                    },
                                }
                            },
                        },
                        "token": {
                            "type": "object",
                            "properties": {"id": {"type": "string"}},
                            "required": ["id"],
                        },
                        "application_credential": {
                            "type": "object",
                            "properties": {
                                "id": {"type": "string"},
                                "name": {"type": "string"},
                                "secret": {"type": "string"},
                                "user": {
                                    "type": "object",
                                    "properties": {
                                        "id": {"type": "string"},
                                        "name": {"type": "string"},
                                        "domain": _id_or_name,
                                    },
                                },
                            },
                        },
                    },
                    "required": ["methods"],
                },
                # "unscoped" as a string, or {"unscoped": {}} from old clients.
                "scope": {
                    "type": ["object", "string"],
                    "properties": {
                        "project": {
                            "type": "object",
                            "properties": {
                                "id": {"type": "string"},
                                "name": {"type": "string"},
                                "domain": _id_or_name,
                            },
                        },
                        "domain": _id_or_name,
                        "OS-TRUST:trust": {
                            "type": "object",
                            "properties": {"id": {"type": "string"}},
                        },
                        "system": {"type": "object", "properties": {"all": types.boolean}},
                    },
                },
            },
            "required": ["identity"],
        }
    },
}
