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


# Snapshots and backups.


class Snapshot(Base):
    """A point-in-time copy of a volume's bytes, kept on the volume's backend."""

    __tablename__ = "snapshots"
    id: orm.Mapped[Id]
    project_id: orm.Mapped[ProjectId]
    user_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    volume_id: orm.Mapped[str] = orm.mapped_column(sa.String(36), index=True)
    name: orm.Mapped[str | None] = orm.mapped_column(sa.String(255), index=True)
    description: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    # status moves only through objects.snapshot.SNAPSHOT.
    status: orm.Mapped[str] = orm.mapped_column(sa.String(255), index=True)
    progress: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    # The volume's size and type when the snapshot was taken.
    volume_size: orm.Mapped[int]
    volume_type_id: orm.Mapped[str] = orm.mapped_column(sa.String(36))
    group_snapshot_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(36))
    provider_location: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    use_quota: orm.Mapped[bool] = orm.mapped_column(default=True)
    created_at: orm.Mapped[Stamp]
    updated_at: orm.Mapped[datetime.datetime | None]


class SnapshotMetadata(Base):
    __tablename__ = "snapshot_metadata"
    snapshot_id: orm.Mapped[str] = orm.mapped_column(
        sa.ForeignKey("snapshots.id", ondelete="CASCADE"), primary_key=True
    )
    key: orm.Mapped[str] = orm.mapped_column(sa.String(255), primary_key=True)
    value: orm.Mapped[str] = orm.mapped_column(sa.String(255))


class Backup(Base):
    """A copy of a volume's (or a snapshot's) bytes in the backup store; an
    incremental one holds only the chunks that changed since its parent."""

    __tablename__ = "backups"
    id: orm.Mapped[Id]
    project_id: orm.Mapped[ProjectId]
    user_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    volume_id: orm.Mapped[str] = orm.mapped_column(sa.String(36), index=True)
    snapshot_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(36))
    parent_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(36), index=True)
    name: orm.Mapped[str | None] = orm.mapped_column(sa.String(255), index=True)
    description: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    # status moves only through objects.backup.BACKUP.
    status: orm.Mapped[str] = orm.mapped_column(sa.String(255), index=True)
    fail_reason: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    size: orm.Mapped[int]
    object_count: orm.Mapped[int] = orm.mapped_column(default=0)
    container: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    availability_zone: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    # The volume a restore is writing to, while the backup is restoring.
    restore_volume_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(36))
    encryption_key_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(36))
    data_timestamp: orm.Mapped[datetime.datetime | None]
    created_at: orm.Mapped[Stamp]
    updated_at: orm.Mapped[datetime.datetime | None]


class BackupMetadata(Base):
    __tablename__ = "backup_metadata"
    backup_id: orm.Mapped[str] = orm.mapped_column(
        sa.ForeignKey("backups.id", ondelete="CASCADE"), primary_key=True
    )
    key: orm.Mapped[str] = orm.mapped_column(sa.String(255), primary_key=True)
    value: orm.Mapped[str] = orm.mapped_column(sa.String(255))


# Attachments (volume_attachment): who a volume is attached to, and how.


class VolumeAttachment(Base):
    """One attachment of a volume to an instance (or any consumer).

    attach_status moves only through objects.attachment.ATTACHMENT; the
    volume's own status follows from its attachments (objects.attachment).
    """

    __tablename__ = "volume_attachment"
    id: orm.Mapped[Id]
    volume_id: orm.Mapped[str] = orm.mapped_column(
        sa.ForeignKey("volumes.id", ondelete="CASCADE"), index=True
    )
    instance_uuid: orm.Mapped[str | None] = orm.mapped_column(sa.String(36), index=True)
    attached_host: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    mountpoint: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    attach_time: orm.Mapped[datetime.datetime | None]
    detach_time: orm.Mapped[datetime.datetime | None]
    # rw, ro, or "null" until a connector or the 3.54 mode says.
    attach_mode: orm.Mapped[str] = orm.mapped_column(sa.String(36), default="null")
    attach_status: orm.Mapped[str] = orm.mapped_column(sa.String(255), index=True)
    connector: orm.Mapped[dict | None] = orm.mapped_column(sa.JSON)
    connection_info: orm.Mapped[dict | None] = orm.mapped_column(sa.JSON)
    created_at: orm.Mapped[Stamp]
    updated_at: orm.Mapped[datetime.datetime | None]


