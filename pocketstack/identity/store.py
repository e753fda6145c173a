"""Identity's database, with a generation that every committed write moves on.

Token validation answers are cached in memory; any identity write (a role
removed, a user disabled, a token revoked) may change them, so the cache keys
its entries by generation and a write makes every older entry stale at once.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterator

from sqlalchemy import orm

from pocketstack.db import Database


class IdentityStore:
    def __init__(self, database: Database) -> None:
        self.database = database
        self._generations = itertools.count(1)
        self.generation = 0

    @contextlib.contextmanager
    def write(self) -> Iterator[orm.Session]:
        try:
            with self.database.transaction() as session:
                yield session
        finally:
            # Also after a failed write: it may have committed nothing, but a
            # stale cache entry costs one recomputation, never a wrong answer.
            self.generation = next(self._generations)

    @contextlib.contextmanager
    def read(self) -> Iterator[orm.Session]:
        with self.database.reader() as session:
            yield session
