"""Users: who can authenticate, with a password and free-form attributes."""

from __future__ import annotations

import typing

import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack import timeutils
from pocketstack.identity import errors, models
from pocketstack.identity.objects import assignment, get, new_id
from pocketstack.identity.passwords import Hasher
from pocketstack.identity.tokens import revocation

COLUMNS = ("name", "domain_id", "enabled", "default_project_id", "description", "options")


def find(session: orm.Session, user_id: str) -> models.User:
    return get(session, models.User, user_id, "user")


def create(session: orm.Session, hasher: Hasher, fields: dict[str, typing.Any]) -> models.User:
    _require_unique_name(session, fields["name"], fields["domain_id"])
    password = fields.pop("password", None)
    user = models.User(
        id=new_id(),
        created_at=timeutils.utcnow(),
        password_hash=hasher.hash(password) if password else None,
        **_split(fields),
    )
    session.add(user)
    session.flush()
    return user


def update(session: orm.Session, hasher: Hasher, user: models.User, fields: dict[str, typing.Any]) -> None:
    if "domain_id" in fields and fields["domain_id"] != user.domain_id:
        raise errors.ValidationError("Cannot change Domain ID")
    fields.pop("domain_id", None)
    name = fields.get("name")
    if name and name != user.name:
        _require_unique_name(session, name, user.domain_id)
    revoke = False
    if "password" in fields:
        password = fields.pop("password")
        user.password_hash = hasher.hash(password) if password else None
        revoke = True
    columns = _split(fields)
    extra = columns.pop("extra", {})
    was_enabled = user.enabled
    for key, value in columns.items():
        setattr(user, key, value)
    if extra:
        user.extra = {**user.extra, **extra}
    if revoke or (was_enabled and not user.enabled):
        revocation.record(session, user_id=user.id)
    session.flush()


def change_password(session: orm.Session, hasher: Hasher, user: models.User, original: str, password: str) -> None:
    """The self-service change: the original password must be right."""
    if not hasher.verify(user.password_hash, original):
        raise errors.unauthorized("The request you have made requires authentication.")
    user.password_hash = hasher.hash(password)
    revocation.record(session, user_id=user.id)
    session.flush()


def delete(session: orm.Session, user: models.User) -> None:
    assignment.delete_for_actor(session, "user", user.id)
    for model in (models.ApplicationCredential, models.Credential, models.AccessRule):
        for row in session.scalars(sa.select(model).where(model.user_id == user.id)):
            session.delete(row)
    session.flush()
    revocation.record(session, user_id=user.id)
    session.delete(user)
    session.flush()


def _require_unique_name(session: orm.Session, name: str, domain_id: str) -> None:
    if session.scalar(
        sa.select(models.User.id).where(models.User.domain_id == domain_id, models.User.name == name)
    ):
        raise errors.duplicate("user", name, domain_id)


def _split(fields: dict[str, typing.Any]) -> dict[str, typing.Any]:
    """Column attributes as given, the rest (email, ...) gathered into ``extra``."""
    fields = {k: v for k, v in fields.items() if k not in ("id", "links", "password_expires_at")}
    columns = {k: v for k, v in fields.items() if k in COLUMNS}
    extra = {k: v for k, v in fields.items() if k not in COLUMNS}
    return {**columns, "extra": extra} if extra else columns
