"""The service catalog a token carries, as Keystone builds it.

Enabled services with their enabled endpoints. A project with endpoint
associations (OS-EP-FILTER, directly or through endpoint groups) sees only
those endpoints, and only the services left with any; a project whose
associations select nothing sees the whole catalog, as Keystone's
``return_all_endpoints_if_no_filter`` default has it.

URLs substitute ``$(project_id)s``, ``$(tenant_id)s`` and ``$(user_id)s``
(or their ``%(...)s`` forms). An endpoint whose URL needs a value the token
does not give (a project id in a system- or domain-scoped token, or the
deployment values ``compute_host`` and ``public_endpoint``, which are not
configured here) or that is not a valid format is left out, as Keystone
leaves out what it cannot format.
"""

from __future__ import annotations

import typing

import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack.identity import models
from pocketstack.identity.objects import endpoint, project_endpoint


def build(
    session: orm.Session, project_id: str | None, user_id: str
) -> list[dict[str, typing.Any]]:
    values = {"user_id": user_id}
    if project_id:
        values.update(project_id=project_id, tenant_id=project_id)
    selected = _selected_endpoint_ids(session, project_id)
    by_service: dict[str, list[dict[str, typing.Any]]] = {}
    enabled = sa.select(models.Endpoint).where(models.Endpoint.enabled)
    for row in session.scalars(enabled.order_by(models.Endpoint.id)):
        url = endpoint.format_url(row.url, values)
        if not url or (selected and row.id not in selected):
            continue
        by_service.setdefault(row.service_id, []).append(_entry(row, url))
    catalog = []
    services = sa.select(models.Service).where(models.Service.enabled)
    for service in session.scalars(services.order_by(models.Service.id)):
        endpoints = by_service.get(service.id, [])
        if selected and not endpoints:
            continue
        catalog.append(
            {
                "endpoints": endpoints,
                "id": service.id,
                "type": service.type,
                "name": service.extra.get("name", ""),
            }
        )
    return catalog


def _selected_endpoint_ids(session: orm.Session, project_id: str | None) -> set[str]:
    """The project's filtered endpoints; empty means no filtering."""
    if not project_id:
        return set()
    return {e.id for e in project_endpoint.endpoints_of_project(session, project_id)}


def _entry(row: models.Endpoint, url: str) -> dict[str, typing.Any]:
    return {
        **row.extra,
        "id": row.id,
        "interface": row.interface,
        "region_id": row.region_id,
        "url": url,
        "region": row.region_id,
    }
