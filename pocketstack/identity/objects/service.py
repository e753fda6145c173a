"""Services: what the catalog lists, by type; name and the rest are free-form.

Deleting a service deletes its endpoints, as Keystone does.
"""

from __future__ import annotations

import typing

import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack.identity import errors, models
from pocketstack.identity.objects import endpoint, get, new_id

# Keys that are not free-form attributes (``name`` and ``description`` are).
NOT_EXTRA = ("id", "type", "enabled", "links")


def find(session: orm.Session, service_id: str) -> models.Service:
    return get(session, models.Service, service_id, "service")


def list_services(session: orm.Session) -> list[models.Service]:
    return list(session.scalars(sa.select(models.Service).order_by(models.Service.id)))


def create(session: orm.Session, fields: dict[str, typing.Any]) -> models.Service:
    service = models.Service(
        id=new_id(),
        type=fields["type"],
        enabled=fields.get("enabled", True),
        extra={"name": "", **_extra(fields)},
    )
    session.add(service)
    session.flush()
    return service


def update(session: orm.Session, service_id: str, fields: dict[str, typing.Any]) -> models.Service:
    service = find(session, service_id)
    if "type" in fields:
        service.type = fields["type"]
    if "enabled" in fields:
        service.enabled = fields["enabled"]
    extra = _extra(fields)
    if extra:
        service.extra = {**service.extra, **extra}
    session.flush()
    return service


def delete(session: orm.Session, service_id: str) -> None:
    # Locked first: an endpoint being added to it concurrently either lands
    # before and is deleted with it, or fails its foreign key after.
    service = session.get(models.Service, service_id, with_for_update=True)
    if service is None:
        raise errors.not_found("service", service_id)
    endpoint.delete_where(session, models.Endpoint.service_id == service.id)
    session.delete(service)
    session.flush()


def _extra(fields: dict[str, typing.Any]) -> dict[str, typing.Any]:
    return {key: value for key, value in fields.items() if key not in NOT_EXTRA}