# Generic volume groups (3.11+), group snapshots (3.14+) and volume
# transfers (os-volume-transfer, /volume-transfers 3.55+).


class GroupType(Base):
    __tablename__ = "group_types"
    id: orm.Mapped[Id]
    name: orm.Mapped[str] = orm.mapped_column(sa.String(255), unique=True)
    description: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    is_public: orm.Mapped[bool] = orm.mapped_column(default=True)
    created_at: orm.Mapped[Stamp]
    updated_at: orm.Mapped[datetime.datetime | None]


class GroupTypeSpec(Base):
    __tablename__ = "group_type_specs"
    group_type_id: orm.Mapped[str] = orm.mapped_column(
        sa.ForeignKey("group_types.id", ondelete="CASCADE"), primary_key=True
    )
    key: orm.Mapped[str] = orm.mapped_column(sa.String(255), primary_key=True)
    value: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))


class Group(Base):
    __tablename__ = "groups"
    id: orm.Mapped[Id]
    project_id: orm.Mapped[ProjectId]
    user_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    name: orm.Mapped[str | None] = orm.mapped_column(sa.String(255), index=True)
    description: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    availability_zone: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    # status moves only through objects.group.GROUP.
    status: orm.Mapped[str] = orm.mapped_column(sa.String(255), index=True)
    group_type_id: orm.Mapped[str] = orm.mapped_column(sa.String(36), index=True)
    # host@backend#pool once the scheduler has placed it; its volumes go there.
    host: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    group_snapshot_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(36))
    source_group_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(36))
    replication_status: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    created_at: orm.Mapped[Stamp]
    updated_at: orm.Mapped[datetime.datetime | None]


class GroupVolumeType(Base):
    """The volume types a group's volumes may have."""

    __tablename__ = "group_volume_types"
    group_id: orm.Mapped[str] = orm.mapped_column(
        sa.ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True
    )
    volume_type_id: orm.Mapped[str] = orm.mapped_column(sa.String(36), primary_key=True)


class GroupSnapshot(Base):
    __tablename__ = "group_snapshots"
    id: orm.Mapped[Id]
    project_id: orm.Mapped[ProjectId]
    user_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    group_id: orm.Mapped[str] = orm.mapped_column(sa.String(36), index=True)
    group_type_id: orm.Mapped[str] = orm.mapped_column(sa.String(36))
    name: orm.Mapped[str | None] = orm.mapped_column(sa.String(255), index=True)
    description: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    # status moves only through objects.group_snapshot.GROUP_SNAPSHOT.
    status: orm.Mapped[str] = orm.mapped_column(sa.String(255), index=True)
    created_at: orm.Mapped[Stamp]
    updated_at: orm.Mapped[datetime.datetime | None]


class GroupSnapshotMember(Base):
    """One volume's copy in a group snapshot: what Cinder keeps as a
    snapshot row with group_snapshot_id (its bytes are a file under the
    backend's group_snapshots directory)."""

    __tablename__ = "group_snapshot_members"
    group_snapshot_id: orm.Mapped[str] = orm.mapped_column(
        sa.ForeignKey("group_snapshots.id", ondelete="CASCADE"), primary_key=True
    )
    volume_id: orm.Mapped[str] = orm.mapped_column(sa.String(36), primary_key=True)
    project_id: orm.Mapped[ProjectId]
    volume_type_id: orm.Mapped[str] = orm.mapped_column(sa.String(36))
    volume_size: orm.Mapped[int]
    # The backend holding the copy (host@backend#pool of the volume).
    host: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))


class Transfer(Base):
    """A volume offered to another project. Accepted transfers stay as
    history (3.57) and are no longer listed; deleted ones are removed."""

    __tablename__ = "transfers"
    id: orm.Mapped[Id]
    volume_id: orm.Mapped[str] = orm.mapped_column(sa.String(36), index=True)
    name: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    # The auth key is kept only as a salted HMAC.
    salt: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    crypt_hash: orm.Mapped[str] = orm.mapped_column(sa.String(255))
    no_snapshots: orm.Mapped[bool] = orm.mapped_column(default=False)
    source_project_id: orm.Mapped[str] = orm.mapped_column(sa.String(255), index=True)
    destination_project_id: orm.Mapped[str | None] = orm.mapped_column(sa.String(255))
    accepted: orm.Mapped[bool] = orm.mapped_column(default=False)
    created_at: orm.Mapped[Stamp]
    updated_at: orm.Mapped[datetime.datetime | None]


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
