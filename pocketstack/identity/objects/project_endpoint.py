"""Endpoints associated with projects (OS-EP-FILTER).

A project's endpoints are those associated with it directly and those its
endpoint groups select. When there are any, the project's token catalog
shows only them (Keystone's endpoint filter).
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack.api import errors as api_errors
from pocketstack.identity import errors, models
from pocketstack.identity.objects import endpoint_group
from pocketstack.identity.objects.constraints import enforced


def associate(session: orm.Session, project_id: str, endpoint_id: str) -> None:
    row = models.ProjectEndpoint(endpoint_id=endpoint_id, project_id=project_id)
    with enforced(session, lambda: errors.conflict("project_endpoint", "Duplicate entry")):
        session.add(row)


def association(session: orm.Session, project_id: str, endpoint_id: str) -> models.ProjectEndpoint:
    row = session.get(models.ProjectEndpoint, (endpoint_id, project_id))
    if row is None:
        raise api_errors.NotFound(
            f"Endpoint {endpoint_id} not found in project {project_id}",
            code="identity.project_endpoint.not_found",
        )
    return row


def dissociate(session: orm.Session, project_id: str, endpoint_id: str) -> None:
    session.delete(association(session, project_id, endpoint_id))
    session.flush()


def project_ids(session: orm.Session, endpoint_id: str) -> list[str]:
    """Projects the endpoint is associated with directly (not through groups)."""
    return list(
        session.scalars(
            sa.select(models.ProjectEndpoint.project_id)
            .where(models.ProjectEndpoint.endpoint_id == endpoint_id)
            .order_by(models.ProjectEndpoint.project_id)
        )
    )


def endpoints_of_project(session: orm.Session, project_id: str) -> list[models.Endpoint]:
    """Direct associations first, then what each of the project's groups selects."""
    found: dict[str, models.Endpoint] = {
        e.id: e
        for e in session.scalars(
            sa.select(models.Endpoint)
            .join(models.ProjectEndpoint, models.ProjectEndpoint.endpoint_id == models.Endpoint.id)
            .where(models.ProjectEndpoint.project_id == project_id)
            .order_by(models.Endpoint.id)
        )
    }
    for group in endpoint_group.groups_of_project(session, project_id):
        for endpoint in endpoint_group.endpoints_matching(session, group.filters):
            found.setdefault(endpoint.id, endpoint)
    return list(found.values())
