"""Image members: the projects a shared image is offered to, and their answer."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack import timeutils
from pocketstack.image import errors, models
from pocketstack.image.objects import Caller


def visible(session: orm.Session, image: models.Image, caller: Caller) -> list[models.ImageMember]:
    """The owner (and an admin) sees every member; a member sees only itself."""
    query = sa.select(models.ImageMember).where(models.ImageMember.image_id == image.id)
    if not caller.is_admin and image.owner != caller.project_id:
        query = query.where(models.ImageMember.member == caller.project_id)
    return list(session.scalars(query.order_by(models.ImageMember.created_at)))


def add(
    session: orm.Session, image: models.Image, member_id: str, limit: int
) -> models.ImageMember:
    existing = list(
        session.scalars(
            sa.select(models.ImageMember.member).where(models.ImageMember.image_id == image.id)
        )
    )
    if member_id in existing:
        raise errors.conflict(f"Member {member_id} is duplicated for image {image.id}")
    if 0 <= limit < len(existing) + 1:
        raise errors.too_large(
            f"Image member limit exceeded for image {image.id}: The limit has been exceeded "
            "on the number of allowed image members for this image. Attempted: "
            f"{len(existing) + 1}, Maximum: {limit}:"
        )
    now = timeutils.utcnow()
    member = models.ImageMember(
        image_id=image.id, member=member_id, status="pending", created_at=now, updated_at=now
    )
    session.add(member)
    session.flush()
    return member
