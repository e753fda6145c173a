"""Groups: sets of users that roles can be granted to at once."""

from __future__ import annotations

import typing

import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack.identity import errors, models
from pocketstack.identity.objects import assignment, get, new_id

COLUMNS = ("name", "domain_id", "description")


def find(session: orm.Session, group_id: str) -> models.Group:
    return get(session, models.Group, group_id, "group")


def create(session: orm.Session, fields: dict[str, typing.Any]) -> models.Group:
    _require_unique_name(session, fields["name"], fields["domain_id"])
    group = models.Group(id=new_id(), **_split(fields))
    session.add(group)
    session.flush()
    return group


def update(session: orm.Session, group: models.Group, fields: dict[str, typing.Any]) -> None:
    if "domain_id" in fields and fields["domain_id"] != group.domain_id:
        raise errors.ValidationError("Cannot change Domain ID")
    fields.pop("domain_id", None)
    name = fields.get("name")
    if name and name != group.name:
        _require_unique_name(session, name, group.domain_id)
    columns = _split(fields)
    extra = columns.pop("extra", {})
    for key, value in columns.items():
        setattr(group, key, value)
    if extra:
        group.extra = {**group.extra, **extra}
    session.flush()


def delete(session: orm.Session, group: models.Group) -> None:
    assignment.delete_for_actor(session, "group", group.id)
    session.execute(sa.delete(models.Membership).where(models.Membership.group_id == group.id))
    session.delete(group)
    session.flush()


def _require_unique_name(session: orm.Session, name: str, domain_id: str) -> None:
    if session.scalar(
        sa.select(models.Group.id).where(models.Group.domain_id == domain_id, models.Group.name == name)
    ):
        raise errors.duplicate("group", name, domain_id)


def _split(fields: dict[str, typing.Any]) -> dict[str, typing.Any]:
    fields = {k: v for k, v in fields.items() if k not in ("id", "links")}
    columns = {k: v for k, v in fields.items() if k in COLUMNS}
    extra = {k: v for k, v in fields.items() if k not in COLUMNS}
    return {**columns, "extra": extra} if extra else columns
