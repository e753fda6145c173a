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

from pocketstack.api import errors as api_errors
from pocketstack.identity import errors, models

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


def implications(session: orm.Session) -> dict[str, list[str]]:
    """Every implication rule: prior role id -> implied role ids."""
    rules: dict[str, list[str]] = {}
    for prior, implied in session.execute(
        sa.select(models.ImpliedRole.prior_role_id, models.ImpliedRole.implied_role_id)
    ):
        rules.setdefault(prior, []).append(implied)
    return rules


def expand_implied(session: orm.Session, role_ids: Iterable[str]) -> set[str]:
    """The roles plus every role they imply, transitively."""
    rules = implications(session)
    result: set[str] = set()
    pending = list(role_ids)
    while pending:
        role_id = pending.pop()
        if role_id not in result:
            result.add(role_id)
            pending.extend(rules.get(role_id, ()))
    return result


def effective_role_ids(
    session: orm.Session,
    user_id: str,
    *,
    project_id: str | None = None,
    domain_id: str | None = None,
    system: bool = False,
) -> set[str]:
    """What a token scoped so would carry: granted roles and the roles they
    imply, less domain-specific roles (they only ever imply others)."""
    granted = direct_role_ids(
        session, user_id, project_id=project_id, domain_id=domain_id, system=system
    )
    role_ids = expand_implied(session, granted)
    if not role_ids:
        return set()
    return set(
        session.scalars(
            sa.select(models.Role.id).where(
                models.Role.id.in_(role_ids), models.Role.domain_id.is_(None)
            )
        )
    )


def effective_roles(
    session: orm.Session,
    user_id: str,
    *,
    project_id: str | None = None,
    domain_id: str | None = None,
    system: bool = False,
) -> list[models.Role]:
    role_ids = effective_role_ids(
        session, user_id, project_id=project_id, domain_id=domain_id, system=system
    )
    if not role_ids:
        return []
    roles = session.scalars(sa.select(models.Role).where(models.Role.id.in_(role_ids)))
    return sorted(roles, key=lambda role: role.name)


def grant(session: orm.Session, grant: Grant) -> None:
    """Record a grant; granting what is already granted changes nothing."""
    if not has_grant(session, grant):
        session.add(models.Assignment(**dataclasses.asdict(grant)))
        session.flush()


def has_grant(session: orm.Session, grant: Grant) -> bool:
    key = dataclasses.astuple(grant)
    return session.get(models.Assignment, key) is not None


def create_grant(session: orm.Session, wanted: Grant) -> None:
    """A grant on a project or domain, with Keystone's checks: the role and
    target exist, and a domain's role is granted only on that domain's
    projects."""
    role = _role(session, wanted.role_id)
    target = _target(session, wanted)
    if isinstance(target, models.Project) and role.domain_id and role.domain_id != target.domain_id:
        raise errors.forbidden(
            f"Project {target.id} must be in the same domain as the role {role.id} being assigned."
        )
    grant(session, wanted)


def check_grant(session: orm.Session, wanted: Grant) -> None:
    """Raise 404 unless the grant exists (after the role and target do)."""
    _role(session, wanted.role_id)
    _target(session, wanted)
    if not has_grant(session, wanted):
        raise _assignment_not_found(wanted)


def revoke_grant(session: orm.Session, wanted: Grant) -> None:
    _role(session, wanted.role_id)
    if not has_grant(session, wanted):
        raise _assignment_not_found(wanted)
    _target(session, wanted)
    revoke(session, wanted)


def granted_roles(
    session: orm.Session,
    actor_type: str,
    actor_id: str,
    target_type: str,
    target_id: str,
    inherited: bool,
) -> list[models.Role]:
    """The roles granted directly to the actor on the target."""
    if target_type != "system":
        _target(session, Grant(actor_type, actor_id, target_type, target_id, "", inherited))
    A = models.Assignment
    return list(
        session.scalars(
            sa.select(models.Role)
            .join(A, A.role_id == models.Role.id)
            .where(
                A.actor_type == actor_type,
                A.actor_id == actor_id,
                A.target_type == target_type,
                A.target_id == target_id,
                A.inherited == inherited,
            )
            .order_by(models.Role.name)
        )
    )


def system_grant(actor_type: str, actor_id: str, role_id: str) -> Grant:
    return Grant(actor_type, actor_id, "system", SYSTEM_TARGET, role_id)


def create_system_grant(session: orm.Session, wanted: Grant) -> None:
    role = _role(session, wanted.role_id)
    if role.domain_id:
        raise errors.ValidationError(
            f"Role {role.id} is a domain-specific role. Unable to use a "
            "domain-specific role in a system assignment."
        )
    grant(session, wanted)


def check_system_grant(session: orm.Session, wanted: Grant) -> None:
    if not has_grant(session, wanted):
        raise _assignment_not_found(wanted)


def revoke_system_grant(session: orm.Session, wanted: Grant) -> None:
    if not revoke(session, wanted):
        raise _assignment_not_found(wanted)


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


def _role(session: orm.Session, role_id: str) -> models.Role:
    role = session.get(models.Role, role_id)
    if role is None:
        raise errors.not_found("role", role_id)
    return role


def _target(session: orm.Session, grant: Grant) -> models.Project | models.Domain:
    model = models.Project if grant.target_type == "project" else models.Domain
    target = session.get(model, grant.target_id)
    if target is None:
        raise errors.not_found(grant.target_type, grant.target_id)
    return target


def _assignment_not_found(grant: Grant) -> api_errors.NotFound:
    target_id = "system" if grant.target_type == "system" else grant.target_id
    return api_errors.NotFound(
        f"Could not find role assignment with role: {grant.role_id}, user or group: "
        f"{grant.actor_id}, project, domain, or system: {target_id}.",
        code="identity.role_assignment.not_found",
    )


def projects_with_roles(session: orm.Session, user_id: str) -> list[models.Project]:
    """Enabled projects (in enabled domains) where the user has any role."""
    candidates = session.scalars(
        sa.select(models.Project)
        .join(models.Domain, models.Domain.id == models.Project.domain_id)
        .where(models.Project.enabled, models.Domain.enabled)
    )
    return [p for p in candidates if effective_role_ids(session, user_id, project_id=p.id)]


def domains_with_roles(session: orm.Session, user_id: str) -> list[models.Domain]:
    candidates = session.scalars(sa.select(models.Domain).where(models.Domain.enabled))
    return [d for d in candidates if effective_role_ids(session, user_id, domain_id=d.id)]


def delete_for_actor(session: orm.Session, actor_type: str, actor_id: str) -> None:
    A = models.Assignment
    session.execute(sa.delete(A).where(A.actor_type == actor_type, A.actor_id == actor_id))


def delete_for_role(session: orm.Session, role_id: str) -> None:
    A = models.Assignment
    session.execute(sa.delete(A).where(A.role_id == role_id))


def delete_for_target(session: orm.Session, target_type: str, target_id: str) -> None:
    A = models.Assignment
    session.execute(sa.delete(A).where(A.target_type == target_type, A.target_id == target_id))
