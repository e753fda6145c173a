"""The object store's tables: accounts, containers and the objects in them.

An object's bytes live in a file of the data dir (``ObjectFiles``); its row
names that file, so an object is visible exactly when its row is committed.
A static large object has no file of its own: its row holds the manifest,
the segments it is read from. Metadata is kept as Swift keeps it, as the
headers that set it (lower-cased), in one JSON column per row.
"""

from __future__ import annotations

import datetime
import typing

import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack.db import declarative_base

Base = declarative_base()


def _name(length: int) -> sa.types.TypeEngine:
    # Swift lists names in byte order; PostgreSQL's default collation is the
    # locale's, so names there compare under "C" (SQLite compares bytes).
    return sa.String(length).with_variant(sa.String(length, collation="C"), "postgresql")


class Account(Base):
    """An account (AUTH_<project id>), made the first time it is written."""

    __tablename__ = "accounts"
    project_id: orm.Mapped[str] = orm.mapped_column(sa.String(256), primary_key=True)
    meta: orm.Mapped[dict[str, typing.Any]]
    created_at: orm.Mapped[datetime.datetime]


class Container(Base):
    __tablename__ = "containers"
    __table_args__ = (sa.UniqueConstraint("project_id", "name"),)
    id: orm.Mapped[str] = orm.mapped_column(sa.String(36), primary_key=True)
    project_id: orm.Mapped[str] = orm.mapped_column(
        sa.String(256), sa.ForeignKey("accounts.project_id")
    )
    name: orm.Mapped[str] = orm.mapped_column(_name(256))
    meta: orm.Mapped[dict[str, typing.Any]]
    created_at: orm.Mapped[datetime.datetime]
    updated_at: orm.Mapped[datetime.datetime]


class StoredObject(Base):
    __tablename__ = "objects"
    __table_args__ = (sa.UniqueConstraint("container_id", "name"),)
    id: orm.Mapped[str] = orm.mapped_column(sa.String(36), primary_key=True)
    container_id: orm.Mapped[str] = orm.mapped_column(sa.ForeignKey("containers.id"))
    name: orm.Mapped[str] = orm.mapped_column(_name(1024))
    size: orm.Mapped[int] = orm.mapped_column(sa.BigInteger)
    etag: orm.Mapped[str] = orm.mapped_column(sa.String(34))
    content_type: orm.Mapped[str] = orm.mapped_column(sa.Text)
    meta: orm.Mapped[dict[str, typing.Any]]
    # The data file's name; None for a static large object's manifest.
    file: orm.Mapped[str | None] = orm.mapped_column(sa.String(64), unique=True)
    # A static large object's segments: [{"path", "bytes", "hash"}].
    manifest: orm.Mapped[list[typing.Any] | None]
    last_modified: orm.Mapped[datetime.datetime]
