"""Metadata definitions: namespaces and their objects, properties, tags and
resource-type associations (Glance's metadefs catalog)."""

from __future__ import annotations

import typing

import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack import timeutils
from pocketstack.image import errors, models
from pocketstack.image.objects import Caller

Namespace = models.MetadefNamespace
Item = models.MetadefObject
KIND_WORDS = {"object": "object", "property": "property", "tag": "tag"}


def namespace(session: orm.Session, name: str, caller: Caller) -> Namespace:
    found = session.scalar(sa.select(Namespace).where(Namespace.namespace == name))
    if found is None or not (
        caller.is_admin or found.visibility == "public" or found.owner == caller.project_id
    ):
        raise errors.not_found(f"Metadata definition namespace={name} was not found.")
    return found


def namespaces(session: orm.Session, caller: Caller) -> list[Namespace]:
    query = sa.select(Namespace).order_by(Namespace.created_at, Namespace.id)
    if not caller.is_admin:
        query = query.where(
            sa.or_(Namespace.visibility == "public", Namespace.owner == caller.project_id)
        )
    return list(session.scalars(query))


def create_namespace(session: orm.Session, fields: dict[str, typing.Any]) -> Namespace:
    name = fields["namespace"]
    if session.scalar(sa.select(Namespace.id).where(Namespace.namespace == name)):
        raise errors.conflict(f"The metadata definition namespace={name} already exists.")
    now = timeutils.utcnow()
    created = Namespace(created_at=now, updated_at=now, **fields)
    session.add(created)
    session.flush()
    return created


def items(session: orm.Session, ns: Namespace, kind: str) -> list[Item]:
    return list(
        session.scalars(
            sa.select(Item).where(Item.namespace_id == ns.id, Item.kind == kind).order_by(Item.id)
        )
    )


def item(session: orm.Session, ns: Namespace, kind: str, name: str) -> Item:
    found = session.scalar(
        sa.select(Item).where(Item.namespace_id == ns.id, Item.kind == kind, Item.name == name)
    )
    if found is None:
        raise errors.not_found(_missing(kind, name, ns.namespace))
    return found


def put_item(
    session: orm.Session,
    ns: Namespace,
    kind: str,
    name: str,
    body: dict[str, typing.Any],
    existing: Item | None = None,
) -> Item:
    clash = session.scalar(
        sa.select(Item).where(Item.namespace_id == ns.id, Item.kind == kind, Item.name == name)
    )
    if clash is not None and clash is not existing:
        raise errors.conflict(_duplicate(kind, name, ns.namespace))
    now = timeutils.utcnow()
    if existing is None:
        existing = Item(namespace_id=ns.id, kind=kind, created_at=now)
        session.add(existing)
    existing.name, existing.body, existing.updated_at = name, body, now
    session.flush()
    return existing


def delete_items(session: orm.Session, ns: Namespace, kind: str) -> None:
    session.execute(sa.delete(Item).where(Item.namespace_id == ns.id, Item.kind == kind))


def associations(session: orm.Session, ns: Namespace):
    return session.execute(
        sa.select(models.MetadefAssociation, models.MetadefResourceType.name)
        .join(models.MetadefResourceType)
        .where(models.MetadefAssociation.namespace_id == ns.id)
    ).all()


def associate(
    session: orm.Session, ns: Namespace, name: str, prefix: str | None, target: str | None
) -> models.MetadefAssociation:
    now = timeutils.utcnow()
    kind = session.scalar(
        sa.select(models.MetadefResourceType).where(models.MetadefResourceType.name == name)
    )
    if kind is None:
        kind = models.MetadefResourceType(
            name=name, protected=False, created_at=now, updated_at=now
        )
        session.add(kind)
        session.flush()
    if session.get(models.MetadefAssociation, (kind.id, ns.id)) is not None:
        raise errors.conflict(
            f"The metadata definition resource-type association of "
            f"resource-type={name} to namespace={ns.namespace}, already "
            "exists."
        )
    created = models.MetadefAssociation(
        resource_type_id=kind.id,
        namespace_id=ns.id,
        prefix=prefix,
        properties_target=target,
        created_at=now,
        updated_at=now,
    )
    session.add(created)
    session.flush()
    return created


def dissociate(session: orm.Session, ns: Namespace, name: str) -> None:
    for association, kind_name in associations(session, ns):
        if kind_name == name:
            session.delete(association)
            session.flush()
            return
    raise errors.not_found(
        f"The metadata definition resource-type association of "
        f"resource-type={name} to namespace={ns.namespace}, was not found."
    )


def delete_namespace(session: orm.Session, ns: Namespace) -> None:
    if ns.protected:
        raise errors.forbidden(
            f"Metadata definition namespace {ns.namespace} is protected and cannot be deleted."
        )
    session.execute(sa.delete(Item).where(Item.namespace_id == ns.id))
    session.execute(
        sa.delete(models.MetadefAssociation).where(models.MetadefAssociation.namespace_id == ns.id)
    )
    session.delete(ns)
    session.flush()


def _missing(kind: str, name: str, ns: str) -> str:
    if kind == "tag":
        return f"The metadata definition tag with name={name} was not found in namespace={ns}."
    return f"The metadata definition {kind} with name={name} was not found in namespace={ns}."


def _duplicate(kind: str, name: str, ns: str) -> str:
    if kind == "tag":
        return (
            f"A metadata tag with name={name} already exists in namespace={ns}. (Please "
            "note that metadata tag names are case insensitive)."
        )
    return f"A metadata definition {kind} with name={name} already exists in namespace={ns}."
