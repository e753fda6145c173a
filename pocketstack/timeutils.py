"""Time as the services write it: naive UTC inside, ISO 8601 on the wire."""

from __future__ import annotations

import datetime


def utcnow() -> datetime.datetime:
    """Now, as naive UTC (what every table stores)."""
    return datetime.datetime.now(datetime.UTC).replace(tzinfo=None)


def iso_micro_z(moment: datetime.datetime | None) -> str | None:
    """Keystone's form: ``2026-11-25T07:00:00.000000Z``."""
    if moment is None:
        return None
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def iso_micro(moment: datetime.datetime | None) -> str | None:
    """A stored time as Keystone's JSON encoder prints it (no zone):
    ``2026-11-25T07:00:00.000000``."""
    if moment is None:
        return None
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%f")


def parse_iso(text: str) -> datetime.datetime:
    """Any ISO 8601 time a client sends, as naive UTC; ValueError if not one."""
    moment = datetime.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    if moment.tzinfo is not None:
        moment = moment.astimezone(datetime.UTC).replace(tzinfo=None)
    return moment
