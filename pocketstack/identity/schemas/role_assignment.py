"""GET /v3/role_assignments query (Keystone's, checked before the policy).

Keystone's schema names ``oneOf`` and ``not`` twice; Python keeps the second
of each, and so does this one: the user/group ``oneOf`` and the
``effective``+``group`` ``not``.
"""

from pocketstack.identity.schemas import types

query = {
    "type": "object",
    "properties": {
        "effective": {},
        "include_names": {},
        "include_subtree": {},
        "group.id": types.id_string,
        "role.id": types.id_string,
        "scope.system": {},
        "scope.domain.id": types.id_string,
        "scope.project.id": types.id_string,
        "user.id": {"type": "string"},
        "scope.OS-INHERIT:inherited_to": {},
    },
    "dependentRequired": {"include_subtree": ["scope.project.id"]},
    "oneOf": [
        {"required": ["user.id"]},
        {"required": ["group.id"]},
        {"allOf": [{"not": {"required": ["user.id"]}}, {"not": {"required": ["group.id"]}}]},
    ],
    "not": {"required": ["effective", "group"]},
    "additionalProperties": True,
}
