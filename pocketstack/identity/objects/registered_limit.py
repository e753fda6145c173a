"""Registered limits: a service's default limit on one of its resources,
everywhere or in one region.

There is one per (service, region, resource); project and domain limits
refer to one, and while any does it can be neither changed nor deleted.
Writes lock the row (or the service, for a new one) first, so a check and
the write it allows cannot be overtaken by another transaction.
"""

from __future__ import annotations

import typing
from collections.abc import Mapping

import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack.api import errors as api_errors
from pocketstack.identity import errors, models
from pocketstack.identity.objects import new_id

KIND = "registered_limit"
KEY = ("service_id", "region_id", "resource_name")
COLUMNS = (*KEY, "default_limit", "description")

_Registered = models.RegisteredLimit


def find(session: orm.Session, registered_limit_id: str, *, lock: bool = False) -> _Registered:
    registered = session.get(_Registered, registered_limit_id, with_for_update=lock)
    if registered is None:
        raise api_errors.NotFound(
            f"Could not find registered limit for {registered_limit_id}.",
            code="identity.registered_limit.not_found",
        )
    return registered


def list_all(session: orm.Session) -> list[_Registered]:
    return list(session.scalars(sa.select(_Registered).order_by(_Registered.id)))


def matching(
    session: orm.Session, fields: Mapping[str, typing.Any], *, lock: bool = False
) -> _Registered | None:
    """The registered limit with the (service, region, resource) of ``fields``."""
    query = sa.select(_Registered).where(
        _Registered.service_id == fields["service_id"],
        _Registered.resource_name == fields["resource_name"],
        region_is(_Registered.region_id, fields.get("region_id")),
    )
    if lock:
        query = query.with_for_update()
    return session.scalars(query).first()


def require_references(session: orm.Session, fields: Mapping[str, typing.Any], kind: str) -> None:
    """The service and region named must exist (the service is locked:
    registered limits of one service are written one transaction at a time)."""
    service_id = fields.get("service_id")
    if service_id is not None and not session.get(models.Service, service_id, with_for_update=True):
        raise errors.ValidationError.expecting("service_id", kind)
    region_id = fields.get("region_id")
    if region_id is not None and not session.get(models.Region, region_id):
        raise errors.ValidationError.expecting("region_id", kind)


def create_many(session: orm.Session, items: list[dict[str, typing.Any]]) -> list[_Registered]:
    for fields in items:
        require_references(session, fields, KIND)
    created = []
    for fields in items:
        _require_unique(session, fields)
        registered = _Registered(id=new_id(), **{k: fields.get(k) for k in COLUMNS})
        session.add(registered)
        session.flush()
        created.append(registered)
    return created


def update(
    session: orm.Session, registered_limit_id: str, fields: dict[str, typing.Any]
) -> _Registered:
    require_references(session, fields, KIND)
    registered = find(session, registered_limit_id, lock=True)
    _require_unreferenced(session, registered)
    if any(key in fields for key in KEY):
        merged = {key: fields.get(key, getattr(registered, key)) for key in KEY}
        # Locked as a new registered limit's service is, for the same reason.
        session.get(models.Service, merged["service_id"], with_for_update=True)
        _require_unique(session, merged, registered.id)
    for key, value in fields.items():
        setattr(registered, key, value)
    session.flush()
    return registered


def delete(session: orm.Session, registered_limit_id: str) -> None:
    registered = find(session, registered_limit_id, lock=True)
    _require_unreferenced(session, registered)
    session.delete(registered)
    session.flush()


def is_referenced(session: orm.Session, registered: _Registered) -> bool:
    L = models.Limit
    return bool(
        session.scalar(
            sa.select(L.id).where(
                L.service_id == registered.service_id,
                L.resource_name == registered.resource_name,
                region_is(L.region_id, registered.region_id),
            )
        )
    )


def _require_unreferenced(session: orm.Session, registered: _Registered) -> None:
    if is_referenced(session, registered):
        raise errors.forbidden(
            f"Unable to update or delete registered limit {registered.id} because there "
            "are project limits associated with it."
        )


def _require_unique(
    session: orm.Session, fields: Mapping[str, typing.Any], own_id: str | None = None
) -> None:
    existing = matching(session, fields)
    if existing is not None and existing.id != own_id:
        raise errors.conflict(KIND, "Duplicate entry")


def region_is(column: typing.Any, region_id: str | None) -> typing.Any:
    return column.is_(None) if region_id is None else column == region_id
