"""The image service's tables.

Images are soft-deleted as Glance does: a deleted image keeps its row (status
``deleted``) so its id is never reused. Custom properties and tags have their
own tables so lists can filter on them in SQL.
"""

from __future__ import annotations

import datetime
import typing

import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack.db import declarative_base

Base = declarative_base()


Id = typing.Annotated[str, orm.mapped_column(sa.String(36), primary_key=True)]
Stamp = typing.Annotated[datetime.datetime, orm.mapped_column()]


class Image(Base):
    __tablename__ = "images"
    id: orm.Mapped[Id]
    name: orm.Mapped[str | None] = orm.mapped_column(sa.String(255), index=True)
    disk_format: orm.Mapped[str | None] = orm.mapped_column(sa.String(20))
    container_format: orm.Mapped[str | None] = orm.mapped_column(sa.String(20))
    size: orm.Mapped[int | None] = orm.mapped_column(sa.BigInteger)
    virtual_size: orm.Mapped[int | None] = orm.mapped_column(sa.BigInteger)
    status: orm.Mapped[str] = orm.mapped_column(sa.String(30), index=True)
    visibility: orm.Mapped[str] = orm.mapped_column(sa.String(9), index=True)
    checksum: orm.Mapped[str | None] = orm.mapped_column(sa.String(32))
    os_hash_algo: orm.Mapped[str | None] = orm.mapped_column(sa.String(64))
    os_hash_value: orm.Mapped[str | None] = orm.mapped_column(sa.String(128))
    min_disk: orm.Mapped[int] = orm.mapped_column(default=0)
    min_ram: orm.Mapped[int] = orm.mapped_column(default=0)
    protected: orm.Mapped[bool] = orm.mapped_column(default=False)
    os_hidden: orm.Mapped[bool] = orm.mapped_column(default=False)
    owner: orm.Mapped[str | None] = orm.mapped_column(sa.String(255), index=True)
    created_at: orm.Mapped[Stamp]
    updated_at: orm.Mapped[Stamp]
    deleted_at: orm.Mapped[datetime.datetime | None]
    deleted: orm.Mapped[bool] = orm.mapped_column(default=False, index=True)


class ImageProperty(Base):
    __tablename__ = "image_properties"
    image_id: orm.Mapped[str] = orm.mapped_column(sa.ForeignKey("images.id"), primary_key=True)
    name: orm.Mapped[str] = orm.mapped_column(sa.String(255), primary_key=True)
    value: orm.Mapped[str] = orm.mapped_column(sa.Text)


class ImageTag(Base):
    __tablename__ = "image_tags"
    image_id: orm.Mapped[str] = orm.mapped_column(sa.ForeignKey("images.id"), primary_key=True)
    value: orm.Mapped[str] = orm.mapped_column(sa.String(255), primary_key=True)


class ImageLocation(Base):
    __tablename__ = "image_locations"
    id: orm.Mapped[int] = orm.mapped_column(primary_key=True, autoincrement=True)
    image_id: orm.Mapped[str] = orm.mapped_column(sa.ForeignKey("images.id"), index=True)
    url: orm.Mapped[str] = orm.mapped_column(sa.Text)
    meta_data: orm.Mapped[dict[str, typing.Any]] = orm.mapped_column(default=dict)
    status: orm.Mapped[str] = orm.mapped_column(sa.String(30), default="active")


class ImageMember(Base):
    __tablename__ = "image_members"
    __table_args__ = (sa.UniqueConstraint("image_id", "member"),)
    id: orm.Mapped[int] = orm.mapped_column(primary_key=True, autoincrement=True)
    image_id: orm.Mapped[str] = orm.mapped_column(sa.ForeignKey("images.id"), index=True)
    member: orm.Mapped[str] = orm.mapped_column(sa.String(255), index=True)
    status: orm.Mapped[str] = orm.mapped_column(sa.String(20), default="pending")
    created_at: orm.Mapped[Stamp]
    updated_at: orm.Mapped[Stamp]


class Task(Base):
    __tablename__ = "tasks"
    id: orm.Mapped[Id]
    type: orm.Mapped[str] = orm.mapped_column(sa.String(30))
    status: orm.Mapped[str] = orm.mapped_column(sa.String(30), index=True)
    owner: orm.Mapped[str | None] = orm.mapped_column(sa.String(255), index=True)
    input: orm.Mapped[dict[str, typing.Any]] = orm.mapped_column(default=dict)
    result: orm.Mapped[dict[str, typing.Any] | None] = orm.mapped_column(sa.JSON)
    message: orm.Mapped[str] = orm.mapped_column(sa.Text, default="")
    image_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(36), index=True)
    request_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(64))
    user_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(64))
    expires_at: orm.Mapped[datetime.datetime | None]
    created_at: orm.Mapped[Stamp]
    updated_at: orm.Mapped[Stamp]


class MetadefNamespace(Base):
    __tablename__ = "metadef_namespaces"
    id: orm.Mapped[int] = orm.mapped_column(primary_key=True, autoincrement=True)
    namespace: orm.Mapped[str] = orm.mapped_column(sa.String(80), unique=True)
    display_name: orm.Mapped[str | None] = orm.mapped_column(sa.String(80))
    description: orm.Mapped[str | None] = orm.mapped_column(sa.Text)
    visibility: orm.Mapped[str] = orm.mapped_column(sa.String(32), default="private")
    protected: orm.Mapped[bool] = orm.mapped_column(default=False)
    owner: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    created_at: orm.Mapped[Stamp]
    updated_at: orm.Mapped[Stamp]


class MetadefObject(Base):
    """A metadef object, property or tag of a namespace; ``kind`` says which
    and ``body`` holds the attributes Glance keeps for that kind."""

    __tablename__ = "metadef_items"
    __table_args__ = (sa.UniqueConstraint("namespace_id", "kind", "name"),)
    id: orm.Mapped[int] = orm.mapped_column(primary_key=True, autoincrement=True)
    namespace_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("metadef_namespaces.id", ondelete="CASCADE"), index=True
    )
    kind: orm.Mapped[str] = orm.mapped_column(sa.String(16))
    name: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    body: orm.Mapped[dict[str, typing.Any]] = orm.mapped_column(default=dict)
    created_at: orm.Mapped[Stamp]
    updated_at: orm.Mapped[Stamp]


class MetadefResourceType(Base):
    __tablename__ = "metadef_resource_types"
    id: orm.Mapped[int] = orm.mapped_column(primary_key=True, autoincrement=True)
    name: orm.Mapped[str] = orm.mapped_column(sa.String(80), unique=True)
    protected: orm.Mapped[bool] = orm.mapped_column(default=False)
    created_at: orm.Mapped[Stamp]
    updated_at: orm.Mapped[Stamp]


class MetadefAssociation(Base):
    __tablename__ = "metadef_namespace_resource_types"
    resource_type_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("metadef_resource_types.id"), primary_key=True
    )
    namespace_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("metadef_namespaces.id", ondelete="CASCADE"), primary_key=True
    )
    properties_target: orm.Mapped[str | None] = orm.mapped_column(sa.String(80))
    prefix: orm.Mapped[str | None] = orm.mapped_column(sa.String(80))
    created_at: orm.Mapped[Stamp]
    updated_at: orm.Mapped[Stamp]
