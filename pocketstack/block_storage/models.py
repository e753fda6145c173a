"""The block-storage service's tables.

Rows are deleted when their resource is gone (Cinder soft-deletes; its API
never shows a deleted row, so nothing a client sees differs). Metadata lives
in key/value tables so lists can filter on it in SQL.
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
ProjectId = typing.Annotated[str, orm.mapped_column(sa.String(255), index=True)]


class Volume(Base):
    __tablename__ = "volumes"
    id: orm.Mapped[Id]
    project_id: orm.Mapped[ProjectId]
    user_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    name: orm.Mapped[str | None] = orm.mapped_column(sa.String(255), index=True)
    description: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    size: orm.Mapped[int]
    availability_zone: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    # status and attach_status move only through objects.volume.VOLUME.
    status: orm.Mapped[str] = orm.mapped_column(sa.String(255), index=True)
    attach_status: orm.Mapped[str] = orm.mapped_column(sa.String(255), default="detached")
    migration_status: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    # The status an action started from, to go back to when it ends.
    previous_status: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    volume_type_id: orm.Mapped[str] = orm.mapped_column(sa.String(36), index=True)
    snapshot_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(36))
    source_volid: orm.Mapped[str | None] = orm.mapped_column(sa.String(36))
    backup_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(36))
    image_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(36))
    bootable: orm.Mapped[bool] = orm.mapped_column(default=False)
    multiattach: orm.Mapped[bool] = orm.mapped_column(default=False)
    # host@backend#pool once the scheduler has placed it.
    host: orm.Mapped[str | None] = orm.mapped_column(sa.String(255), index=True)
    provider_location: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    provider_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    encryption_key_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(36))
    group_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(36), index=True)
    replication_status: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    use_quota: orm.Mapped[bool] = orm.mapped_column(default=True)
    created_at: orm.Mapped[Stamp]
    updated_at: orm.Mapped[datetime.datetime | None]
    launched_at: orm.Mapped[datetime.datetime | None]


class VolumeMetadata(Base):
    __tablename__ = "volume_metadata"
    volume_id: orm.Mapped[str] = orm.mapped_column(
        sa.ForeignKey("volumes.id", ondelete="CASCADE"), primary_key=True
    )
    key: orm.Mapped[str] = orm.mapped_column(sa.String(255), primary_key=True)
    value: orm.Mapped[str] = orm.mapped_column(sa.String(255))


class VolumeAdminMetadata(Base):
    """What only the service sets: readonly, attached_mode."""

    __tablename__ = "volume_admin_metadata"
    volume_id: orm.Mapped[str] = orm.mapped_column(
        sa.ForeignKey("volumes.id", ondelete="CASCADE"), primary_key=True
    )
    key: orm.Mapped[str] = orm.mapped_column(sa.String(255), primary_key=True)
    value: orm.Mapped[str] = orm.mapped_column(sa.String(255))


class VolumeImageMetadata(Base):
    """The image properties a volume made from an image carries
    (``volume_image_metadata``)."""

    __tablename__ = "volume_image_metadata"
    volume_id: orm.Mapped[str] = orm.mapped_column(
        sa.ForeignKey("volumes.id", ondelete="CASCADE"), primary_key=True
    )
    key: orm.Mapped[str] = orm.mapped_column(sa.String(255), primary_key=True)
    value: orm.Mapped[str] = orm.mapped_column(sa.Text)


class VolumeType(Base):
    __tablename__ = "volume_types"
    id: orm.Mapped[Id]
    name: orm.Mapped[str] = orm.mapped_column(sa.String(255), unique=True)
    description: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    is_public: orm.Mapped[bool] = orm.mapped_column(default=True)
    qos_specs_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(36))
    created_at: orm.Mapped[Stamp]
    updated_at: orm.Mapped[datetime.datetime | None]


class VolumeTypeExtraSpec(Base):
    __tablename__ = "volume_type_extra_specs"
    volume_type_id: orm.Mapped[str] = orm.mapped_column(
        sa.ForeignKey("volume_types.id", ondelete="CASCADE"), primary_key=True
    )
    key: orm.Mapped[str] = orm.mapped_column(sa.String(255), primary_key=True)
    value: orm.Mapped[str] = orm.mapped_column(sa.String(255))


class VolumeTypeProject(Base):
    """Which projects may use a private volume type."""

    __tablename__ = "volume_type_projects"
    volume_type_id: orm.Mapped[str] = orm.mapped_column(
        sa.ForeignKey("volume_types.id", ondelete="CASCADE"), primary_key=True
    )
    project_id: orm.Mapped[str] = orm.mapped_column(sa.String(255), primary_key=True)


class Message(Base):
    """A user message: why an asynchronous request failed (/v3/messages)."""

    __tablename__ = "messages"
    id: orm.Mapped[Id]
    project_id: orm.Mapped[ProjectId]
    request_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    resource_type: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    resource_uuid: orm.Mapped[str | None] = orm.mapped_column(sa.String(36), index=True)
    event_id: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    message_level: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    user_message: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    created_at: orm.Mapped[Stamp]
    expires_at: orm.Mapped[datetime.datetime | None]


class Quota(Base):
    """A project's own hard limit for one resource (os-quota-sets update);
    a resource without a row has the configured default."""

    __tablename__ = "quotas"
    project_id: orm.Mapped[str] = orm.mapped_column(sa.String(255), primary_key=True)
    resource: orm.Mapped[str] = orm.mapped_column(sa.String(255), primary_key=True)
    hard_limit: orm.Mapped[int]


class QuotaLock(Base):
    """One row per project, locked while a request counts and consumes its
    quota, so two concurrent creates cannot both take the last unit."""

    __tablename__ = "quota_locks"
    project_id: orm.Mapped[str] = orm.mapped_column(sa.String(255), primary_key=True)


# --- Volume types, QoS, quotas and services (the types slice) ---


class DefaultVolumeType(Base):
    """A project's own default volume type (/v3/default-types, 3.62)."""

    __tablename__ = "default_volume_types"
    project_id: orm.Mapped[str] = orm.mapped_column(sa.String(255), primary_key=True)
    volume_type_id: orm.Mapped[str] = orm.mapped_column(
        sa.ForeignKey("volume_types.id"), index=True
    )
    created_at: orm.Mapped[Stamp]
    updated_at: orm.Mapped[datetime.datetime | None]


