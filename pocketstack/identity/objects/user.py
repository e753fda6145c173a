"""Users: who can authenticate, with a password, options and free-form
attributes. Every rule about a user lives here.

As in Keystone, ``email``, ``description`` and anything else a client sends
beyond the user's own attributes are kept in ``extra`` and returned as given.
A changed password, a user disabled and a user deleted end the user's tokens.
"""

from __future__ import annotations

import dataclasses
import datetime
import operator
import typing
from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack import timeutils
from pocketstack.api import errors as api_errors
from pocketstack.identity import errors, models
from pocketstack.identity.objects import (
    application_credential,
    assignment,
    constraints,
    domain,
    get,
    new_id,
)
from pocketstack.identity.passwords import Hasher
from pocketstack.identity.tokens import revocation

# Attributes with columns; anything else a client sends is kept in ``extra``.
COLUMNS = ("name", "domain_id", "enabled", "default_project_id", "options")
# Sent by clients, never stored as given: handled, or read-only.
NOT_STORED = ("id", "links", "password", "password_expires_at", "federated")

_EXPIRY_OPERATORS: dict[str, Callable[[typing.Any, typing.Any], bool]] = {
    "lt": operator.lt,
    "gt": operator.gt,
    "eq": operator.eq,
    "lte": operator.le,
    "gte": operator.ge,
    "neq": operator.ne,
}


def find(session: orm.Session, user_id: str) -> models.User:
    return get(session, models.User, user_id, "user")


def list_users(session: orm.Session) -> list[models.User]:
    """Every user, in Keystone's order (by id)."""
    return list(session.scalars(sa.select(models.User).order_by(models.User.id)))


def expiry_matcher(wanted: str) -> Callable[[models.User], bool]:
    """The ``password_expires_at`` filter: ``[<op>:]<timestamp>``, op one of
    lt, lte, gt, gte, eq (the default) or neq. A user whose password never
    expires matches none of them."""
    if ":" in wanted[2:4]:
        op, stamp = wanted.split(":", 1)
    else:
        op, stamp = "eq", wanted
    try:
        moment = timeutils.parse_iso(stamp)
    except ValueError:
        raise errors.ValidationError(
            "Timestamp not in expected format." + errors.CLIENT_IS_WRONG
        ) from None
    compare = _EXPIRY_OPERATORS.get(op)
    if compare is None:
        raise errors.ValidationError(
            f"The given operator {op} is not valid. It must be one of the following:"
            " 'eq', 'neq', 'lt', 'lte', 'gt', or 'gte'."
        )
    return lambda user: (
        user.password_expires_at is not None and compare(user.password_expires_at, moment)
    )


@dataclasses.dataclass(frozen=True)
class NewPassword:
    """A password hashed before the write transaction: argon2 takes about a
    tenth of a second, which must not be spent holding the write lock."""

    hash: str | None

    @classmethod
    def of(cls, hasher: Hasher, password: str | None) -> NewPassword:
        return cls(hasher.hash(password) if password is not None else None)


def create(
    session: orm.Session,
    fields: dict[str, typing.Any],
    password: NewPassword | None,
    *,
    expires_days: int = 0,
) -> models.User:
    """``fields`` has a domain_id (the handler defaults it). A password lasts
    ``expires_days`` (0: for ever; Keystone's ``password_expires_days``)."""
    fields = dict(fields)
    _refuse_federation(fields)
    domain.find(session, fields["domain_id"])
    _require_not_a_domain(session, fields.get("default_project_id"))
    fields["name"] = fields["name"].strip()
    fields["enabled"] = fields.get("enabled", True)
    fields["options"] = _merged_options({}, fields.get("options") or {})
    _require_unique_name(session, fields["name"], fields["domain_id"], fields["domain_id"])
    user = models.User(id=new_id(), created_at=timeutils.utcnow(), **_split(fields))
    _set_password(user, password or NewPassword(None), expires_days)
    duplicate = errors.duplicate("user", fields["name"], fields["domain_id"])
    with constraints.enforced(session, lambda: duplicate):
        session.add(user)
    return user


def update(
    session: orm.Session,
    user: models.User,
    fields: dict[str, typing.Any],
    password: NewPassword | None,
    *,
    expires_days: int = 0,
) -> None:
    """Apply a PATCH; ``fields`` may repeat the domain, never change it."""
    fields = dict(fields)
    if "domain_id" in fields and fields["domain_id"] != user.domain_id:
        raise errors.ValidationError("Cannot change Domain ID")
    _refuse_federation(fields)
    _require_not_a_domain(session, fields.get("default_project_id"))
    if "name" in fields:
        fields["name"] = fields["name"].strip()
        if fields["name"] != user.name:
            _require_unique_name(session, fields["name"], user.domain_id, fields.get("domain_id"))
    if "options" in fields:
        fields["options"] = _merged_options(user.options, fields["options"] or {})
    disabling = fields.get("enabled") is False and user.enabled
    columns = _split(fields)
    extra = columns.pop("extra", {})
    for key, value in columns.items():
        setattr(user, key, value)
    if extra:
        user.extra = {**user.extra, **extra}
    if password is not None:
        _set_password(user, password, expires_days)
    duplicate = errors.duplicate("user", user.name, fields.get("domain_id"))
    with constraints.enforced(session, lambda: duplicate):
        session.flush()
    if disabling:
        # Keystone ends a disabled user's application credentials for good.
        application_credential.delete_for_user(session, user.id)
    if disabling or (password is not None and password.hash is not None):
        revocation.record(session, user_id=user.id)


