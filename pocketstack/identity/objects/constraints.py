"""Writes whose refusal the database itself enforces.

A duplicate key, or a row another transaction removed a moment ago (a foreign
key), is caught in a savepoint and answered as the API would answer the same
mistake caught earlier, never as a 500: under PostgreSQL's read committed,
a check made before a write can be overtaken by a concurrent one.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack.api.errors import ApiError


@contextlib.contextmanager
def enforced(session: orm.Session, refusal: Callable[[], ApiError]) -> Iterator[None]:
    """Flush the writes made in the block; an integrity error is ``refusal()``."""
    try:
        with session.begin_nested():
            yield
            session.flush()
    except sa.exc.IntegrityError:
        raise refusal() from None
