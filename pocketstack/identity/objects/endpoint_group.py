"""Endpoint groups (OS-EP-FILTER): endpoints chosen by filters on their
service, region and interface, and the projects whose catalog they make up.
"""

from __future__ import annotations

import typing

import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack.api import errors as api_errors
from pocketstack.identity import errors, models
from pocketstack.identity.objects import get, new_id
from pocketstack.identity.objects.constraints import enforced

# The endpoint attributes a group may filter on.
FILTERS = ("service_id", "region_id", "interface")
COLUMNS = ("name", "description", "filters")


def find(session: orm.Session, group_id: str) -> models.EndpointGroup:
    return get(session, models.EndpointGroup, group_id, "Endpoint Group")


def list_groups(session: orm.Session) -> list[models.EndpointGroup]:
    return list(session.scalars(sa.select(models.EndpointGroup).order_by(models.EndpointGroup.id)))


def require_filters(fields: dict[str, typing.Any]) -> None:
    """A new group needs filters, and filters name only endpoint attributes."""
    if not fields.get("filters"):
        raise errors.ValidationError("filters field is required and cannot be empty")
    require_valid_filters(fields)


def require_valid_filters(fields: dict[str, typing.Any]) -> None:
    if any(key not in FILTERS for key in fields.get("filters", {})):
        raise errors.ValidationError.expecting(" or ".join(FILTERS), "endpoint_group")


def create(session: orm.Session, fields: dict[str, typing.Any]) -> models.EndpointGroup:
    group = models.EndpointGroup(id=new_id(), **{k: fields.get(k) for k in COLUMNS})
    session.add(group)
    session.flush()
    return group


def update(
    session: orm.Session, group_id: str, fields: dict[str, typing.Any]
) -> models.EndpointGroup:
    group = find(session, group_id)
    for key in COLUMNS:
        if key in fields:
            setattr(group, key, fields[key])
    session.flush()
    return group


def delete(session: orm.Session, group_id: str) -> None:
    group = find(session, group_id)
    session.execute(
        sa.delete(models.ProjectEndpointGroup).where(
            models.ProjectEndpointGroup.endpoint_group_id == group.id
        )
    )
    session.delete(group)
    session.flush()


def endpoints_matching(
    session: orm.Session, filters: dict[str, typing.Any]
) -> list[models.Endpoint]:
    """Every endpoint (enabled or not) whose attributes equal the filters'."""
    query = sa.select(models.Endpoint).order_by(models.Endpoint.id)
    for key, value in filters.items():
        query = query.where(getattr(models.Endpoint, key) == value)
    return list(session.scalars(query))


# -- projects associated with a group ------------------------------------------


def associate(session: orm.Session, group_id: str, project_id: str) -> None:
    row = models.ProjectEndpointGroup(endpoint_group_id=group_id, project_id=project_id)
    with enforced(session, lambda: errors.conflict("project_endpoint_group", "Duplicate entry")):
        session.add(row)


def association(
    session: orm.Session, group_id: str, project_id: str
) -> models.ProjectEndpointGroup:
    row = session.get(models.ProjectEndpointGroup, (group_id, project_id))
    if row is None:
        raise api_errors.NotFound(
            "Endpoint Group Project Association not found",
            code="identity.project_endpoint_group.not_found",
        )
    return row


def dissociate(session: orm.Session, group_id: str, project_id: str) -> None:
    session.delete(association(session, group_id, project_id))
    session.flush()


def project_ids(session: orm.Session, group_id: str) -> list[str]:
    return list(
        session.scalars(
            sa.select(models.ProjectEndpointGroup.project_id)
            .where(models.ProjectEndpointGroup.endpoint_group_id == group_id)
            .order_by(models.ProjectEndpointGroup.project_id)
        )
    )


def groups_of_project(session: orm.Session, project_id: str) -> list[models.EndpointGroup]:
    return list(
        session.scalars(
            sa.select(models.EndpointGroup)
            .join(
                models.ProjectEndpointGroup,
                models.ProjectEndpointGroup.endpoint_group_id == models.EndpointGroup.id,
            )
            .where(models.ProjectEndpointGroup.project_id == project_id)
            .order_by(models.EndpointGroup.id)
        )
    )