def prove_password(
    session: orm.Session, hasher: Hasher, user_id: str, original: str
) -> models.User:
    """The self-service change's first step, in a read: the original password
    proves who asks. Any failure to prove it is Keystone's bare 401; a
    disabled user hears that it is disabled; an expired password may be
    changed (that is the point)."""
    user = session.get(models.User, user_id)
    # Verified even for an unknown user, so timing does not tell which it was.
    valid = hasher.verify(user.password_hash if user else None, original)
    if user is None or not valid:
        raise api_errors.Unauthorized()
    if not user.enabled:
        raise api_errors.Unauthorized(f"The account is disabled for user: {user.id}.")
    if user.options.get("lock_password") is True:
        raise errors.ValidationError(
            "You cannot change your password at this time due to password policy"
            " disallowing password changes. Please contact your administrator to"
            " reset your password."
        )
    return user


def change_password(
    session: orm.Session, proven: models.User, new: NewPassword, *, expires_days: int = 0
) -> None:
    """The second step, in a write: only if the password is still the one
    proven (compare-and-swap), so a change racing another one loses with 401."""
    changed = session.execute(
        sa.update(models.User)
        .where(models.User.id == proven.id, models.User.password_hash == proven.password_hash)
        .values(password_hash=new.hash, password_expires_at=_expiry(proven, expires_days))
    )
    if changed.rowcount != 1:
        raise api_errors.Unauthorized()
    revocation.record(session, user_id=proven.id)


def delete(session: orm.Session, user: models.User) -> None:
    """The user, their memberships, grants and credentials of every kind."""
    assignment.delete_for_actor(session, "user", user.id)
    session.execute(sa.delete(models.Membership).where(models.Membership.user_id == user.id))
    application_credential.delete_for_user(session, user.id)
    session.execute(sa.delete(models.Credential).where(models.Credential.user_id == user.id))
    revocation.record(session, user_id=user.id)
    session.delete(user)
    session.flush()


def unset_default_project(session: orm.Session, project_id: str) -> None:
    """A deleted project is no one's default project any more."""
    session.execute(
        sa.update(models.User)
        .where(models.User.default_project_id == project_id)
        .values(default_project_id=None)
    )


def groups_of(session: orm.Session, user_id: str) -> list[models.Group]:
    return list(
        session.scalars(
            sa.select(models.Group)
            .join(models.Membership, models.Membership.group_id == models.Group.id)
            .where(models.Membership.user_id == user_id)
            .order_by(models.Group.id)
        )
    )


def _set_password(user: models.User, password: NewPassword, expires_days: int) -> None:
    """Set a new password (a None hash leaves the user without one) and date
    its expiry."""
    user.password_hash = password.hash
    user.password_expires_at = _expiry(user, expires_days)


def _expiry(user: models.User, expires_days: int) -> datetime.datetime | None:
    """When a password set now expires: never without ``expires_days`` or
    for a user exempt from expiry."""
    if not expires_days or user.options.get("ignore_password_expiry"):
        return None
    return (timeutils.utcnow() + datetime.timedelta(days=expires_days)).replace(microsecond=0)


def _merged_options(current: dict[str, typing.Any], given: dict[str, typing.Any]) -> dict:
    """Options given replace those set; an option given as null is removed."""
    merged = {**current, **given}
    return {name: value for name, value in merged.items() if value is not None}


def _refuse_federation(fields: dict[str, typing.Any]) -> None:
    """Federated objects name identity providers, and none are configured."""
    for federated in fields.pop("federated", None) or []:
        raise errors.ValidationError(f"Could not find Identity Provider: {federated['idp_id']}")


def _require_not_a_domain(session: orm.Session, project_id: str | None) -> None:
    """A domain acts as a project in Keystone; it cannot be a default project."""
    if project_id and session.get(models.Domain, project_id) is not None:
        raise errors.ValidationError(
            f"User's default project ID cannot be a domain ID: {project_id}"
        )


def _require_unique_name(
    session: orm.Session, name: str, domain_id: str, domain_given: str | None
) -> None:
    """Keystone's conflict names the domain only when the request did."""
    if session.scalar(
        sa.select(models.User.id).where(
            models.User.domain_id == domain_id, models.User.name == name
        )
    ):
        raise errors.duplicate("user", name, domain_given)


def _split(fields: dict[str, typing.Any]) -> dict[str, typing.Any]:
    """Column attributes as given, the rest (email, description, ...) in ``extra``."""
    columns = {k: v for k, v in fields.items() if k in COLUMNS}
    extra = {k: v for k, v in fields.items() if k not in COLUMNS and k not in NOT_STORED}
    return {**columns, "extra": extra} if extra else columns
