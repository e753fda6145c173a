"""The scope a token request asks for, and whether its user may have it.

Keystone reads the scope before it authenticates anyone: the body names
exactly one of system, project, domain, OS-TRUST:trust or unscoped (else
400), and a project or domain it names must exist and be enabled (else 401).
Whether the user holds a role there is settled once the identity is proven.
A request without a scope gets the user's default project when that project,
its domain and a role on it are all there, and an unscoped token otherwise.

Scopes are the token payload's fields: ``{"system": "all"}``,
``{"domain_id": …}``, ``{"project_id": …}``, or ``{}`` for none.
"""

from __future__ import annotations

import typing

import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack.api import errors as api_errors
from pocketstack.identity import errors, models
from pocketstack.identity.objects import assignment
from pocketstack.identity.objects import domain as domains

Body = dict[str, typing.Any]
Scope = dict[str, str]
KINDS = ("system", "project", "domain", "OS-TRUST:trust", "unscoped")


def requested(session: orm.Session, auth: Body) -> Scope | None:
    """The scope the body names, looked up; None when it names none."""
    if "scope" not in auth:
        return None
    scope = auth["scope"]
    if scope == "unscoped":  # {"unscoped": {}} from older clients is the same
        return {}
    named = [kind for kind in KINDS if kind in scope] if isinstance(scope, dict) else []
    if len(named) != 1:
        raise errors.ValidationError.expecting(
            "system, project, domain, OS-TRUST:trust or unscoped", "scope"
        )
    kind = named[0]
    if kind == "system":
        return {"system": "all"}
    if kind == "domain":
        return {"domain_id": enabled_domain(session, scope["domain"]).id}
    if kind == "project":
        return {"project_id": _enabled_project(session, scope["project"]).id}
    if kind == "OS-TRUST:trust":
        raise _no_trust(scope["OS-TRUST:trust"])
    return {}


def granted(session: orm.Session, user: models.User, scope: Scope | None) -> Scope:
    """``scope`` if the user holds a role there (else 401); the default
    project's scope, if usable, when none was asked for."""
    if scope is None:
        return _default_project(session, user)
    if not scope:
        return scope
    target = {"system": True} if "system" in scope else dict(scope)
    if not assignment.effective_role_ids(session, user.id, **target):
        raise api_errors.Unauthorized(_no_access(user.id, scope))
    return scope


def _no_access(user_id: str, scope: Scope) -> str:
    if "system" in scope:
        return f"User {user_id} has no access to the system"
    if "domain_id" in scope:
        return f"User {user_id} has no access to domain {scope['domain_id']}"
    return f"User {user_id} has no access to project {scope['project_id']}"


def enabled_domain(session: orm.Session, ref: Body) -> models.Domain:
    """The domain a scope or a user names; 401 if missing or disabled."""
    domain = domains.lookup(session, ref)
    if domain is None:
        raise api_errors.Unauthorized(f"Could not find domain: {ref.get('name') or ref.get('id')}.")
    if not domain.enabled:
        raise api_errors.Unauthorized(f"Domain is disabled: {domain.id}")
    return domain


def _enabled_project(session: orm.Session, ref: Body) -> models.Project:
    if ref.get("name"):
        if "domain" not in ref:
            raise errors.ValidationError.expecting("domain", "project")
        domain = enabled_domain(session, ref["domain"])
        project = session.scalars(
            sa.select(models.Project).where(
                models.Project.domain_id == domain.id, models.Project.name == ref["name"]
            )
        ).first()
    else:
        project = session.get(models.Project, ref.get("id"))
        if project is not None:
            enabled_domain(session, {"id": project.domain_id})
    if project is None:
        raise api_errors.Unauthorized(
            f"Could not find project: {ref.get('name') or ref.get('id')}."
        )
    if not project.enabled:
        raise api_errors.Unauthorized(f"Project is disabled: {project.id}")
    return project


def _no_trust(ref: typing.Any) -> api_errors.ApiError:
    """Trusts are not offered: every trust a scope names is unknown."""
    trust_id = ref.get("id") if isinstance(ref, dict) else None
    if not trust_id:
        return errors.ValidationError.expecting("trust_id", "trust")
    return errors.not_found("trust", trust_id)


def _default_project(session: orm.Session, user: models.User) -> Scope:
    if not user.default_project_id:
        return {}
    project = session.get(models.Project, user.default_project_id)
    if project is None or not project.enabled:
        return {}
    domain = session.get(models.Domain, project.domain_id)
    if domain is None or not domain.enabled:
        return {}
    if not assignment.effective_role_ids(session, user.id, project_id=project.id):
        return {}
    return {"project_id": project.id}
