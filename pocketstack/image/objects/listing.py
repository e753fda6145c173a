"""GET /v2/images: which images a caller sees, filtered, sorted and paged,
with Glance's rules (glance/db/sqlalchemy/api.py image_get_all)."""

from __future__ import annotations

import dataclasses
import operator
import typing

import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack.image import errors, models
from pocketstack.image.objects import Caller, filters
from pocketstack.image.objects import image as images

Image = models.Image
Member = models.ImageMember
# Columns filtered with ``eq:`` and ``in:``; times with comparisons; other
# columns by plain equality; any other key filters custom properties.
OPERATOR_FILTERS = ("name", "id", "status", "container_format", "disk_format")
TIME_FILTERS = ("created_at", "updated_at")
NUMBER_COLUMNS = ("size", "virtual_size", "min_disk", "min_ram")
TEXT_COLUMNS = ("checksum", "os_hash_algo", "os_hash_value", "owner")
COMPARISONS = {
    "gt": operator.gt,
    "gte": operator.ge,
    "lt": operator.lt,
    "lte": operator.le,
    "neq": operator.ne,
    "eq": operator.eq,
}
# What a NULL sorts as when paging past a marker (Glance's column defaults).
NULL_AS = {sa.String: "", sa.BigInteger: 0, sa.Integer: 0}
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
    # The direction of the created_at and id tie-breakers: Glance's default,
    # or the one direction asked for.
    tiebreak: str = "desc"


def run(session: orm.Session, caller: Caller, query: Query) -> tuple[list[Image], bool]:
    """The page of images and whether another page may follow."""
    select = sa.select(Image).where(Image.deleted.is_(False))
    select = select.where(*_visibility(caller, query))
    select = select.where(*_filters(query))
    for tag in query.tags:
        select = select.where(
            sa.exists().where(models.ImageTag.image_id == Image.id, models.ImageTag.value == tag)
        )
    sort = [*query.sort]
    sort += [(key, query.tiebreak) for key in ("created_at", "id") if key not in dict(sort)]
    columns = [(getattr(Image, key), direction) for key, direction in sort]
    select = select.order_by(*(c.asc() if d == "asc" else c.desc() for c, d in columns))
    if query.marker is not None:
        select = select.where(_after(_marker(session, caller, query.marker), sort))
    limit = min(query.limit if query.limit is not None else DEFAULT_LIMIT, MAX_LIMIT)
    page = list(session.scalars(select.limit(limit)))
    return page, bool(page) and len(page) == limit


def _marker(session: orm.Session, caller: Caller, marker: str) -> Image:
    """Glance's _image_get: the marker need not match the filters, but the
    caller must be able to see it."""
    image = session.get(Image, marker)
    if image is None or (image.deleted and not caller.is_admin):
        raise errors.bad_request(f"No image found with ID {marker}")
    if not images.is_visible(session, image, caller):
        raise errors.forbidden(f"Forbidding request, image {marker} not visible")
    return image


def _after(marker: Image, sort: list[tuple[str, str]]) -> sa.ColumnElement[bool]:
    """The rows after ``marker`` in ``sort`` order, NULLs read as Glance's
    defaults: (k1 > m1) or (k1 = m1 and k2 > m2) or ..."""
    criteria = []
    for index, (key, direction) in enumerate(sort):
        equal = [_sortable(k) == _marker_value(marker, k) for k, _ in sort[:index]]
        column, value = _sortable(key), _marker_value(marker, key)
        criteria.append(sa.and_(*equal, column < value if direction == "desc" else column > value))
    return sa.or_(*criteria)


def _sortable(key: str) -> typing.Any:
    column = getattr(Image, key)
    default = _null_as(key)
    return column if default is None else sa.func.coalesce(column, default)


def _marker_value(marker: Image, key: str) -> typing.Any:
    value = getattr(marker, key)
    return _null_as(key) if value is None else value


def _null_as(key: str) -> typing.Any:
    kind = type(Image.__table__.c[key].type)
    return next((v for t, v in NULL_AS.items() if issubclass(kind, t)), None)


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
    wanted = dict(query.filters)
    wanted.pop("deleted", None)  # Glance lists live images whatever is asked
    conditions: list[sa.ColumnElement[bool]] = []
    hidden = wanted.pop("os_hidden", None)
    conditions.append(Image.os_hidden.is_(hidden is not None and _bool(hidden, "os_hidden")))
    if "protected" in wanted:
        conditions.append(Image.protected.is_(_bool(wanted.pop("protected"), "protected")))
    for key, value in wanted.items():
        conditions.append(_condition(key, value))
    return conditions


def _condition(key: str, value: str) -> sa.ColumnElement[bool]:
    """One filter, in the order Glance's _make_conditions_from_filters tries them."""
    if key.endswith(("_min", "_max")):
        return _range(key, value)
    if key in TIME_FILTERS:
        op, moment = filters.split_op(value)
        return _compare(getattr(Image, key), op, filters.parse_time(moment, key))
    if key in OPERATOR_FILTERS:
        return _operator_match(getattr(Image, key), value)
    if key in NUMBER_COLUMNS:
        return getattr(Image, key) == _int(value, key)
    if key in TEXT_COLUMNS:
        return getattr(Image, key) == value
    return sa.exists().where(
        models.ImageProperty.image_id == Image.id,
        models.ImageProperty.name == key,
        models.ImageProperty.value == value,
    )


def _range(key: str, value: str) -> sa.ColumnElement[bool]:
    try:
        bound = int(value)
    except ValueError:
        raise errors.bad_request("Unable to filter on a range with a non-numeric value.") from None
    column = key[:-4]
    if column not in NUMBER_COLUMNS:
        raise errors.bad_request("Unable to filter using the specified range.")
    if key.endswith("_min"):
        return getattr(Image, column) >= bound
    return getattr(Image, column) <= bound


def _compare(column: typing.Any, op: str, value: typing.Any) -> sa.ColumnElement[bool]:
    compare = COMPARISONS.get(op)
    if compare is None:
        raise errors.bad_request("Unable to filter on a unknown operator.")
    return compare(column, value)


def _operator_match(column: typing.Any, expression: str) -> sa.ColumnElement[bool]:
    op, value = filters.split_op(expression)
    if op == "in":
        return column.in_(filters.in_values(value))
    if op == "eq":
        return column == value
    raise errors.bad_request(f"Unable to filter by unknown operator '{op}'.")


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
