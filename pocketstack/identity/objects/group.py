"""Groups: sets of users that roles can be granted to at once.

Leaving a group ends the user's tokens (the roles it brought may be gone);
deleting a group that held roles ends its members' tokens.
"""

from __future__ import annotations

import typing

import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack.api import errors as api_errors
from pocketstack.identity import errors, models
from pocketstack.identity.objects import assignment, constraints, domain, get, new_id, user
from pocketstack.identity.tokens import revocation

COLUMNS = ("name", "domain_id", "description")


def find(session: orm.Session, group_id: str) -> models.Group:
    return get(session, models.Group, group_id, "group")


def list_groups(session: orm.Session) -> list[models.Group]:
    return list(session.scalars(sa.select(models.Group).order_by(models.Group.id)))


def create(session: orm.Session, fields: dict[str, typing.Any]) -> models.Group:
    """``fields`` has a domain_id (the handler defaults it)."""
    fields = dict(fields)
    domain.find(session, fields["domain_id"])
    fields["name"] = fields["name"].strip()
    fields.setdefault("description", "")
    _require_unique_name(session, fields["name"], fields["domain_id"], fields["domain_id"])
    group = models.Group(id=new_id(), **_split(fields))
    duplicate = errors.duplicate("group", fields["name"], fields["domain_id"])
    with constraints.enforced(session, lambda: duplicate):
        session.add(group)
    return group


def update(session: orm.Session, group: models.Group, fields: dict[str, typing.Any]) -> None:
    """Apply a PATCH; ``fields`` may repeat the domain, never change it."""
    fields = dict(fields)
    if "domain_id" in fields and fields["domain_id"] != group.domain_id:
        raise errors.ValidationError("Cannot change Domain ID")
    if "name" in fields:
        fields["name"] = fields["name"].strip()
        if fields["name"] != group.name:
            _require_unique_name(session, fields["name"], group.domain_id, fields.get("domain_id"))
    columns = _split(fields)
    extra = columns.pop("extra", {})
    for key, value in columns.items():
        setattr(group, key, value)
    if extra:
        group.extra = {**group.extra, **extra}
    duplicate = errors.duplicate("group", group.name, fields.get("domain_id"))
    with constraints.enforced(session, lambda: duplicate):
        session.flush()


def delete(session: orm.Session, group: models.Group) -> None:
    A = models.Assignment
    held_roles = session.scalar(
        sa.select(A.role_id).where(A.actor_type == "group", A.actor_id == group.id).limit(1)
    )
    if held_roles:
        for member_id in member_ids(session, group.id):
            revocation.record(session, user_id=member_id)
    assignment.delete_for_actor(session, "group", group.id)
    session.execute(sa.delete(models.Membership).where(models.Membership.group_id == group.id))
    session.delete(group)
    session.flush()


def member_ids(session: orm.Session, group_id: str) -> list[str]:
    return list(
        session.scalars(
            sa.select(models.Membership.user_id).where(models.Membership.group_id == group_id)
        )
    )


def members(session: orm.Session, group_id: str) -> list[models.User]:
    find(session, group_id)
    return list(
        session.scalars(
            sa.select(models.User)
            .join(models.Membership, models.Membership.user_id == models.User.id)
            .where(models.Membership.group_id == group_id)
            .order_by(models.User.id)
        )
    )


def add_member(session: orm.Session, group_id: str, user_id: str) -> None:
    """Idempotent: adding a member twice changes nothing."""
    find(session, group_id)
    user.find(session, user_id)
    if session.get(models.Membership, (user_id, group_id)) is not None:
        return
    try:
        with session.begin_nested():
            session.add(models.Membership(user_id=user_id, group_id=group_id))
            session.flush()
    except sa.exc.IntegrityError:
        # A concurrent request added the same member (done), or removed the
        # user or group meanwhile (say which).
        if session.get(models.Membership, (user_id, group_id)) is None:
            find(session, group_id)
            user.find(session, user_id)


def check_member(session: orm.Session, group_id: str, user_id: str) -> None:
    find(session, group_id)
    user.find(session, user_id)
    if session.get(models.Membership, (user_id, group_id)) is None:
        raise _not_a_member(group_id, user_id)


def remove_member(session: orm.Session, group_id: str, user_id: str) -> None:
    removed = session.execute(
        sa.delete(models.Membership).where(
            models.Membership.group_id == group_id, models.Membership.user_id == user_id
        )
    )
    if not removed.rowcount:
        # Say which of the three is missing, as Keystone does.
        find(session, group_id)
        user.find(session, user_id)
        raise _not_a_member(group_id, user_id)
    revocation.record(session, user_id=user_id)


def _not_a_member(group_id: str, user_id: str) -> api_errors.NotFound:
    return api_errors.NotFound(f"User '{user_id}' not found in group '{group_id}'")


def _require_unique_name(
    session: orm.Session, name: str, domain_id: str, domain_given: str | None
) -> None:
    """Keystone's conflict names the domain only when the request did."""
    if session.scalar(
        sa.select(models.Group.id).where(
            models.Group.domain_id == domain_id, models.Group.name == name
        )
    ):
        raise errors.duplicate("group", name, domain_given)


def _split(fields: dict[str, typing.Any]) -> dict[str, typing.Any]:
    fields = {k: v for k, v in fields.items() if k not in ("id", "links")}
    columns = {k: v for k, v in fields.items() if k in COLUMNS}
    extra = {k: v for k, v in fields.items() if k not in COLUMNS}
    return {**columns, "extra": extra} if extra else columns
