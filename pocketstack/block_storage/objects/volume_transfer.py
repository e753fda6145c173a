"""Volume transfers: offering a volume to another project, and taking it.

The auth key is shown once, at create; only a salted HMAC of it is kept,
and an offered key is compared in constant time. Accepting moves the volume
(and, unless ``no_snapshots``, its snapshots: ``ACCEPT_CASCADES``) to the
accepting project in one transaction that also takes that project's quota.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import secrets
import typing
import uuid

import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack import timeutils
from pocketstack.block_storage import errors, models
from pocketstack.block_storage.objects import Caller
from pocketstack.block_storage.objects import volume as volumes
from pocketstack.transitions import TransitionRefused

Transfer = models.Transfer
KEY_BYTES = 8  # 16 hex digits, the length of Cinder's keys
SALT_BYTES = 8

# What else moves with an accepted volume: each gets the session, the
# volume id, the new project and user, and whether snapshots stay behind.
# The snapshots module adds its own (Cinder moves the volume's snapshots).
ACCEPT_CASCADES: list[typing.Callable[[orm.Session, str, str, str | None, bool], None]] = []
# The quota what goes with an accepted volume takes in the accepting
# project: each gets the session, the volume id and whether snapshots stay
# behind, and returns quota deltas (the snapshots module adds its own).
ACCEPT_QUOTA: list[typing.Callable[[orm.Session, str, bool], dict[str, int]]] = []
# Checks of what goes with an offered volume (its snapshots must all be
# available unless no_snapshots): each gets the session and the volume id
# and raises Cinder's 400. The snapshots module adds its own.
OFFER_CHECKS: list[typing.Callable[[orm.Session, str], None]] = []


def key_hash(salt: str, auth_key: str) -> str:
    return hmac.new(salt.encode(), auth_key.encode(), hashlib.sha256).hexdigest()


def visible(caller: Caller) -> list[sa.ColumnElement[bool]]:
    """Open transfers the caller may see: those of its project's volumes."""
    conditions: list[sa.ColumnElement[bool]] = [Transfer.accepted.is_(False)]
    if not caller.is_admin:
        conditions.append(
            sa.exists().where(
                models.Volume.id == Transfer.volume_id,
                models.Volume.project_id == caller.project_id,
            )
        )
    return conditions


def find(session: orm.Session, transfer_id: str, caller: Caller) -> Transfer:
    found = session.scalar(sa.select(Transfer).where(Transfer.id == transfer_id, *visible(caller)))
    if found is None:
        raise errors.transfer_not_found(transfer_id)
    return found


def create(
    session: orm.Session, volume: models.Volume, name: str | None, no_snapshots: bool
) -> tuple[Transfer, str]:
    """Offer the volume (available → awaiting-transfer); the new transfer
    and its auth key, which is never stored."""
    transfer_id = str(uuid.uuid4())
    if not no_snapshots:
        for check in OFFER_CHECKS:
            check(session, volume.id)
    volumes.move(
        session,
        "transfer_offer",
        volume.id,
        reason=f"Transfer {transfer_id}: Volume id {volume.id} expected in available state.",
    )
    auth_key = secrets.token_hex(KEY_BYTES)
    salt = secrets.token_hex(SALT_BYTES)
    transfer = Transfer(
        id=transfer_id,
        volume_id=volume.id,
        name=name,
        salt=salt,
        crypt_hash=key_hash(salt, auth_key),
        no_snapshots=no_snapshots,
        source_project_id=volume.project_id,
        created_at=timeutils.utcnow(),
    )
    session.add(transfer)
    session.flush()
    return transfer, auth_key


def delete(session: orm.Session, transfer: Transfer) -> None:
    """Withdraw the offer: the volume is available again (if it still waits)."""
    # Cinder, too, removes the transfer whatever the volume's state.
    with contextlib.suppress(TransitionRefused):
        volumes.VOLUME.apply(session, "transfer_cancel", transfer.volume_id)
    session.delete(transfer)


def accept_deltas(
    session: orm.Session, transfer: Transfer, volume: models.Volume
) -> dict[str, int]:
    """The quota the accepting project takes: the volume, and what goes with it."""
    type_name = session.get(models.VolumeType, volume.volume_type_id).name
    deltas = {
        "volumes": 1,
        "gigabytes": volume.size,
        f"volumes_{type_name}": 1,
        f"gigabytes_{type_name}": volume.size,
    }
    for extra in ACCEPT_QUOTA:
        for key, value in extra(session, volume.id, transfer.no_snapshots).items():
            deltas[key] = deltas.get(key, 0) + value
    return deltas


def check_key(transfer: Transfer, auth_key: str) -> None:
    if not hmac.compare_digest(key_hash(transfer.salt, auth_key), transfer.crypt_hash):
        raise errors.invalid_auth_key(transfer.id)


def accept(session: orm.Session, transfer: Transfer, project_id: str, user_id: str | None) -> None:
    """Move the volume (and what goes with it) and close the transfer."""
    volumes.move(
        session,
        "transfer_accept",
        transfer.volume_id,
        values={"project_id": project_id, "user_id": user_id, "updated_at": timeutils.utcnow()},
        reason=f"Transfer {transfer.id}: Volume id {transfer.volume_id} expected in "
        "awaiting-transfer state.",
    )
    for cascade in ACCEPT_CASCADES:
        cascade(session, transfer.volume_id, project_id, user_id, transfer.no_snapshots)
    transfer.accepted = True
    transfer.destination_project_id = project_id
    transfer.updated_at = timeutils.utcnow()
