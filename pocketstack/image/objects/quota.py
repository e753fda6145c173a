"""Per-project limits, as Glance enforces Keystone's unified limits.

Usage is counted from the images table; limits come from Keystone's unified
limits (image/limits.py); -1 is unlimited. The refusal is worded as
oslo.limit's ProjectOverLimit inside Glance's LimitExceeded.
"""

from __future__ import annotations

from sqlalchemy import orm

from pocketstack.image import errors
from pocketstack.image.limits import UnifiedLimits
from pocketstack.image.objects import image as images

RESOURCES = ("image_size_total", "image_stage_total", "image_count_total", "image_count_uploading")


def usage(session: orm.Session, limits: UnifiedLimits, project_id: str) -> dict:
    counted = images.owned_usage(session, project_id)
    return {
        name: {"limit": limits.limit(project_id, name), "usage": counted[name]}
        for name in RESOURCES
    }


def enforce(
    session: orm.Session,
    limits: UnifiedLimits,
    project_id: str | None,
    resource: str,
    delta: int = 0,
) -> None:
    if project_id is None:
        return
    limit = limits.limit(project_id, resource)
    if limit < 0:
        return
    current = images.owned_usage(session, project_id)[resource]
    if current + delta > limit:
        raise errors.limit_exceeded(
            f"Project {project_id} is over a limit for [Resource {resource} is over "
            f"limit of {limit} due to current usage {current} and delta {delta}]"
        )
