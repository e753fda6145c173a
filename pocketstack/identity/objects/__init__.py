"""Identity's data access: one module per entity, functions taking a session.

Objects raise identity errors (404, 409, 403) in Keystone's words; they never
build responses. Handlers serialise what they return.
"""

from __future__ import annotations

import typing
import uuid

from sqlalchemy import orm

from pocketstack.identity import errors

Model = typing.TypeVar("Model")


def new_id() -> str:
    """Keystone's identifiers: a UUID4 without dashes."""
    return uuid.uuid4().hex


def get(session: orm.Session, model: type[Model], ident: str, kind: str) -> Model:
    """The row, or Keystone's ``Could not find <kind>: <id>.``"""
    row = session.get(model, ident)
    if row is None:
        raise errors.not_found(kind, ident)
    return row


def split_extra(
    fields: typing.Mapping[str, typing.Any], columns: typing.Collection[str]
) -> dict[str, typing.Any]:
    """Column attributes as given, anything else a client sent gathered into
    ``extra`` (as Keystone keeps it); ids and links are the server's own."""
    kept = {k: v for k, v in fields.items() if k not in ("id", "is_domain", "links")}
    split = {k: v for k, v in kept.items() if k in columns}
    extra = {k: v for k, v in kept.items() if k not in columns}
    return {**split, "extra": extra} if extra else split
