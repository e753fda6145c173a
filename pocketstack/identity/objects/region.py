"""Regions: a hierarchy by ``parent_region_id``, where endpoints are placed.

As in Keystone, a region's id may be chosen by the client; its parent must
exist and may not be the region itself or one of its descendants; deleting a
region deletes its subregions too, unless any of them holds an endpoint.
"""

from __future__ import annotations

import typing

import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack.api import errors as api_errors
from pocketstack.api.validation import SchemaError
from pocketstack.identity import errors, models
from pocketstack.identity.objects import get, new_id
from pocketstack.identity.objects.constraints import enforced

# The column's width; longer ids can only come from a path or a legacy
# endpoint ``region``, which no schema has measured.
MAX_ID_LENGTH = 255
# Keys that are not free-form attributes of a region.
NOT_EXTRA = ("id", "description", "parent_region_id", "links")


def find(session: orm.Session, region_id: str) -> models.Region:
    return get(session, models.Region, region_id, "region")


def list_regions(session: orm.Session, parent_region_id: str | None) -> list[models.Region]:
    query = sa.select(models.Region).order_by(models.Region.id)
    if parent_region_id is not None:
        query = query.where(models.Region.parent_region_id == parent_region_id)
    return list(session.scalars(query))


def create(session: orm.Session, fields: dict[str, typing.Any]) -> models.Region:
    """A new region; ``fields["id"]`` if given and not empty, else a new id."""
    region_id = fields.get("id") or new_id()
    if len(region_id) > MAX_ID_LENGTH:
        raise errors.invalid_body(SchemaError("region/id", f"{region_id!r} is too long", region_id))
    if session.get(models.Region, region_id) is not None:
        raise _duplicate(region_id)
    parent_id = fields.get("parent_region_id")
    if parent_id is not None:
        find(session, parent_id)
    region = models.Region(
        id=region_id,
        description=fields.get("description") or "",
        parent_region_id=parent_id,
        extra=_extra(fields),
    )
    with enforced(session, lambda: _duplicate(region_id)):
        session.add(region)
    return region


def update(session: orm.Session, region_id: str, fields: dict[str, typing.Any]) -> models.Region:
    parent_id = fields.get("parent_region_id")
    if parent_id is not None:
        find(session, parent_id)
    region = find(session, region_id)
    if "parent_region_id" in fields:
        _refuse_circle(session, region.id, parent_id)
        region.parent_region_id = parent_id
    if "description" in fields:
        region.description = fields["description"] or ""
    extra = _extra(fields)
    if extra:
        region.extra = {**region.extra, **extra}
    session.flush()
    return region


def delete(session: orm.Session, region_id: str) -> None:
    region = find(session, region_id)
    subtree = _subtree(session, region.id)
    refusal = errors.forbidden(
        f"Unable to delete region {region.id} because it or its child regions "
        "have associated endpoints."
    )
    placed = sa.select(models.Endpoint.id).where(models.Endpoint.region_id.in_(subtree))
    if session.scalar(placed.limit(1)) is not None:
        raise refusal
    with enforced(session, lambda: refusal):
        session.execute(sa.delete(models.Region).where(models.Region.id.in_(subtree)))


def _subtree(session: orm.Session, region_id: str) -> list[str]:
    """The region and all its descendants (a cycle, which updates refuse, ends it)."""
    found = [region_id]
    frontier = [region_id]
    while frontier:
        children = session.scalars(
            sa.select(models.Region.id).where(models.Region.parent_region_id.in_(frontier))
        )
        frontier = [child for child in children if child not in found]
        found.extend(frontier)
    return found


def _refuse_circle(session: orm.Session, region_id: str, parent_id: str | None) -> None:
    """Walk up from the new parent; meeting the region itself is a circle."""
    while parent_id:
        if parent_id == region_id:
            # Keystone names the region where the walk met itself.
            raise errors.ValidationError(
                f"The specified parent region {parent_id} would create a circular region hierarchy."
            )
        parent_id = find(session, parent_id).parent_region_id


def _duplicate(region_id: str) -> api_errors.Conflict:
    # Keystone's own wording ends in "ID, <id>." inside its "... - %s." frame.
    return errors.conflict("region", f"Duplicate ID, {region_id}.")


def _extra(fields: dict[str, typing.Any]) -> dict[str, typing.Any]:
    return {key: value for key, value in fields.items() if key not in NOT_EXTRA}