class VolumeTypeEncryption(Base):
    """How volumes of a type are encrypted (/v3/types/{id}/encryption)."""

    __tablename__ = "volume_type_encryption"
    volume_type_id: orm.Mapped[str] = orm.mapped_column(
        sa.ForeignKey("volume_types.id", ondelete="CASCADE"), primary_key=True
    )
    encryption_id: orm.Mapped[str] = orm.mapped_column(sa.String(36))
    provider: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    cipher: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    key_size: orm.Mapped[int | None]
    control_location: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    created_at: orm.Mapped[Stamp]
    updated_at: orm.Mapped[datetime.datetime | None]


class QosSpecs(Base):
    """A named set of QoS specs that volume types may be associated with."""

    __tablename__ = "quality_of_service_specs"
    id: orm.Mapped[Id]
    name: orm.Mapped[str] = orm.mapped_column(sa.String(255), unique=True)
    consumer: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    created_at: orm.Mapped[Stamp]
    updated_at: orm.Mapped[datetime.datetime | None]


class QosSpecsKey(Base):
    __tablename__ = "quality_of_service_spec_keys"
    qos_specs_id: orm.Mapped[str] = orm.mapped_column(
        sa.ForeignKey("quality_of_service_specs.id", ondelete="CASCADE"), primary_key=True
    )
    key: orm.Mapped[str] = orm.mapped_column(sa.String(255), primary_key=True)
    value: orm.Mapped[str] = orm.mapped_column(sa.String(255))


class QuotaClass(Base):
    """A quota class's limit for one resource; the ``default`` class
    overrides the configured defaults (os-quota-class-sets)."""

    __tablename__ = "quota_classes"
    class_name: orm.Mapped[str] = orm.mapped_column(sa.String(255), primary_key=True)
    resource: orm.Mapped[str] = orm.mapped_column(sa.String(255), primary_key=True)
    hard_limit: orm.Mapped[int]


class ServiceStatus(Base):
    """An operator's enable/disable of one service (os-services); a service
    without a row is enabled."""

    __tablename__ = "service_status"
    host: orm.Mapped[str] = orm.mapped_column(sa.String(255), primary_key=True)
    binary: orm.Mapped[str] = orm.mapped_column(sa.String(255), primary_key=True)
    disabled: orm.Mapped[bool] = orm.mapped_column(default=False)
    disabled_reason: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    updated_at: orm.Mapped[datetime.datetime | None]
