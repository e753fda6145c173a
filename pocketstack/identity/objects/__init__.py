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
