"""Applying parsed JSON-patch changes to an image, with Glance's answers
(glance/api/v2/images.py _do_add/_do_replace/_do_remove)."""

from __future__ import annotations

import typing

from sqlalchemy import orm

from pocketstack.image import errors, models
from pocketstack.image.objects import image as images
from pocketstack.image.objects.patch import Change

# Attributes an image has of its own (Glance's hasattr(image, name)).
OWN = (
    *images.WRITABLE,
    "tags",
    "locations",
    "status",
    "checksum",
    "size",
    "virtual_size",
    "os_hash_algo",
    "os_hash_value",
    "id",
    "created_at",
    "updated_at",
)
FORMAT_ATTRIBUTES = ("disk_format", "container_format")


class Permissions(typing.Protocol):
    """Glance asks the policy once a change, so an empty patch needs none."""

    is_admin: bool
    settings: typing.Any

    def update_property(self, name: str, value: typing.Any = None) -> None: ...

    def locations(self, rule: str) -> None: ...


def apply(
    session: orm.Session, image: models.Image, changes: list[Change], allowed: Permissions
) -> None:
    properties = images.properties_of(session, image.id)
    tags: list[str] | None = None
    for change in changes:
        if change.root == "locations":
            _locations(change, allowed)
        elif change.op == "remove":
            allowed.update_property(change.root)
            _remove(image, properties, change)
        elif change.root == "tags":
            allowed.update_property(change.root, change.value)
            tags = [str(t) for t in change.value]
        else:
            _set(image, properties, change, allowed)
    limit = allowed.settings.image_property_quota
    if 0 <= limit < len(properties):
        raise errors.limit_exceeded_count("properties", len(properties), limit)
    images.set_properties(session, image.id, properties)
    if tags is not None:
        limit = allowed.settings.image_tag_quota
        if 0 <= limit < len(set(tags)):
            raise errors.limit_exceeded_count("tags", len(set(tags)), limit)
        images.set_tags(session, image.id, tags)
    if changes:
        images.touch(session, image)


def _set(image: models.Image, properties: dict, change: Change, allowed: Permissions) -> None:
    name, value = change.root, change.value
    if change.op == "replace" and name == "owner" and not allowed.is_admin:
        raise errors.forbidden(detail="Owner can't be updated by non admin.")
    allowed.update_property(name, value)
    present = name in OWN or name in properties
    if change.op == "replace" and not present:
        raise errors.conflict_detail(f"Property {name} does not exist.")
    if change.op == "add" and change.draft == 4 and present:
        raise errors.conflict_detail(f"Property {name} already present.")
    if name not in OWN:
        properties[name] = value
        return
    if name in FORMAT_ATTRIBUTES and image.status not in ("queued", "importing"):
        raise errors.forbidden(f"Attribute {name} can be only replaced for a queued image.")
    if name in ("min_disk", "min_ram") and value is not None and value < 0:
        raise errors.bad_request(
            f"Invalid value '{value}' for parameter '{name}': Cannot be a negative value"
        )
    setattr(image, name, value)


def _locations(change: Change, allowed: Permissions) -> None:
    """Locations are not shown here, so no change to them is allowed."""
    if change.op == "replace" and not change.value:
        raise errors.forbidden(detail="Cannot set locations to empty list.")
    allowed.locations("delete_image_location" if change.op == "remove" else "set_image_location")
    verb = {"replace": "update"}.get(change.op, change.op)
    raise errors.forbidden(f"It's not allowed to {verb} locations if locations are invisible.")


def _remove(image: models.Image, properties: dict, change: Change) -> None:
    name = change.root
    if name in OWN:
        raise errors.forbidden(detail=f"Property {name} may not be removed.")
    if name not in properties:
        raise errors.conflict_detail(f"Property {name} does not exist.")
    del properties[name]
