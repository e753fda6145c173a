"""Domains: the containers of projects, users and groups."""

from __future__ import annotations

import typing
import uuid

import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack.api import errors as api_errors
from pocketstack.identity import errors, models
from pocketstack.identity.objects import (
    assignment,
    get,
    group,
    new_id,
    options,
    project,
    split_extra,
    user,
)
from pocketstack.identity.tokens import revocation

DEFAULT_ID = "default"
# Attributes with columns; anything else a client sends is kept in ``extra``.
COLUMNS = ("name", "description", "enabled", "options")


def find(session: orm.Session, domain_id: str) -> models.Domain:
    return get(session, models.Domain, domain_id, "domain")


def lookup(session: orm.Session, ref: dict[str, typing.Any]) -> models.Domain | None:
    """The domain a request body names: by name if it gives one (as Keystone
    prefers), else by id."""
    if ref.get("name"):
        query = sa.select(models.Domain).where(models.Domain.name == ref["name"])
        return session.scalars(query).first()
    return session.get(models.Domain, ref["id"]) if ref.get("id") else None


def create(session: orm.Session, fields: dict[str, typing.Any]) -> models.Domain:
    explicit_id = fields.pop("explicit_domain_id", None)
    if explicit_id is not None:
        _require_uuid_hex(explicit_id)
    domain_id = explicit_id or new_id()
    name = fields["name"]
    taken = sa.or_(models.Domain.name == name, models.Domain.id == domain_id)
    if session.scalar(sa.select(models.Domain.id).where(taken)):
        raise _duplicate(name)
    domain = models.Domain(id=domain_id, **split_extra(fields, COLUMNS))
    session.add(domain)
    session.flush()
    return domain


def update(session: orm.Session, domain: models.Domain, fields: dict[str, typing.Any]) -> None:
    options.prepare_update(domain, "domain", fields)
    name = fields.get("name")
    if (
        name
        and name != domain.name
        and session.scalar(sa.select(models.Domain.id).where(models.Domain.name == name))
    ):
        raise _duplicate(name)
    columns = split_extra(fields, COLUMNS)
    extra = columns.pop("extra", {})
    for key, value in columns.items():
        setattr(domain, key, value)
    if extra:
        domain.extra = {**domain.extra, **extra}
    session.flush()


def _duplicate(name: str) -> api_errors.Conflict:
    """Keystone stores a domain as a project acting as one, and words the
    conflict (a name, or an explicit id, already taken) that way."""
    return errors.conflict(
        "project",
        f"it is not permitted to have two projects acting as domains with the same name: {name}",
    )


def _require_uuid_hex(domain_id: str) -> None:
    """An explicit id is a UUID written as Keystone writes its own: 32
    lower-case hex digits (what ``uuid.UUID(x).hex`` gives back unchanged)."""
    try:
        valid = uuid.UUID(domain_id).hex == domain_id
    except ValueError:
        valid = False
    if not valid:
        raise errors.ValidationError("Domain ID does not conform to required UUID format.")


def delete(session: orm.Session, domain: models.Domain) -> None:
    """Delete a disabled domain and everything in it, as Keystone does: an
    immutable project inside refuses, and the transaction keeps the rest."""
    options.require_mutable_for_delete(domain, "domain")
    if domain.enabled:
        raise errors.forbidden("Cannot delete a domain that is enabled, please disable it first.")
    remaining = list(
        session.scalars(sa.select(models.Project).where(models.Project.domain_id == domain.id))
    )
    # Children before parents: the hierarchy is a foreign key.
    while remaining:
        parents = {p.parent_id for p in remaining}
        for leaf in [p for p in remaining if p.id not in parents]:
            project.delete(session, leaf)
        remaining = [p for p in remaining if p.id in parents]
    for member in session.scalars(sa.select(models.User).where(models.User.domain_id == domain.id)):
        user.delete(session, member)
    for team in session.scalars(sa.select(models.Group).where(models.Group.domain_id == domain.id)):
        group.delete(session, team)
    for domain_role in session.scalars(
        sa.select(models.Role).where(models.Role.domain_id == domain.id)
    ):
        session.delete(domain_role)
    assignment.delete_for_target(session, "domain", domain.id)
    revocation.record(session, domain_id=domain.id)
    session.delete(domain)
    session.flush()
