"""Revocation events: which tokens stop validating before they expire.

An event revokes every token issued before it that matches all of its set
fields: a deleted token (its audit id), a changed password or disabled user
(the user), a deleted project or domain, a deleted application credential.
A disabled project or domain is no event: validation reads its ``enabled``
flag, so its tokens work again once it is enabled, as Keystone's do.
Events older than the longest token lifetime can never match and are pruned.
"""

from __future__ import annotations

import datetime
import typing

import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack import timeutils
from pocketstack.identity import models
from pocketstack.identity.tokens.payload import Payload

_MATCHED_FIELDS = (
    "user_id",
    "project_id",
    "domain_id",
    "audit_id",
    "audit_chain_id",
    "application_credential_id",
)


def record(session: orm.Session, **fields: str | None) -> None:
    """Revoke every token issued up to now that matches ``fields``."""
    unknown = set(fields) - set(_MATCHED_FIELDS)
    if unknown or not any(fields.values()):
        raise ValueError(f"bad revocation event fields: {fields}")
    now = timeutils.utcnow()
    session.add(models.RevocationEvent(issued_before=now, revoked_at=now, **fields))
    session.flush()


def prune(session: orm.Session, older_than: datetime.datetime) -> None:
    session.execute(
        sa.delete(models.RevocationEvent).where(models.RevocationEvent.revoked_at < older_than)
    )


class RevocationList:
    """The events in memory, reloaded when the identity store has moved on."""

    def __init__(self) -> None:
        self._events: list[dict[str, typing.Any]] = []
        self._generation = -1

    def refresh(self, session: orm.Session, generation: int) -> None:
        if generation == self._generation:
            return
        rows = session.scalars(sa.select(models.RevocationEvent)).all()
        self._events = [
            {f: getattr(row, f) for f in (*_MATCHED_FIELDS, "issued_before")} for row in rows
        ]
        self._generation = generation

    def is_revoked(
        self, payload: Payload, user_domain_id: str, project_domain_id: str | None
    ) -> bool:
        token_fields = {
            "user_id": {payload.user_id},
            "project_id": {payload.project_id},
            # A domain event catches the user's domain, the scope domain and
            # the scoped project's domain, as Keystone's does.
            "domain_id": {user_domain_id, payload.domain_id, project_domain_id},
            "audit_id": {payload.audit_ids[0]},
            "audit_chain_id": {payload.audit_ids[-1]},
            "application_credential_id": {payload.application_credential_id},
        }
        for event in self._events:
            if payload.issued_at > event["issued_before"]:
                continue
            if all(
                event[field] is None or event[field] in token_fields[field]
                for field in _MATCHED_FIELDS
            ):
                return True
        return False
