"""What a new cloud holds before anyone asks: DevStack's users, projects,
roles, region and the catalog of the services this process serves.

Idempotent: every start runs it, and it only adds what is missing (and sets
the admin password when one is given). Passwords are generated once per data
dir and kept beside the database, readable by the owner only.
"""

from __future__ import annotations

import concurrent.futures
import json
import os
import secrets
from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack import timeutils
from pocketstack.component import CatalogEntry
from pocketstack.identity import models
from pocketstack.identity.objects import assignment, new_id
from pocketstack.identity.objects.domain import DEFAULT_ID
from pocketstack.identity.passwords import Hasher

SECRETS_FILE = "secrets.json"
PROJECTS = ("admin", "demo", "alt_demo", "service")
ROLES = ("admin", "member", "reader", "manager", "service")
# admin implies member implies reader; manager (domain manager) implies member.
IMPLIED = (("admin", "member"), ("member", "reader"), ("manager", "member"))
USERS = (
    ("admin", "admin", "admin"),
    ("demo", "demo", "member"),
    ("alt_demo", "alt_demo", "member"),
)
INTERFACES = ("public", "internal", "admin")


def load_secrets(
    data_dir: Path, names: Sequence[str], admin_password: str | None = None
) -> dict[str, str]:
    """Passwords by user name, each created on first use; the admin's may be set."""
    path = data_dir / SECRETS_FILE
    stored: dict[str, str] = json.loads(path.read_text()) if path.exists() else {}
    changed = False
    if admin_password and stored.get("admin") != admin_password:
        stored["admin"] = admin_password
        changed = True
    for name in names:
        if name not in stored:
            stored[name] = secrets.token_urlsafe(18)
            changed = True
    if changed:
        _write_private(path, json.dumps(stored, indent=2, sort_keys=True))
    return stored


def user_names(service_users: Sequence[str]) -> list[str]:
    """Everyone bootstrap creates: DevStack's three users and one per service."""
    return [name for name, _, _ in USERS] + list(service_users)


def run(
    session: orm.Session,
    hasher: Hasher,
    passwords: dict[str, str],
    service_users: Sequence[str],
    catalog: Sequence[CatalogEntry],
    public_url: str,
    region: str,
    admin_password_given: bool,
) -> None:
    _ensure_domain(session)
    hashes = _hash_new_passwords(
        session, hasher, passwords, [*dict.fromkeys(n for n, _, _ in USERS), *service_users]
    )
    projects = {name: _ensure_project(session, name) for name in PROJECTS}
    roles = {name: _ensure_role(session, name) for name in ROLES}
    for prior, implied in IMPLIED:
        key = (roles[prior].id, roles[implied].id)
        if session.get(models.ImpliedRole, key) is None:
            session.add(models.ImpliedRole(prior_role_id=key[0], implied_role_id=key[1]))
    for user_name, project_name, role_name in USERS:
        user = _ensure_user(session, user_name, hashes, projects[project_name].id)
        if (
            user_name == "admin"
            and admin_password_given
            and not hasher.verify(user.password_hash, passwords["admin"])
        ):
            user.password_hash = hasher.hash(passwords["admin"])
        _grant(session, "project", projects[project_name].id, user.id, roles[role_name].id)
    admin = _find_user(session, "admin")
    assert admin is not None
    _grant(session, "system", assignment.SYSTEM_TARGET, admin.id, roles["admin"].id)
    if session.get(models.Region, region) is None:
        session.add(models.Region(id=region, description="", extra={}))
    for name in service_users:
        user = _ensure_user(session, name, hashes, projects["service"].id)
        for role_name in ("admin", "service"):
            _grant(session, "project", projects["service"].id, user.id, roles[role_name].id)
    for entry in catalog:
        _ensure_service(session, entry, public_url, region)
    session.flush()


def _ensure_domain(session: orm.Session) -> None:
    if session.get(models.Domain, DEFAULT_ID) is None:
        session.add(
            models.Domain(id=DEFAULT_ID, name="Default", description="The default domain", extra={})
        )
        session.flush()


def _ensure_project(session: orm.Session, name: str) -> models.Project:
    project = session.scalars(
        sa.select(models.Project).where(
            models.Project.domain_id == DEFAULT_ID, models.Project.name == name
        )
    ).first()
    if project is None:
        project = models.Project(
            id=new_id(), name=name, domain_id=DEFAULT_ID, description="", extra={}
        )
        session.add(project)
        session.flush()
    return project


def _ensure_role(session: orm.Session, name: str) -> models.Role:
    role = session.scalars(
        sa.select(models.Role).where(models.Role.name == name, models.Role.domain_id.is_(None))
    ).first()
    if role is None:
        # keystone-manage bootstrap makes the default roles immutable.
        role = models.Role(id=new_id(), name=name, options={"immutable": True}, extra={})
        session.add(role)
        session.flush()
    return role


def _find_user(session: orm.Session, name: str) -> models.User | None:
    return session.scalars(
        sa.select(models.User).where(models.User.domain_id == DEFAULT_ID, models.User.name == name)
    ).first()


def _hash_new_passwords(
    session: orm.Session, hasher: Hasher, passwords: dict[str, str], names: Sequence[str]
) -> dict[str, str]:
    """Hashes for the users not created yet, computed side by side: argon2
    releases the GIL, and a first start hashes several at once."""
    missing = [name for name in names if _find_user(session, name) is None]
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        return dict(
            zip(missing, pool.map(hasher.hash, (passwords[n] for n in missing)), strict=True)
        )


def _ensure_user(
    session: orm.Session, name: str, hashes: dict[str, str], project_id: str
) -> models.User:
    user = _find_user(session, name)
    if user is None:
        user = models.User(
            id=new_id(),
            name=name,
            domain_id=DEFAULT_ID,
            default_project_id=project_id,
            password_hash=hashes[name],
            created_at=timeutils.utcnow(),
            extra={},
        )
        session.add(user)
        session.flush()
    return user


def _grant(
    session: orm.Session, target_type: str, target_id: str, user_id: str, role_id: str
) -> None:
    assignment.grant(
        session,
        assignment.Grant(
            actor_type="user",
            actor_id=user_id,
            target_type=target_type,
            target_id=target_id,
            role_id=role_id,
        ),
    )


def _ensure_service(
    session: orm.Session, entry: CatalogEntry, public_url: str, region: str
) -> None:
    service = session.scalars(
        sa.select(models.Service).where(models.Service.type == entry.type)
    ).first()
    if service is None:
        service = models.Service(id=new_id(), type=entry.type, extra={"name": entry.name})
        session.add(service)
        session.flush()
    url = public_url.rstrip("/") + entry.path
    existing = {
        e.interface: e
        for e in session.scalars(
            sa.select(models.Endpoint).where(models.Endpoint.service_id == service.id)
        )
    }
    for interface in INTERFACES:
        endpoint = existing.get(interface)
        if endpoint is None:
            session.add(
                models.Endpoint(
                    id=new_id(),
                    interface=interface,
                    service_id=service.id,
                    url=url,
                    region_id=region,
                    extra={},
                )
            )
        elif endpoint.url != url:
            # The port or host changed since the last start: follow it.
            endpoint.url = url


def _write_private(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(text)
    os.replace(temporary, path)
