"""Application credentials: a user's roles on one project, delegated to an
application that authenticates with the credential's id (or name) and secret.

The secret is kept only as a hash. The roles are those the creating token
carries, or those asked for with every role they imply, all of which the
token must carry; a token made from the credential carries those of them the
user still holds on the project. Deleting a credential revokes its tokens.
"""

from __future__ import annotations

import base64
import datetime
import secrets
import typing
from collections.abc import Iterable, Sequence

import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack import timeutils
from pocketstack.api import errors as api_errors
from pocketstack.identity import errors, models
from pocketstack.identity.objects import access_rule, assignment, constraints, get, new_id
from pocketstack.identity.tokens import revocation

# Keystone's generated secrets: 64 random bytes, urlsafe base64, unpadded.
SECRET_BYTES = 64
KIND = "application_credential"

_Credential = models.ApplicationCredential


def invalid(detail: str) -> errors.ValidationError:
    return errors.ValidationError(f"Invalid application credential: {detail}")


def new_secret() -> str:
    return base64.urlsafe_b64encode(secrets.token_bytes(SECRET_BYTES)).rstrip(b"=").decode()


def expiry(text: str | None) -> datetime.datetime | None:
    """``expires_at`` as Keystone reads it: UTC (``Z`` or no zone at all),
    not in the past."""
    if not text:
        return None
    try:
        moment = datetime.datetime.fromisoformat(text.removesuffix("Z"))
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is not None:
        raise errors.ValidationError("Timestamp not in expected format." + errors.CLIENT_IS_WRONG)
    if moment < timeutils.utcnow():
        raise errors.ValidationError(
            "The 'expires_at' must not be before now." + errors.CLIENT_IS_WRONG
        )
    return moment


def find(session: orm.Session, credential_id: str) -> _Credential:
    return get(session, _Credential, credential_id, "Application Credential")


def list_for_user(session: orm.Session, user_id: str) -> list[_Credential]:
    query = sa.select(_Credential).where(_Credential.user_id == user_id)
    return list(session.scalars(query.order_by(_Credential.name)))


def named(session: orm.Session, user_id: str, name: str) -> list[_Credential]:
    query = sa.select(_Credential).where(_Credential.user_id == user_id, _Credential.name == name)
    return list(session.scalars(query))


def delegated_role_ids(
    session: orm.Session, requested: Sequence[dict[str, str]] | None, token_role_ids: Sequence[str]
) -> list[str]:
    """The roles a new credential carries: the token's, or those requested
    (by id or unique name) with every role they imply."""
    if not requested:
        return list(token_role_ids)
    role_ids: list[str] = []
    for ref in requested:
        role_id = ref.get("id") or _role_id_by_name(session, ref["name"])
        if role_id not in role_ids:
            role_ids.append(role_id)
    rules = assignment.implications(session)
    for role_id in role_ids:  # the list grows: implications are followed through
        for implied in rules.get(role_id, ()):
            if implied not in role_ids:
                role_ids.append(implied)
    # Never more than the token: a delegate cannot grant what it was not given.
    if not set(role_ids) <= set(token_role_ids):
        raise invalid("Cannot create an application credential with unassigned role")
    return role_ids


def create(
    session: orm.Session,
    fields: dict[str, typing.Any],
    role_ids: Sequence[str],
    access_rules: Iterable[dict[str, typing.Any]],
) -> _Credential:
    """Record a credential; ``fields`` holds its columns (the secret hashed)."""
    _require_roles_held(session, role_ids, fields["user_id"], fields["project_id"])
    refusal = lambda: errors.duplicate(KIND, fields["name"])  # noqa: E731
    if named(session, fields["user_id"], fields["name"]):
        raise refusal()
    credential = _Credential(id=new_id(), role_ids=list(role_ids), **fields)
    with constraints.enforced(session, refusal):
        session.add(credential)
    access_rule.attach(session, credential.user_id, credential.id, access_rules)
    session.flush()
    return credential


def delete(session: orm.Session, credential: _Credential) -> None:
    revocation.record(session, application_credential_id=credential.id)
    session.delete(credential)
    session.flush()


def delete_for_user_on_project(session: orm.Session, user_id: str, project_id: str) -> None:
    """What losing a role on a project costs a user (Keystone does this when
    the role itself is deleted)."""
    where = (_Credential.user_id == user_id, _Credential.project_id == project_id)
    for credential_id in session.scalars(sa.select(_Credential.id).where(*where)):
        revocation.record(session, application_credential_id=credential_id)
    session.execute(sa.delete(_Credential).where(*where))


def delete_for_user(session: orm.Session, user_id: str) -> None:
    """What disabling or deleting a user costs: every credential and access
    rule they had (their tokens are revoked with the user)."""
    session.execute(sa.delete(_Credential).where(_Credential.user_id == user_id))
    session.execute(sa.delete(models.AccessRule).where(models.AccessRule.user_id == user_id))


def _role_id_by_name(session: orm.Session, name: str) -> str:
    found = list(session.scalars(sa.select(models.Role.id).where(models.Role.name == name)))
    if not found:
        raise api_errors.NotFound(f"Role {name} is not defined", code="identity.role.not_found")
    if len(found) > 1:
        raise errors.ValidationError(
            f"There are multiple role entities named '{name}'. "
            "Please use ID instead of names to resolve the ambiguity."
        )
    return found[0]


def _require_roles_held(
    session: orm.Session, role_ids: Iterable[str], user_id: str, project_id: str
) -> None:
    held = assignment.effective_role_ids(session, user_id, project_id=project_id)
    for role_id in role_ids:
        if role_id not in held:
            raise invalid(
                f"Could not find role assignment with role: {role_id}, user or group: "
                f"{user_id}, project, domain, or system: {project_id}."
            )
