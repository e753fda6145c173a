"""Projects: a hierarchy inside a domain, with tags and free-form attributes."""

from __future__ import annotations

import typing

import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack.identity import errors, models
from pocketstack.identity.objects import (
    assignment,
    credential,
    domain,
    get,
    new_id,
    split_extra,
    user,
)
from pocketstack.identity.tokens import revocation

# Attributes with columns; anything else a client sends is kept in ``extra``.
COLUMNS = ("name", "domain_id", "parent_id", "description", "enabled", "options")


def find(session: orm.Session, project_id: str) -> models.Project:
    return get(session, models.Project, project_id, "project")


def tags_of(session: orm.Session, project_id: str) -> list[str]:
    return list(
        session.scalars(
            sa.select(models.ProjectTag.name)
            .where(models.ProjectTag.project_id == project_id)
            .order_by(models.ProjectTag.name)
        )
    )


def children_of(session: orm.Session, project_id: str) -> list[models.Project]:
    query = sa.select(models.Project).where(models.Project.parent_id == project_id)
    return list(session.scalars(query))


def create(session: orm.Session, fields: dict[str, typing.Any]) -> models.Project:
    """``fields`` has a domain_id; a parent_id equal to it means top level."""
    owner = domain.find(session, fields["domain_id"]) if fields.get("domain_id") else None
    parent_id = fields.get("parent_id")
    if parent_id and (owner is None or parent_id != owner.id):
        parent = session.get(models.Project, parent_id)
        if parent is None:
            raise errors.ValidationError(f"Could not find project: {parent_id}.")
        if owner is not None and parent.domain_id != owner.id:
            raise errors.ValidationError(
                "Cannot create project, the parent is in a different domain."
            )
        fields["domain_id"] = parent.domain_id
    else:
        if owner is None:
            raise errors.ValidationError(f"Could not find domain: {fields.get('domain_id')}.")
        fields["parent_id"] = None
    _require_unique_name(session, fields["name"], fields["domain_id"])
    tags = fields.pop("tags", None) or []
    project = models.Project(id=new_id(), **split_extra(fields, COLUMNS))
    session.add(project)
    session.flush()
    set_tags(session, project.id, tags)
    return project


def update(session: orm.Session, project: models.Project, fields: dict[str, typing.Any]) -> None:
    for fixed in ("domain_id", "parent_id", "is_domain"):
        if fixed in fields and fields[fixed] != _current(project, fixed):
            raise errors.ValidationError(f"Update of `{fixed}` is not allowed.")
        fields.pop(fixed, None)
    name = fields.get("name")
    if name and name != project.name:
        _require_unique_name(session, name, project.domain_id)
    if "tags" in fields:
        set_tags(session, project.id, fields.pop("tags") or [])
    was_enabled = project.enabled
    columns = split_extra(fields, COLUMNS)
    extra = columns.pop("extra", {})
    for key, value in columns.items():
        setattr(project, key, value)
    if extra:
        project.extra = {**project.extra, **extra}
    if (
        was_enabled
        and not project.enabled
        and any(child.enabled for child in children_of(session, project.id))
    ):
        raise errors.forbidden(
            f"Cannot disable project {project.id} since its subtree contains enabled projects."
        )
    session.flush()


def delete(session: orm.Session, project: models.Project) -> None:
    if children_of(session, project.id):
        raise errors.forbidden(
            f"Cannot delete the project {project.id} since it is not a leaf in the "
            "hierarchy. Use the cascade option if you want to delete a whole subtree."
        )
    assignment.delete_for_target(session, "project", project.id)
    for model in (models.ProjectEndpoint, models.ProjectEndpointGroup):
        session.execute(sa.delete(model).where(model.project_id == project.id))
    session.execute(sa.delete(models.Limit).where(models.Limit.project_id == project.id))
    credential.delete_for_project(session, project.id)
    user.unset_default_project(session, project.id)
    revocation.record(session, project_id=project.id)
    session.delete(project)
    session.flush()


def set_tags(session: orm.Session, project_id: str, tags: list[str]) -> None:
    session.execute(sa.delete(models.ProjectTag).where(models.ProjectTag.project_id == project_id))
    for tag in dict.fromkeys(tags):
        session.add(models.ProjectTag(project_id=project_id, name=tag))
    session.flush()


def _require_unique_name(session: orm.Session, name: str, domain_id: str) -> None:
    taken = session.scalar(
        sa.select(models.Project.id).where(
            models.Project.domain_id == domain_id, models.Project.name == name
        )
    )
    if taken:
        raise errors.duplicate("project", name, domain_id)


def _current(project: models.Project, attribute: str) -> typing.Any:
    if attribute == "is_domain":
        return False
    if attribute == "parent_id":
        return project.parent_id or project.domain_id
    return getattr(project, attribute)
