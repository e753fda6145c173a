"""Block storage objects: the rows behind each resource, their state
machines and the queries the handlers and managers share."""

from __future__ import annotations

import dataclasses
import uuid


@dataclasses.dataclass(frozen=True)
class Caller:
    """Who is asking: a project, and whether policy lets it see every
    project's resources (admin, with ``all_tenants``)."""

    project_id: str | None
    user_id: str | None
    is_admin: bool


def is_uuid(text: str) -> bool:
    """Whether ``text`` reads as a UUID (Cinder's is_uuid_like): a type named
    by one is looked up, and reported missing, by id."""
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True
