"""Credentials: their owner manages them; admins manage anyone's; system
readers may read them."""

from pocketstack.identity.policies.base import ADMIN, ALL_SCOPES, SYSTEM_READER, rule

_OWNER = "user_id:%(target.credential.user_id)s"
_READER = f"({ADMIN}) or ({SYSTEM_READER}) or {_OWNER}"
_WRITER = f"({ADMIN}) or {_OWNER}"

rules = [
    rule("get_credential", _READER, ALL_SCOPES, "Show a credential."),
    rule("list_credentials", _READER, ALL_SCOPES, "List credentials."),
    rule("create_credential", _WRITER, ALL_SCOPES, "Create a credential."),
    rule("update_credential", _WRITER, ALL_SCOPES, "Update a credential."),
    rule("delete_credential", _WRITER, ALL_SCOPES, "Delete a credential."),
]
