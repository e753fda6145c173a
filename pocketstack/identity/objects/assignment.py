"""Role assignments and what they add up to.

A user's effective roles on a target are the roles granted to the user or to
any group the user belongs to, directly on the target or inherited from an
ancestor (the domain, or a parent project's ``inherited`` grant), plus every
role those roles imply, transitively.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack.identity import models

SYSTEM_TARGET = "all"


@dataclasses.dataclass(frozen=True)
class Grant:
    actor_type: str  # "user" | "group"
    actor_id: str
    target_type: str  # "project" | "domain" | "system"
    target_id: str
    role_id: str
    inherited: bool = False


def group_ids(session: orm.Session, user_id: str) -> list[str]:
    rows = session.scalars(
        sa.select(models.Membership.group_id).where(models.Membership.user_id == user_id)
    )
    return list(rows)


def project_ancestry(session: orm.Session, project_id: str) -> tuple[str, list[str]]:
    """The project's domain and its ancestor projects, nearest first."""
    project = session.get(models.Project, project_id)
    if project is None:
        return "", []
    ancestors = []
    parent_id = project.parent_id
    while parent_id:
        ancestors.append(parent_id)
        parent = session.get(models.Project, parent_id)
        parent_id = parent.parent_id if parent else None
    return project.domain_id, ancestors


def direct_role_ids(
    session: orm.Session,
    user_id: str,
    *,
    project_id: str | None = None,
    domain_id: str | None = None,
    system: bool = False,
) -> set[str]:
    """Roles granted on the target to the user or their groups, inheritance
    included, before implications."""
    actors = sa.or_(
        sa.and_(models.Assignment.actor_type == "user", models.Assignment.actor_id == user_id),
        sa.and_(
            models.Assignment.actor_type == "group",
            models.Assignment.actor_id.in_(group_ids(session, user_id)),
        ),
    )
    A = models.Assignment
    if system:
        targets = sa.and_(A.target_type == "system", A.target_id == SYSTEM_TARGET)
    elif domain_id is not None:
        targets = sa.and_(A.target_type == "domain", A.target_id == domain_id, ~A.inherited)
    elif project_id is not None:
        owner_domain, ancestors = project_ancestry(session, project_id)
        targets = sa.or_(
            sa.and_(A.target_type == "project", A.target_id == project_id, ~A.inherited),
            sa.and_(A.target_type == "project", A.target_id.in_(ancestors), A.inherited),
            sa.and_(A.target_type == "domain", A.target_id == owner_domain, A.inherited),
        )
    else:
        return set()
    return set(session.scalars(sa.select(A.role_id).where(actors, targets)))


def expand_implied(session: orm.Session, role_ids: Iterable[str]) -> set[str]:
    """The roles plus every role they imply, transitively."""
    implications: dict[str, list[str]] = {}
    for prior, implied in session.execute(
        sa.select(models.ImpliedRole.prior_role_id, models.ImpliedRole.implied_role_id)
    ):
        implications.setdefault(prior, []).append(implied)
    result: set[str] = set()
    pending = list(role_ids)
    while pending:
        role_id = pending.pop()
        if role_id not in result:
            result.add(role_id)
            pending.extend(implications.get(role_id, ()))
    return result


def effective_roles(
    session: orm.Session,
    user_id: str,
    *,
    project_id: str | None = None,
    domain_id: str | None = None,
    system: bool = False,
) -> list[models.Role]:
    role_ids = expand_implied(
        session,
        direct_role_ids(session, user_id, project_id=project_id, domain_id=domain_id, system=system),
    )
    if not role_ids:
        return []
    roles = session.scalars(sa.select(models.Role).where(models.Role.id.in_(role_ids)))
    return sorted(roles, key=lambda role: role.name)


def grant(session: orm.Session, grant: Grant) -> None:
    """Record a grant; granting what is already granted changes nothing."""
    exists = session.get(
        models.Assignment,
        (grant.actor_type, grant.actor_id, grant.target_type, grant.target_id, grant.role_id, grant.inherited),
    )
    if exists is None:
        session.add(models.Assignment(**dataclasses.asdict(grant)))
        session.flush()


def revoke(session: orm.Session, grant: Grant) -> bool:
    """Remove a grant; False if there was none."""
    A = models.Assignment
    result = session.execute(
        sa.delete(A).where(
            A.actor_type == grant.actor_type,
            A.actor_id == grant.actor_id,
            A.target_type == grant.target_type,
            A.target_id == grant.target_id,
            A.role_id == grant.role_id,
            A.inherited == grant.inherited,
        )
    )
    return result.rowcount > 0


def has_grant(session: orm.Session, grant: Grant) -> bool:
    key = (grant.actor_type, grant.actor_id, grant.target_type, grant.target_id, grant.role_id, grant.inherited)
    return session.get(models.Assignment, key) is not None


def projects_with_roles(session: orm.Session, user_id: str) -> list[models.Project]:
    """Enabled projects (in enabled domains) where the user has any role."""
    candidates = session.scalars(
        sa.select(models.Project)
        .join(models.Domain, models.Domain.id == models.Project.domain_id)
        .where(models.Project.enabled, models.Domain.enabled)
    )
    return [p for p in candidates if direct_role_ids(session, user_id, project_id=p.id)]


def domains_with_roles(session: orm.Session, user_id: str) -> list[models.Domain]:
    candidates = session.scalars(sa.select(models.Domain).where(models.Domain.enabled))
    return [d for d in candidates if direct_role_ids(session, user_id, domain_id=d.id)]


def delete_for_actor(session: orm.Session, actor_type: str, actor_id: str) -> None:
    A = models.Assignment
    session.execute(sa.delete(A).where(A.actor_type == actor_type, A.actor_id == actor_id))


def delete_for_target(session: orm.Session, target_type: str, target_id: str) -> None:
    A = models.Assignment
    session.execute(sa.delete(A).where(A.target_type == target_type, A.target_id == target_id))
