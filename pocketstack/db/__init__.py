"""Database plumbing: engines, transactions and migrations for every service.

Each service owns its own database (by default one SQLite file per service in
the data dir), its own SQLAlchemy metadata and its own Alembic history, so any
service can be moved to its own host without touching the others.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import typing
from collections.abc import Iterator
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event, orm

LOG = logging.getLogger(__name__)


class Database:
    """One service's database: an engine and a way to run a transaction."""

    def __init__(self, url: str) -> None:
        self.url = sa.engine.make_url(url)
        self.engine = _make_engine(self.url)
        self._sessions = orm.sessionmaker(self.engine, expire_on_commit=False)
        self._readers = orm.sessionmaker(
            self.engine.execution_options(readonly=True), expire_on_commit=False
        )

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @contextlib.contextmanager
    def transaction(self) -> Iterator[orm.Session]:
        """A session whose work commits on success and rolls back on error."""
        with self._sessions.begin() as session:
            yield session

    @contextlib.contextmanager
    def reader(self) -> Iterator[orm.Session]:
        """A session for reads; nothing it does is committed."""
        with self._readers() as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


def _make_engine(url: sa.engine.URL) -> sa.Engine:
    if url.get_backend_name() != "sqlite":
        return sa.create_engine(url, pool_pre_ping=True)
    if url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_on_begin)
    return engine


def _sqlite_on_connect(dbapi_connection: typing.Any, _record: typing.Any) -> None:
    # Let SQLAlchemy issue BEGIN itself (below) instead of pysqlite's implicit
    # transactions, so a transaction's first statement already holds the lock.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _sqlite_on_begin(connection: sa.Connection) -> None:
    # IMMEDIATE takes the write lock at BEGIN: two transactions that read then
    # write can never deadlock on lock upgrade, they queue instead. Readers
    # stay deferred so they never wait for a writer (WAL).
    if connection.get_execution_options().get("readonly"):
        connection.exec_driver_sql("BEGIN")
    else:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def declarative_base() -> type[orm.DeclarativeBase]:
    """A declarative base with its own metadata, for one service's models.

    Constraint names follow one convention (so migrations can name what they
    alter), and JSON and datetime annotations map to portable column types.
    """

    class Base(orm.DeclarativeBase):
        metadata = sa.MetaData(
            naming_convention={
                "ix": "ix_%(column_0_label)s",
                "uq": "uq_%(table_name)s_%(column_0_name)s",
                "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
                "pk": "pk_%(table_name)s",
            }
        )
        type_annotation_map: typing.ClassVar = {
            dict[str, typing.Any]: sa.JSON,
            list[typing.Any]: sa.JSON,
            datetime.datetime: sa.DateTime,
        }

    return Base
