"""A volume type's encryption: provider, cipher, key size and where the
encryption happens. One row per type; volumes of an encrypted type get a
key id (Cinder's Encryption table)."""

from __future__ import annotations

import typing
import uuid

from sqlalchemy import orm

from pocketstack import timeutils
from pocketstack.block_storage import errors, models

Encryption = models.VolumeTypeEncryption
FIELDS = ("provider", "cipher", "key_size", "control_location")


def get(session: orm.Session, type_id: str) -> Encryption | None:
    return session.get(Encryption, type_id)


def view(encryption: Encryption) -> dict[str, typing.Any]:
    """The row as Cinder returns it (its model's columns)."""
    return {
        "volume_type_id": encryption.volume_type_id,
        "encryption_id": encryption.encryption_id,
        "provider": encryption.provider,
        "cipher": encryption.cipher,
        "key_size": encryption.key_size,
        "control_location": encryption.control_location,
        "created_at": timeutils.iso_micro(encryption.created_at),
        "updated_at": timeutils.iso_micro(encryption.updated_at),
        "deleted": False,
        "deleted_at": None,
    }


def create(session: orm.Session, type_id: str, values: typing.Mapping) -> Encryption:
    if get(session, type_id) is not None:
        raise errors.bad_request(f"Volume type encryption for type {type_id} already exists.")
    encryption = Encryption(
        volume_type_id=type_id,
        encryption_id=str(uuid.uuid4()),
        created_at=timeutils.utcnow(),
        **_known(values),
    )
    session.add(encryption)
    session.flush()
    return encryption


def update(session: orm.Session, type_id: str, values: typing.Mapping) -> Encryption:
    encryption = require(session, type_id)
    for key, value in _known(values).items():
        setattr(encryption, key, value)
    encryption.updated_at = timeutils.utcnow()
    session.flush()
    return encryption


def delete(session: orm.Session, type_id: str) -> None:
    session.delete(require(session, type_id))
    session.flush()


def require(session: orm.Session, type_id: str) -> Encryption:
    encryption = get(session, type_id)
    if encryption is None:
        raise errors.not_found(f"Volume type encryption for type {type_id} does not exist.")
    return encryption


def _known(values: typing.Mapping) -> dict[str, typing.Any]:
    known = {key: values[key] for key in FIELDS if key in values}
    if known.get("key_size") is not None:
        known["key_size"] = int(known["key_size"])
    return known
