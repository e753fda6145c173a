"""QoS specs: named sets of limits a volume type may be associated with
(one QoS specs per type), consumed at the front end, the back end or both."""

from __future__ import annotations

import typing
import uuid
from collections.abc import Mapping

import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack import timeutils
from pocketstack.block_storage import errors, models

QosSpecs = models.QosSpecs
Key = models.QosSpecsKey
VolumeType = models.VolumeType
CONSUMERS = ("back-end", "front-end", "both")
DEFAULT_CONSUMER = "back-end"


def find(session: orm.Session, specs_id: str) -> QosSpecs:
    qos = session.get(QosSpecs, specs_id)
    if qos is None:
        raise errors.not_found(f"No such QoS spec {specs_id}.")
    return qos


def specs_of(session: orm.Session, specs_id: str) -> dict[str, str]:
    rows = session.scalars(sa.select(Key).where(Key.qos_specs_id == specs_id))
    return {row.key: row.value for row in rows}


def _consumer(value: typing.Any) -> str:
    if value not in CONSUMERS:
        raise errors.bad_request(
            f"Invalid qos specs: Valid consumer of QoS specs are: {list(CONSUMERS)}"
        )
    return value


def create(session: orm.Session, name: str, specs: Mapping[str, typing.Any]) -> QosSpecs:
    if session.scalar(sa.select(QosSpecs.id).where(QosSpecs.name == name)) is not None:
        raise errors.conflict(f"QoS Specs {name} already exists.")
    values = dict(specs)
    consumer = _consumer(values.pop("consumer", None) or DEFAULT_CONSUMER)
    qos = QosSpecs(
        id=str(uuid.uuid4()), name=name, consumer=consumer, created_at=timeutils.utcnow()
    )
    session.add(qos)
    session.flush()
    set_keys(session, qos, values)
    return qos


def set_keys(session: orm.Session, qos: QosSpecs, specs: Mapping[str, typing.Any]) -> None:
    """Add or change keys (``consumer`` changes the consumer itself)."""
    values = dict(specs)
    if "consumer" in values:
        qos.consumer = _consumer(values.pop("consumer"))
    for key, value in values.items():
        row = session.get(Key, (qos.id, key))
        if row is None:
            session.add(Key(qos_specs_id=qos.id, key=key, value=str(value)))
        else:
            row.value = str(value)
    qos.updated_at = timeutils.utcnow()
    session.flush()


def delete_keys(session: orm.Session, qos: QosSpecs, keys: typing.Iterable[str]) -> None:
    for key in keys:
        row = session.get(Key, (qos.id, key))
        if row is None:
            raise errors.not_found(f"QoS spec {qos.id} has no spec with key {key}.")
        session.delete(row)
    qos.updated_at = timeutils.utcnow()
    session.flush()


def associated_types(session: orm.Session, specs_id: str) -> list[VolumeType]:
    select = sa.select(VolumeType).where(VolumeType.qos_specs_id == specs_id)
    return list(session.scalars(select.order_by(VolumeType.name)))


def delete(session: orm.Session, qos: QosSpecs, force: bool) -> None:
    """Delete the specs; while types use them only with ``force``, which
    first disassociates them all."""
    if associated_types(session, qos.id) and not force:
        raise errors.bad_request("Qos specs still in use.")
    disassociate_all(session, qos)
    session.delete(qos)
    session.flush()


def associate(session: orm.Session, qos: QosSpecs, volume_type: VolumeType) -> None:
    current = volume_type.qos_specs_id
    if current is not None and current != qos.id:
        raise errors.bad_request(
            f"Invalid volume type: Type {volume_type.id} is already associated with another "
            f"qos specs: {current}"
        )
    volume_type.qos_specs_id = qos.id
    session.flush()


def disassociate(session: orm.Session, qos: QosSpecs, volume_type: VolumeType) -> None:
    if volume_type.qos_specs_id == qos.id:
        volume_type.qos_specs_id = None
        session.flush()


def disassociate_all(session: orm.Session, qos: QosSpecs) -> None:
    session.execute(
        sa.update(VolumeType).where(VolumeType.qos_specs_id == qos.id).values(qos_specs_id=None)
    )
