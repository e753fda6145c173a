"""Credentials: secrets a user keeps in Keystone (ec2 access keys, TOTP
seeds, certificates), encrypted at rest with the credential Fernet keys.

An ec2 credential's blob is a JSON object holding its ``access`` key, and its
id is the SHA-256 of that key, so the ec2 token API can find it by the key
alone. Other credentials get a random id. Only the blob changes after
creation, and an ec2 blob keeps the scope it was made with.
"""

from __future__ import annotations

import hashlib
import json
import typing

import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack.api import errors as api_errors
from pocketstack.identity import errors, models
from pocketstack.identity.objects import constraints, get, new_id
from pocketstack.identity.tokens.keys import InvalidToken, KeyRepository

COLUMNS = ("user_id", "project_id", "type")
EC2 = "ec2"
# What an ec2 blob was scoped with; an update may not change any of them.
_EC2_FIXED_KEYS = ("trust_id", "app_cred_id", "access_token_id", "access_id")


def find(session: orm.Session, credential_id: str) -> models.Credential:
    return get(session, models.Credential, credential_id, "credential")


def list_credentials(session: orm.Session) -> list[models.Credential]:
    return list(session.scalars(sa.select(models.Credential).order_by(models.Credential.id)))


def blob_of(keys: KeyRepository, credential: models.Credential) -> str:
    try:
        return keys.decrypt(credential.encrypted_blob).decode()
    except (InvalidToken, UnicodeDecodeError):
        # The key that encrypted it is gone: an operator's problem, not the client's.
        raise api_errors.ApiError(
            "An unexpected error prevented the server from accessing encrypted credentials."
        ) from None


def create(
    session: orm.Session, keys: KeyRepository, fields: dict[str, typing.Any]
) -> models.Credential:
    fields = {k: v for k, v in fields.items() if k not in ("id", "links")}
    blob = fields.pop("blob")
    if fields["type"].lower() == EC2:
        credential_id = hashlib.sha256(_ec2_blob(blob)["access"].encode()).hexdigest()
    else:
        credential_id = new_id()
    if session.get(models.Credential, credential_id) is not None:
        raise _duplicate(credential_id)
    columns = {k: v for k, v in fields.items() if k in COLUMNS}
    extra = {k: v for k, v in fields.items() if k not in COLUMNS}
    credential = models.Credential(
        id=credential_id, encrypted_blob=keys.encrypt(blob.encode()), extra=extra, **columns
    )
    with constraints.enforced(session, lambda: _duplicate(credential_id)):
        session.add(credential)
    return credential


def update_blob(
    session: orm.Session, keys: KeyRepository, credential: models.Credential, blob: str
) -> None:
    if credential.type.lower() == EC2:
        new = _ec2_blob(blob)
        old = json.loads(blob_of(keys, credential))
        for key in _EC2_FIXED_KEYS:
            if old.get(key) != new.get(key):
                raise errors.ValidationError(f"{key} can not be updated for credential")
    credential.encrypted_blob = keys.encrypt(blob.encode())
    session.flush()


def delete(session: orm.Session, credential: models.Credential) -> None:
    session.delete(credential)
    session.flush()


def delete_for_project(session: orm.Session, project_id: str) -> None:
    """A deleted project takes the credentials scoped to it along."""
    session.execute(sa.delete(models.Credential).where(models.Credential.project_id == project_id))


def _ec2_blob(blob: str) -> dict[str, typing.Any]:
    """An ec2 blob: a JSON object with an access key; 400 in Keystone's words."""
    try:
        parsed = json.loads(blob)
    except ValueError:
        raise errors.ValidationError("Invalid blob in credential") from None
    if not parsed or not isinstance(parsed, dict):
        raise errors.ValidationError.expecting("blob", "credential")
    if not isinstance(parsed.get("access"), str):
        raise errors.ValidationError.expecting("access", "credential")
    return parsed


def _duplicate(credential_id: str) -> api_errors.Conflict:
    return errors.conflict("credential", f"Duplicate entry found with ID {credential_id}")
