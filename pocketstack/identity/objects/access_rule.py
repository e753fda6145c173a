"""Access rules: the requests (service, path, method) a credential may make.

A rule belongs to one user. Application credentials that name the same
service, path and method share one rule, and a rule may be named by its id;
a rule still used by a credential cannot be deleted.
"""

from __future__ import annotations

import typing
from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack.identity import errors, models
from pocketstack.identity.objects import constraints, new_id

FIELDS = ("service", "path", "method")
IN_USE = "May not delete access rule in use"

_Link = models.ApplicationCredentialAccessRule


def as_dict(rule: models.AccessRule) -> dict[str, typing.Any]:
    return {"id": rule.id, "service": rule.service, "path": rule.path, "method": rule.method}


def find(session: orm.Session, user_id: str, rule_id: str) -> models.AccessRule:
    """The user's rule; another user's is as missing as one that never was."""
    rule = session.get(models.AccessRule, rule_id)
    if rule is None or rule.user_id != user_id:
        raise errors.not_found("Access Rule", rule_id)
    return rule


def list_for_user(session: orm.Session, user_id: str) -> list[models.AccessRule]:
    query = sa.select(models.AccessRule).where(models.AccessRule.user_id == user_id)
    return list(session.scalars(query.order_by(models.AccessRule.id)))


def of_credential(session: orm.Session, credential_id: str) -> list[models.AccessRule]:
    query = (
        sa.select(models.AccessRule)
        .join(_Link, _Link.access_rule_id == models.AccessRule.id)
        .where(_Link.application_credential_id == credential_id)
        .order_by(models.AccessRule.id)
    )
    return list(session.scalars(query))


def attach(
    session: orm.Session, user_id: str, credential_id: str, wanted: Iterable[dict[str, typing.Any]]
) -> None:
    """Link each wanted rule to the credential: the rule named by id, or the
    user's identical rule, or a new one."""
    for fields in wanted:
        rule = _resolve(session, user_id, fields)
        session.add(_Link(application_credential_id=credential_id, access_rule_id=rule.id))


def delete(session: orm.Session, rule: models.AccessRule) -> None:
    in_use = session.scalar(sa.select(_Link.access_rule_id).where(_Link.access_rule_id == rule.id))
    if in_use:
        raise errors.forbidden(IN_USE)
    # A credential created meanwhile that takes this rule fails its key here.
    with constraints.enforced(session, lambda: errors.forbidden(IN_USE)):
        session.delete(rule)


def _resolve(
    session: orm.Session, user_id: str, fields: dict[str, typing.Any]
) -> models.AccessRule:
    rule_id = fields.get("id")
    if rule_id:
        rule = session.get(models.AccessRule, rule_id)
        if rule is not None:
            if rule.user_id != user_id:
                raise errors.not_found("Access Rule", rule_id)
            return rule
    if not all(name in fields for name in FIELDS):
        raise errors.not_found("Access Rule", rule_id)
    rule = session.scalars(
        sa.select(models.AccessRule).where(
            models.AccessRule.user_id == user_id,
            *(getattr(models.AccessRule, name) == fields[name] for name in FIELDS),
        )
    ).first()
    if rule is None:
        rule = models.AccessRule(
            id=rule_id or new_id(), user_id=user_id, **{name: fields[name] for name in FIELDS}
        )
        # The same rule made by a concurrent request for the same user.
        with constraints.enforced(
            session, lambda: errors.conflict("access_rule", "Duplicate entry")
        ):
            session.add(rule)
    return rule
