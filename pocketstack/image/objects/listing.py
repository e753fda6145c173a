"""GET /v2/images: which images a caller sees, filtered, sorted and paged,
with Glance's rules (glance/db/sqlalchemy/api.py image_get_all)."""

from __future__ import annotations

import dataclasses
import typing

import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack.image import errors, models
from pocketstack.image.objects import Caller

Image = models.Image
Member = models.ImageMember
# Filters on a column, as given; any other key filters custom properties.
COLUMN_FILTERS = ("name", "status", "container_format", "disk_format", "owner", "id")
DEFAULT_LIMIT = 25
MAX_LIMIT = 1000


@dataclasses.dataclass
class Query:
    filters: dict[str, str]
    tags: list[str]
    member_status: str
    sort: list[tuple[str, str]]
    limit: int | None
    marker: str | None


def run(session: orm.Session, caller: Caller, query: Query) -> tuple[list[Image], bool]:
    """The page of images and whether another page may follow."""
    select = sa.select(Image).where(Image.deleted.is_(False))
    select = select.where(*_visibility(caller, query))
    select = select.where(*_filters(query))
    for tag in query.tags:
        select = select.where(
            sa.exists().where(models.ImageTag.image_id == Image.id, models.ImageTag.value == tag)
        )
    order = [
        getattr(Image, key).asc() if direction == "asc" else getattr(Image, key).desc()
        for key, direction in query.sort
    ]
    select = select.order_by(*order, Image.created_at.desc(), Image.id.desc())
    images = list(session.scalars(select))
    if query.marker is not None:
        ids = [image.id for image in images]
        if query.marker not in ids:
            raise errors.bad_request(f"No image found with ID {query.marker}")
        images = images[ids.index(query.marker) + 1 :]
    limit = min(query.limit if query.limit is not None else DEFAULT_LIMIT, MAX_LIMIT)
    page = images[:limit]
    return page, bool(page) and len(page) == limit


def _visibility(caller: Caller, query: Query) -> list[sa.ColumnElement[bool]]:
    wanted = query.filters.pop("visibility", None)
    if caller.is_admin:
        return [Image.visibility == wanted] if wanted and wanted != "all" else []
    owned = Image.owner == caller.project_id
    member = sa.exists().where(
        Member.image_id == Image.id,
        Member.member == caller.project_id,
        *([] if query.member_status == "all" else [Member.status == query.member_status]),
    )
    shared = sa.and_(Image.visibility == "shared", member)
    if wanted == "public":
        return [Image.visibility == "public"]
    if wanted == "community":
        return [Image.visibility == "community"]
    if wanted == "private":
        return [Image.visibility == "private", owned]
    if wanted == "shared":
        return [Image.visibility == "shared", sa.or_(owned, member)]
    if wanted == "all":
        return [sa.or_(owned, Image.visibility.in_(("public", "community")), shared)]
    return [sa.or_(owned, Image.visibility == "public", shared)]


def _filters(query: Query) -> list[sa.ColumnElement[bool]]:
    filters = dict(query.filters)
    conditions: list[sa.ColumnElement[bool]] = []
    hidden = filters.pop("os_hidden", None)
    conditions.append(Image.os_hidden.is_(hidden is not None and _bool(hidden, "os_hidden")))
    if "protected" in filters:
        conditions.append(Image.protected.is_(_bool(filters.pop("protected"), "protected")))
    for bound, compare in (("size_min", Image.size.__ge__), ("size_max", Image.size.__le__)):
        if bound in filters:
            conditions.append(compare(_int(filters.pop(bound), bound)))
    for key in ("min_ram", "min_disk"):
        if key in filters:
            conditions.append(getattr(Image, key) == _int(filters.pop(key), key))
    for key in COLUMN_FILTERS:
        if key in filters:
            conditions.append(_match(getattr(Image, key), filters.pop(key)))
    for key, value in filters.items():
        conditions.append(
            sa.exists().where(
                models.ImageProperty.image_id == Image.id,
                models.ImageProperty.name == key,
                _match(models.ImageProperty.value, value),
            )
        )
    return conditions


def _match(column: typing.Any, value: str) -> sa.ColumnElement[bool]:
    if value.startswith("in:"):
        return column.in_([v.strip().strip('"') for v in value[3:].split(",")])
    if value.startswith("eq:"):
        value = value[3:]
    return column == value


def _bool(value: str, name: str) -> bool:
    text = value.lower() if name == "os_hidden" else value
    if text in ("true", "false"):
        return text == "true"
    raise errors.bad_request(
        f"Invalid value '{value}' for '{name}' filter. Valid values are 'true' or 'false'."
    )


def _int(value: str, name: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise errors.bad_request(f"Invalid value '{value}' for parameter '{name}'") from None
