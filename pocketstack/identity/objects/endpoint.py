"""Endpoints: a service's URL for one interface, in a region or none.

Keystone's rules: the service and region must exist (a 400 naming the table
when they do not); a v2-style ``region`` without ``region_id`` names the
region, which is created if missing; a URL may only substitute Keystone's
whitelisted ``$(name)s`` values.
"""

from __future__ import annotations

import contextlib
import typing

import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack.api import errors as api_errors
from pocketstack.identity import errors, models
from pocketstack.identity.objects import get, new_id, region
from pocketstack.identity.objects.constraints import enforced

INTERFACES = ("admin", "internal", "public")
# The values an endpoint URL may substitute; any other name is malformed.
URL_SUBSTITUTIONS = ("tenant_id", "project_id", "user_id", "compute_host", "public_endpoint")
COLUMNS = ("interface", "service_id", "url", "region_id", "enabled")
# Keys that never become free-form attributes: ``region`` is only ever the
# legacy spelling of region_id, and the response shows region_id under it.
NOT_EXTRA = (*COLUMNS, "id", "links", "region", "legacy_endpoint_id")


class _Whitelisted:
    """The mapping ``%`` formatting reads; names off the whitelist fail."""

    def __init__(self, values: typing.Mapping[str, str]) -> None:
        self.values = values

    def __getitem__(self, name: str) -> str:
        if name not in URL_SUBSTITUTIONS:
            raise KeyError(name)
        return self.values[name]

    def __str__(self) -> str:
        # An unnamed ``%s`` would print this mapping into the URL; it is no
        # substitution at all, so the URL is malformed.
        raise TypeError("an endpoint URL may only substitute named values")

    __repr__ = __str__


def format_url(url: str, values: typing.Mapping[str, str]) -> str | None:
    """The URL with ``$(name)s`` / ``%(name)s`` filled in, or None when it
    names something unknown or is not a valid format (the catalog skips it)."""
    try:
        return url.replace("$(", "%(") % _Whitelisted(values)
    except (KeyError, TypeError, ValueError):
        return None


def check_url(url: str) -> None:
    if format_url(url, dict.fromkeys(URL_SUBSTITUTIONS, "")) is None:
        raise errors.ValidationError(f"Cannot create an endpoint with an invalid URL: {url}.")


def find(session: orm.Session, endpoint_id: str) -> models.Endpoint:
    return get(session, models.Endpoint, endpoint_id, "endpoint")


def list_endpoints(session: orm.Session) -> list[models.Endpoint]:
    return list(session.scalars(sa.select(models.Endpoint).order_by(models.Endpoint.id)))


def adopt_legacy_region(session: orm.Session, fields: dict[str, typing.Any]) -> None:
    """``region`` given without ``region_id`` names the region, created if new."""
    legacy = fields.pop("region", None)
    if fields.get("region_id") is None and legacy is not None:
        fields["region_id"] = legacy
        if session.get(models.Region, legacy) is None:
            # Another request may create it first; either way it exists.
            with contextlib.suppress(api_errors.Conflict):
                region.create(session, {"id": legacy})


def create(session: orm.Session, fields: dict[str, typing.Any]) -> models.Endpoint:
    region_id, service_id = fields.get("region_id"), fields["service_id"]
    _require_references(session, region_id, service_id)
    columns = {key: fields[key] for key in COLUMNS if fields.get(key) is not None}
    endpoint = models.Endpoint(id=new_id(), **columns, extra=_extra(fields))
    with enforced(session, lambda: _missing_reference(session, region_id, service_id)):
        session.add(endpoint)
    return endpoint


def update(
    session: orm.Session, endpoint_id: str, fields: dict[str, typing.Any]
) -> models.Endpoint:
    _require_references(session, fields.get("region_id"), fields.get("service_id"))
    endpoint = find(session, endpoint_id)
    region_id = fields.get("region_id", endpoint.region_id)
    service_id = fields.get("service_id", endpoint.service_id)
    with enforced(session, lambda: _missing_reference(session, region_id, service_id)):
        for key in COLUMNS:
            if key in fields:
                setattr(endpoint, key, fields[key])
        extra = _extra(fields)
        if extra:
            endpoint.extra = {**endpoint.extra, **extra}
    return endpoint


def delete(session: orm.Session, endpoint_id: str) -> None:
    delete_where(session, models.Endpoint.id == find(session, endpoint_id).id)


def delete_where(session: orm.Session, condition: sa.ColumnElement[bool]) -> None:
    """Delete the endpoints matching ``condition`` and their project associations."""
    doomed = sa.select(models.Endpoint.id).where(condition).scalar_subquery()
    session.execute(
        sa.delete(models.ProjectEndpoint).where(models.ProjectEndpoint.endpoint_id.in_(doomed))
    )
    session.execute(sa.delete(models.Endpoint).where(condition))
    session.flush()


def _require_references(
    session: orm.Session, region_id: str | None, service_id: str | None
) -> None:
    if region_id is not None and session.get(models.Region, region_id) is None:
        raise errors.ValidationError.expecting("endpoint region_id", "region table")
    if service_id is not None and session.get(models.Service, service_id) is None:
        raise errors.ValidationError.expecting("endpoint service_id", "service table")


def _missing_reference(
    session: orm.Session, region_id: str | None, service_id: str
) -> errors.ValidationError:
    """Which reference a concurrent delete took away (a foreign key failed)."""
    try:
        _require_references(session, region_id, service_id)
    except errors.ValidationError as refusal:
        return refusal
    return errors.ValidationError.expecting("endpoint service_id", "service table")


def _extra(fields: dict[str, typing.Any]) -> dict[str, typing.Any]:
    return {key: value for key, value in fields.items() if key not in NOT_EXTRA}
