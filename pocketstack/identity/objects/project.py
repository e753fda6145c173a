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
    options,
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


def create(session: orm.Session, fields: dict[str, typing.Any], max_depth: int) -> models.Project:
    """``fields`` has a domain_id; a parent_id that is none, or the domain's
    own id, means a top-level project. Keystone's hierarchy rules: the whole
    branch above must be enabled (400) and no deeper than ``max_depth``
    projects (403)."""
    owner = session.get(models.Domain, fields["domain_id"])
    if owner is None:
        raise errors.ValidationError(f"Could not find domain: {fields['domain_id']}.")
    parent = _parent(session, owner, fields.get("parent_id"))
    branch = [*_above(session, parent), parent] if parent else [owner]
    disabled = next((node.id for node in branch if not node.enabled), None)
    if disabled:
        raise errors.ValidationError(
            f"cannot create a project in a branch containing a disabled project: {disabled}"
        )
    if len(branch) > max_depth:
        raise errors.forbidden(f"Max hierarchy depth reached for {fields['parent_id']} branch.")
    fields["parent_id"] = parent.id if parent else None
    project_id = new_id()
    _require_unique_name(session, fields["name"], owner.id, project_id)
    tags = fields.pop("tags", None) or []
    project = models.Project(id=project_id, **split_extra(fields, COLUMNS))
    session.add(project)
    session.flush()
    set_tags(session, project.id, tags)
    return project


def _parent(
    session: orm.Session, owner: models.Domain, parent_id: str | None
) -> models.Project | None:
    """The project a new one goes under (None for the top level), in its domain."""
    if not parent_id or parent_id == owner.id:
        return None
    parent = session.get(models.Project, parent_id)
    if parent is None and session.get(models.Domain, parent_id) is not None:
        raise errors.ValidationError(
            f"Cannot create project, the parent ({parent_id}) is acting as a domain, but this "
            f"project's domain id ({owner.id}) does not match the parent's id."
        )
    if parent is None:
        raise errors.ValidationError(f"Could not find project: {parent_id}.")
    if parent.domain_id != owner.id:
        raise errors.ValidationError(
            f"Cannot create project, since it specifies its domain_id {owner.id}, but "
            f"specifies a parent in a different domain ({parent.domain_id})."
        )
    return parent


def _above(session: orm.Session, project: models.Project) -> list[models.Project | models.Domain]:
    """The projects above ``project``, nearest first, and then its domain (a
    project acting as a domain in Keystone, so part of every branch)."""
    chain: list[models.Project | models.Domain] = []
    current = project
    while current.parent_id:
        current = find(session, current.parent_id)
        chain.append(current)
    chain.append(domain.find(session, project.domain_id))
    return chain


def update(session: orm.Session, project: models.Project, fields: dict[str, typing.Any]) -> None:
    """Keystone's checks, in its order: the domain, immutability (judged on
    the request as sent), the name, then the hierarchy's fixed attributes."""
    if fields.get("domain_id", project.domain_id) != project.domain_id:
        raise errors.ValidationError("Cannot change Domain ID")
    options.prepare_update(project, "project", fields)
    if fields.get("name") and fields["name"] != project.name:
        fields["name"] = fields["name"].strip()
        _require_unique_name(session, fields["name"], project.domain_id, project.id)
    if fields.get("parent_id", _stored_parent(project)) != _stored_parent(project):
        raise errors.forbidden("Update of `parent_id` is not allowed.")
    if fields.get("is_domain", False):
        raise errors.ValidationError("Update of `is_domain` is not allowed.")
    for fixed in ("domain_id", "parent_id", "is_domain"):
        fields.pop(fixed, None)
    if "tags" in fields:
        set_tags(session, project.id, fields.pop("tags") or [])
    # Keystone checks the parents of a disabled project on any update that
    # does not keep it disabled, whether or not it names ``enabled``.
    if not project.enabled and fields.get("enabled", True):
        disabled_above = [node for node in _above(session, project) if not node.enabled]
        if disabled_above:
            raise errors.forbidden(
                f"Cannot enable project {project.id} since it has disabled parents"
            )
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
    options.require_mutable_for_delete(project, "project")
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


def require_tags_mutable(project: models.Project, action: str) -> None:
    """Tags are part of a project, frozen with it (``action``: create,
    update or delete, as Keystone words its refusals)."""
    if options.is_immutable(project):
        raise errors.forbidden(
            f"Cannot {action} project tags for {project.id}, project is immutable. "
            'Set "immutable" option to false before creating project tags.'
        )


def set_tags(session: orm.Session, project_id: str, tags: list[str]) -> None:
    session.execute(sa.delete(models.ProjectTag).where(models.ProjectTag.project_id == project_id))
    for tag in dict.fromkeys(tags):
        session.add(models.ProjectTag(project_id=project_id, name=tag))
    session.flush()


def _require_unique_name(session: orm.Session, name: str, domain_id: str, project_id: str) -> None:
    """Keystone names the project being stored (not the one holding the name)."""
    taken = session.scalar(
        sa.select(models.Project.id).where(
            models.Project.domain_id == domain_id, models.Project.name == name
        )
    )
    if taken:
        raise errors.conflict(
            "project",
            "it is not permitted to have two projects with either the same name or same id "
            f"in the same domain: name is {name}, project id {project_id}",
        )


def _stored_parent(project: models.Project) -> str:
    """The parent as Keystone keeps it: a top-level project's is its domain."""
    return project.parent_id or project.domain_id
