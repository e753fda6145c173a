"""Images: their statuses, who sees them, and how they change.

Statuses and transitions are Glance's (glance/domain Image.valid_state_targets),
declared once here and applied with compare-and-swap.
"""

from __future__ import annotations

import typing
import uuid

import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack import timeutils
from pocketstack.image import errors, models
from pocketstack.image.objects import Caller
from pocketstack.transitions import StateMachine, Transition, TransitionRefused

IMAGE = StateMachine(
    models.Image.__table__,
    [
        Transition("upload", {"status": {"queued"}}, {"status": "saving"}),
        Transition("stage", {"status": {"queued"}}, {"status": "uploading"}),
        Transition("import", {"status": {"queued", "uploading"}}, {"status": "importing"}),
        Transition("activate", {"status": {"saving", "importing", "queued"}}, {"status": "active"}),
        # Glance v2 restores a failed upload to queued so it can be retried.
        Transition(
            "restore",
            {"status": {"saving", "uploading", "importing"}},
            {"status": "queued", "size": None, "virtual_size": None},
        ),
        Transition("deactivate", {"status": {"active"}}, {"status": "deactivated"}),
        Transition("reactivate", {"status": {"deactivated"}}, {"status": "active"}),
        Transition("delete", {"deleted": {False}}, {"status": "deleted", "deleted": True}),
    ],
)

# The status each action moves to, for Glance's transition message.
TARGETS = {t.action: t.target.get("status") for t in IMAGE.transitions.values()}
WRITABLE = (
    "name",
    "disk_format",
    "container_format",
    "min_disk",
    "min_ram",
    "visibility",
    "protected",
    "os_hidden",
    "owner",
)


def move(session: orm.Session, action: str, image_id: str, **values: typing.Any) -> None:
    """Apply ``action`` or answer 409 as Glance's status setter does."""
    now = timeutils.utcnow()
    try:
        IMAGE.apply(session, action, image_id, values={"updated_at": now, **values})
    except TransitionRefused as refused:
        if refused.current is None or refused.current.get("deleted"):
            raise errors.image_not_found(image_id) from None
        raise errors.status_transition(refused.current["status"], TARGETS[action]) from None


def find(session: orm.Session, image_id: str) -> models.Image | None:
    image = session.get(models.Image, image_id, populate_existing=True)
    return None if image is None or image.deleted else image


def membership(session: orm.Session, image_id: str, project_id: str | None):
    if project_id is None:
        return None
    return session.scalar(
        sa.select(models.ImageMember).where(
            models.ImageMember.image_id == image_id, models.ImageMember.member == project_id
        )
    )


def is_visible(session: orm.Session, image: models.Image, caller: Caller) -> bool:
    """Glance's is_image_visible: admins, owners, public and community images,
    and shared images for their members (whatever the member's status)."""
    if caller.is_admin or image.visibility in ("public", "community"):
        return True
    if image.owner is not None and image.owner == caller.project_id:
        return True
    if image.visibility == "shared":
        return membership(session, image.id, caller.project_id) is not None
    return False


def get_visible(session: orm.Session, image_id: str, caller: Caller) -> models.Image:
    image = find(session, image_id)
    if image is None or not is_visible(session, image, caller):
        raise errors.image_not_found(image_id)
    return image


def policy_target(session: orm.Session, image: models.Image, caller: Caller) -> dict:
    """Glance's ImageTarget: owner as project_id, the caller as member_id when
    it is a member, visibility, and the image's other attributes."""
    member = membership(session, image.id, caller.project_id)
    return {
        **properties_of(session, image.id),
        **{c: getattr(image, c) for c in WRITABLE},
        "id": image.id,
        "status": image.status,
        "project_id": image.owner,
        "member_id": member.member if member is not None else None,
    }


def properties_of(session: orm.Session, image_id: str) -> dict[str, str]:
    rows = session.execute(
        sa.select(models.ImageProperty.name, models.ImageProperty.value).where(
            models.ImageProperty.image_id == image_id
        )
    )
    return dict(sorted((name, value) for name, value in rows))


def tags_of(session: orm.Session, image_id: str) -> list[str]:
    return list(
        session.scalars(
            sa.select(models.ImageTag.value)
            .where(models.ImageTag.image_id == image_id)
            .order_by(models.ImageTag.value)
        )
    )


