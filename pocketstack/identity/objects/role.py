"""Roles, global (no domain) or owned by a domain, and the rules that one
role implies another.

Names are unique per domain, global roles among themselves; the database's
unique constraint cannot see that (NULL never equals NULL), so the check is
made here, inside the caller's write transaction. A role whose ``immutable``
option is set cannot be changed or deleted until that option is cleared.
"""

from __future__ import annotations

import typing

import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack.api import errors as api_errors
from pocketstack.identity import errors, models
from pocketstack.identity.objects import (
    application_credential,
    assignment,
    get,
    new_id,
    options,
    split_extra,
)

COLUMNS = ("name", "domain_id", "description", "options")
# Keystone's [assignment] prohibited_implied_role default.
PROHIBITED_IMPLIED = ("admin",)


def find(session: orm.Session, role_id: str) -> models.Role:
    return get(session, models.Role, role_id, "role")


def list_roles(session: orm.Session, domain_id: str | None) -> list[models.Role]:
    """The global roles, or those of one domain."""
    query = sa.select(models.Role)
    if domain_id is None:
        query = query.where(models.Role.domain_id.is_(None))
    else:
        query = query.where(models.Role.domain_id == domain_id)
    return list(session.scalars(query.order_by(models.Role.name)))


def by_ids(session: orm.Session, role_ids: typing.Iterable[str]) -> list[models.Role]:
    wanted = set(role_ids)
    if not wanted:
        return []
    return list(session.scalars(sa.select(models.Role).where(models.Role.id.in_(wanted))))


def create(session: orm.Session, fields: dict[str, typing.Any]) -> models.Role:
    _require_unique_name(session, fields["name"], fields.get("domain_id"), "domain_id" in fields)
    given = options.merged({}, fields.pop("options", None))
    role = models.Role(id=new_id(), options=given, **split_extra(fields, COLUMNS))
    session.add(role)
    session.flush()
    return role


def update(session: orm.Session, role: models.Role, fields: dict[str, typing.Any]) -> None:
    options.prepare_update(role, "role", fields)
    if "domain_id" in fields and fields["domain_id"] != role.domain_id:
        raise errors.ValidationError("Update of `domain_id` is not allowed.")
    name = fields.get("name")
    if name and name != role.name:
        _require_unique_name(session, name, role.domain_id, "domain_id" in fields)
    columns = split_extra({k: v for k, v in fields.items() if k != "domain_id"}, COLUMNS)
    extra = columns.pop("extra", {})
    for key, value in columns.items():
        setattr(role, key, value)
    if extra:
        role.extra = {**role.extra, **extra}
    session.flush()


def delete(session: orm.Session, role: models.Role) -> None:
    """Delete the role, its grants and rules, and (as Keystone does) the
    application credentials of users who held it directly on a project."""
    options.require_mutable_for_delete(role, "role")
    A = models.Assignment
    holders = session.execute(
        sa.select(A.actor_id, A.target_id).where(
            A.role_id == role.id, A.actor_type == "user", A.target_type == "project"
        )
    ).all()
    for user_id, project_id in holders:
        application_credential.delete_for_user_on_project(session, user_id, project_id)
    assignment.delete_for_role(session, role.id)
    rules = models.ImpliedRole
    session.execute(
        sa.delete(rules).where(
            sa.or_(rules.prior_role_id == role.id, rules.implied_role_id == role.id)
        )
    )
    session.delete(role)
    session.flush()


# -- implied roles -------------------------------------------------------------


def implied_by(session: orm.Session, prior_role_id: str) -> list[models.Role]:
    """The roles a role implies directly."""
    return list(
        session.scalars(
            sa.select(models.Role)
            .join(models.ImpliedRole, models.ImpliedRole.implied_role_id == models.Role.id)
            .where(models.ImpliedRole.prior_role_id == prior_role_id)
        )
    )


def inference_rules(session: orm.Session) -> list[tuple[str, str]]:
    """Every (prior, implied) pair."""
    rows = session.execute(
        sa.select(models.ImpliedRole.prior_role_id, models.ImpliedRole.implied_role_id)
    )
    return [(prior, implied) for prior, implied in rows]


def find_implication(session: orm.Session, prior: models.Role, implied: models.Role) -> None:
    """Raise Keystone's 404 unless ``prior`` implies ``implied``."""
    if session.get(models.ImpliedRole, (prior.id, implied.id)) is None:
        raise api_errors.NotFound(
            f"{prior.id} does not imply {implied.id}.", code="identity.implied_role.not_found"
        )


def imply(session: orm.Session, prior: models.Role, implied: models.Role) -> None:
    # Keystone's refusals are security errors: the reason is not shown.
    if implied.name in PROHIBITED_IMPLIED or (prior.domain_id is None and implied.domain_id):
        raise errors.forbidden(f"{implied.id} cannot be an implied roles.")
    if session.get(models.ImpliedRole, (prior.id, implied.id)) is not None:
        raise errors.conflict("implied_role", "Duplicate entry")
    session.add(models.ImpliedRole(prior_role_id=prior.id, implied_role_id=implied.id))
    session.flush()


def unimply(session: orm.Session, prior: models.Role, implied: models.Role) -> None:
    find_implication(session, prior, implied)
    session.execute(
        sa.delete(models.ImpliedRole).where(
            models.ImpliedRole.prior_role_id == prior.id,
            models.ImpliedRole.implied_role_id == implied.id,
        )
    )


# -- helpers -------------------------------------------------------------------


def _require_unique_name(
    session: orm.Session, name: str, domain_id: str | None, domain_given: bool
) -> None:
    owner = (
        models.Role.domain_id.is_(None) if domain_id is None else models.Role.domain_id == domain_id
    )
    if session.scalar(sa.select(models.Role.id).where(models.Role.name == name, owner)):
        # Keystone names the domain only when the request body did.
        raise errors.duplicate("role", name, domain_id if domain_given else None)
