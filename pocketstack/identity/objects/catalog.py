"""The service catalog a token carries, as Keystone builds it.

Enabled services with their enabled endpoints; when a project has endpoint
associations (OS-EP-FILTER), only those endpoints. ``$(project_id)s`` and
``%(tenant_id)s`` in URLs are filled in for the token's project.
"""

from __future__ import annotations

import typing

import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack.identity import models


def project_endpoint_ids(session: orm.Session, project_id: str) -> set[str] | None:
    """Endpoints associated with the project, directly or through endpoint
    groups; None when the project has no associations at all."""
    direct = set(
        session.scalars(
            sa.select(models.ProjectEndpoint.endpoint_id).where(
                models.ProjectEndpoint.project_id == project_id
            )
        )
    )
    groups = session.scalars(
        sa.select(models.EndpointGroup)
        .join(
            models.ProjectEndpointGroup,
            models.ProjectEndpointGroup.endpoint_group_id == models.EndpointGroup.id,
        )
        .where(models.ProjectEndpointGroup.project_id == project_id)
    ).all()
    if not direct and not groups:
        return None
    for group in groups:
        direct.update(e.id for e in endpoints_matching(session, group.filters))
    return direct


def endpoints_matching(session: orm.Session, filters: dict[str, typing.Any]) -> list[models.Endpoint]:
    """Endpoints an endpoint group's filters select."""
    query = sa.select(models.Endpoint)
    for key in ("service_id", "region_id", "interface"):
        if key in filters:
            query = query.where(getattr(models.Endpoint, key) == filters[key])
    return list(session.scalars(query))


def build(session: orm.Session, project_id: str | None = None) -> list[dict[str, typing.Any]]:
    allowed = project_endpoint_ids(session, project_id) if project_id else None
    endpoints_by_service: dict[str, list[dict[str, typing.Any]]] = {}
    for endpoint in session.scalars(
        sa.select(models.Endpoint).where(models.Endpoint.enabled).order_by(models.Endpoint.id)
    ):
        if allowed is not None and endpoint.id not in allowed:
            continue
        endpoints_by_service.setdefault(endpoint.service_id, []).append(
            {
                "id": endpoint.id,
                "interface": endpoint.interface,
                "region_id": endpoint.region_id,
                "url": _substitute(endpoint.url, project_id),
                "region": endpoint.region_id,
            }
        )
    catalog = []
    for service in session.scalars(
        sa.select(models.Service).where(models.Service.enabled).order_by(models.Service.id)
    ):
        endpoints = endpoints_by_service.get(service.id)
        if allowed is not None and not endpoints:
            continue
        catalog.append(
            {
                "endpoints": endpoints or [],
                "id": service.id,
                "type": service.type,
                "name": service.extra.get("name", ""),
            }
        )
    return catalog


def _substitute(url: str, project_id: str | None) -> str:
    if project_id is None:
        return url
    for placeholder in ("$(project_id)s", "$(tenant_id)s", "%(project_id)s", "%(tenant_id)s"):
        url = url.replace(placeholder, project_id)
    return url