def locations_of(session: orm.Session, image_id: str) -> list[models.ImageLocation]:
    return list(
        session.scalars(
            sa.select(models.ImageLocation)
            .where(
                models.ImageLocation.image_id == image_id, models.ImageLocation.status == "active"
            )
            .order_by(models.ImageLocation.id)
        )
    )


def create(
    session: orm.Session, fields: dict[str, typing.Any], properties: dict[str, str], tags: list[str]
) -> models.Image:
    image_id = fields.pop("id", None) or str(uuid.uuid4())
    if session.get(models.Image, image_id) is not None:
        raise errors.conflict(f"Image ID {image_id} already exists!")
    now = timeutils.utcnow()
    image = models.Image(
        id=image_id,
        status="queued",
        created_at=now,
        updated_at=now,
        visibility=fields.pop("visibility", None) or "shared",
        min_disk=fields.pop("min_disk", None) or 0,
        min_ram=fields.pop("min_ram", None) or 0,
        protected=bool(fields.pop("protected", False)),
        os_hidden=bool(fields.pop("os_hidden", False)),
        **fields,
    )
    session.add(image)
    session.flush()
    set_properties(session, image_id, properties)
    set_tags(session, image_id, tags)
    return image


def set_properties(session: orm.Session, image_id: str, properties: dict[str, str]) -> None:
    session.execute(
        sa.delete(models.ImageProperty).where(models.ImageProperty.image_id == image_id)
    )
    for name, value in properties.items():
        session.add(models.ImageProperty(image_id=image_id, name=name, value=value))
    session.flush()


def set_tags(session: orm.Session, image_id: str, tags: typing.Iterable[str]) -> None:
    session.execute(sa.delete(models.ImageTag).where(models.ImageTag.image_id == image_id))
    for tag in dict.fromkeys(tags):
        session.add(models.ImageTag(image_id=image_id, value=tag))
    session.flush()


def touch(session: orm.Session, image: models.Image) -> None:
    image.updated_at = timeutils.utcnow()
    session.flush()


def delete(session: orm.Session, image: models.Image) -> list[str]:
    """Mark the image deleted; returns the URLs whose data must go: those no
    other image still has a location on (a service may have given two images
    the same data)."""
    if image.protected:
        raise errors.forbidden(f"Image {image.id} is protected and cannot be deleted.")
    urls = [location.url for location in locations_of(session, image.id)]
    move(session, "delete", image.id, deleted_at=timeutils.utcnow())
    session.execute(
        sa.update(models.ImageLocation)
        .where(models.ImageLocation.image_id == image.id)
        .values(status="deleted")
    )
    session.execute(sa.delete(models.ImageMember).where(models.ImageMember.image_id == image.id))
    still_used = set(
        session.scalars(
            sa.select(models.ImageLocation.url).where(
                models.ImageLocation.url.in_(urls), models.ImageLocation.status != "deleted"
            )
        )
    )
    return [url for url in urls if url not in still_used]


def owned_usage(session: orm.Session, owner: str) -> dict[str, int]:
    """What Glance's quota callbacks count for a project."""
    live = sa.and_(models.Image.owner == owner, models.Image.deleted.is_(False))
    count = session.scalar(sa.select(sa.func.count()).where(live)) or 0
    stored = (
        session.scalar(
            sa.select(sa.func.coalesce(sa.func.sum(models.Image.size), 0)).where(
                live, models.Image.status.in_(("active", "deactivated", "saving"))
            )
        )
        or 0
    )
    staged = (
        session.scalar(
            sa.select(sa.func.coalesce(sa.func.sum(models.Image.size), 0)).where(
                live, models.Image.status.in_(("uploading", "importing"))
            )
        )
        or 0
    )
    uploading = (
        session.scalar(
            sa.select(sa.func.count()).where(
                live, models.Image.status.in_(("saving", "uploading", "importing"))
            )
        )
        or 0
    )
    return {
        "image_count_total": count,
        "image_size_total": int(stored) // (1 << 20),
        "image_stage_total": int(staged) // (1 << 20),
        "image_count_uploading": uploading,
    }
