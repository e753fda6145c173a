"""Limits: a project's or a domain's own limit on a registered resource.

A limit needs its registered limit (same service, region and resource), and
a project or domain has at most one per registered limit. Creating one locks
that registered limit, which its own update and delete lock too. Keystone's
flat enforcement model: limits are not checked against the project tree.
"""

from __future__ import annotations

import typing

import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack.api import errors as api_errors
from pocketstack.identity import errors, models
from pocketstack.identity.objects import new_id, registered_limit

KIND = "limit"
COLUMNS = (
    "project_id",
    "domain_id",
    "service_id",
    "region_id",
    "resource_name",
    "resource_limit",
    "description",
)
MODEL = {
    "name": "flat",
    "description": (
        "Limit enforcement and validation does not take project hierarchy into consideration."
    ),
}

_Limit = models.Limit


def find(session: orm.Session, limit_id: str) -> _Limit:
    limit = session.get(_Limit, limit_id)
    if limit is None:
        raise api_errors.NotFound(
            f"Could not find limit for {limit_id}.", code="identity.limit.not_found"
        )
    return limit


def list_all(session: orm.Session) -> list[_Limit]:
    return list(session.scalars(sa.select(_Limit).order_by(_Limit.id)))


def create_many(session: orm.Session, items: list[dict[str, typing.Any]]) -> list[_Limit]:
    for fields in items:
        _require_references(session, fields)
    created = []
    for fields in items:
        if registered_limit.matching(session, fields, lock=True) is None:
            raise errors.forbidden(
                "Unable to create a limit that has no corresponding registered limit."
            )
        _require_unique(session, fields)
        limit = _Limit(id=new_id(), **{key: fields.get(key) for key in COLUMNS})
        session.add(limit)
        session.flush()
        created.append(limit)
    return created


def update(session: orm.Session, limit: _Limit, fields: dict[str, typing.Any]) -> None:
    # Keystone skips a zero limit or an empty description; both are values.
    for key in ("resource_limit", "description"):
        if key in fields:
            setattr(limit, key, fields[key])
    session.flush()


def delete(session: orm.Session, limit: _Limit) -> None:
    session.delete(limit)
    session.flush()


def _require_references(session: orm.Session, fields: dict[str, typing.Any]) -> None:
    """Service, region and owner must exist; a domain named as the project
    owns the limit as a domain (in Keystone a domain is a project)."""
    registered_limit.require_references(session, fields, KIND)
    project_id = fields.get("project_id")
    if project_id is not None and session.get(models.Project, project_id) is None:
        if session.get(models.Domain, project_id) is None:
            raise errors.ValidationError.expecting("project_id", KIND)
        fields["domain_id"] = fields.pop("project_id")
    domain_id = fields.get("domain_id")
    if domain_id is not None and session.get(models.Domain, domain_id) is None:
        raise errors.ValidationError.expecting("domain_id", KIND)
    if fields.get("project_id") is None and domain_id is None:
        raise errors.ValidationError.expecting("project_id or domain_id", KIND)


def _require_unique(session: orm.Session, fields: dict[str, typing.Any]) -> None:
    owner = (
        _Limit.project_id == fields["project_id"]
        if fields.get("project_id")
        else _Limit.domain_id == fields["domain_id"]
    )
    duplicate = session.scalar(
        sa.select(_Limit.id).where(
            owner,
            _Limit.service_id == fields["service_id"],
            _Limit.resource_name == fields["resource_name"],
            registered_limit.region_is(_Limit.region_id, fields.get("region_id")),
        )
    )
    if duplicate:
        raise errors.conflict(KIND, "Duplicate entry")
