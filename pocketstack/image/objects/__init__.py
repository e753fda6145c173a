"""The image service's data access and rules; they raise Glance's errors."""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True)
class Caller:
    """Who asks, as Glance's request context sees it."""

    project_id: str | None
    is_admin: bool
