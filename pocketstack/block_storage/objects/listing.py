"""List queries every block-storage resource shares: Cinder's sort, limit,
marker and offset parameters, and the ``<collection>_links`` next link.

Cinder's parameters: ``sort=key1:dir1,key2`` (or the older ``sort_key`` /
``sort_dir``), ``limit`` (at most ``MAX_LIMIT``), ``marker`` (the id after
which the page starts) and ``offset``. Lists end with the id, so paging is
stable when sort keys tie.
"""

from __future__ import annotations

import dataclasses
import typing
from urllib.parse import urlencode

import sqlalchemy as sa
from sqlalchemy import orm
from starlette.datastructures import QueryParams

from pocketstack.block_storage import errors

MAX_LIMIT = 1000
PAGING_KEYS = frozenset({"sort", "sort_key", "sort_dir", "limit", "marker", "offset", "with_count"})


@dataclasses.dataclass
class Paging:
    sort: list[tuple[str, str]]
    limit: int | None
    marker: str | None
    offset: int


def parse(query: QueryParams, default_sort: str = "created_at") -> Paging:
    """Cinder's paging parameters, or its 400 for a bad one."""
    sort: list[tuple[str, str]] = []
    if "sort" in query:
        if "sort_key" in query or "sort_dir" in query:
            raise errors.invalid_input(
                "The 'sort_key' and 'sort_dir' parameters are deprecated and cannot be "
                "used with the 'sort' parameter."
            )
        for item in query["sort"].split(","):
            key, _, direction = item.strip().partition(":")
            sort.append((key.strip(), _direction(direction or "desc")))
    elif "sort_key" in query:
        directions = query.get("sort_dir", "desc").split(",")
        for index, key in enumerate(query["sort_key"].split(",")):
            direction = directions[index] if index < len(directions) else directions[-1]
            sort.append((key.strip(), _direction(direction)))
    else:
        sort = [(default_sort, _direction(query.get("sort_dir", "desc")))]
    return Paging(sort, _limit(query.get("limit")), query.get("marker"), _offset(query))


def _direction(text: str) -> str:
    text = text.strip().lower()
    if text not in ("asc", "desc"):
        raise errors.invalid_input(f"Invalid sort direction: {text}")
    return text


def _limit(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        limit = int(text)
    except ValueError:
        raise errors.bad_request("limit param must be an integer") from None
    if limit < 0:
        raise errors.bad_request("limit param must be positive")
    return min(limit, MAX_LIMIT)


def _offset(query: QueryParams) -> int:
    text = query.get("offset", "0")
    try:
        offset = int(text)
    except ValueError:
        raise errors.bad_request("offset param must be an integer") from None
    if offset < 0:
        raise errors.bad_request("offset param must be positive")
    return offset


def page(
    session: orm.Session,
    select: sa.Select,
    model: type,
    paging: Paging,
    sortable: typing.Collection[str],
) -> list[typing.Any]:
    """Run ``select`` sorted, from after the marker, at most ``limit`` rows."""
    order = []
    for key, direction in paging.sort:
        if key not in sortable:
            raise errors.invalid_input(f"Invalid sort key {key}")
        column = getattr(model, key)
        order.append(column.asc() if direction == "asc" else column.desc())
    rows = list(session.scalars(select.order_by(*order, model.id.asc())))
    if paging.marker is not None:
        ids = [row.id for row in rows]
        if paging.marker not in ids:
            raise errors.not_found(f"Marker {paging.marker} could not be found.")
        rows = rows[ids.index(paging.marker) + 1 :]
    rows = rows[paging.offset :]
    limit = MAX_LIMIT if paging.limit is None else paging.limit
    return rows[:limit]


def next_links(
    base_url: str, collection: str, query: QueryParams, rows: list, paging: Paging
) -> list[dict[str, str]]:
    """The ``<collection>_links`` entry: present when the page is full."""
    limit = MAX_LIMIT if paging.limit is None else paging.limit
    if not rows or len(rows) < limit:
        return []
    params = [(k, v) for k, v in query.multi_items() if k not in ("marker",)]
    params.append(("marker", rows[-1].id))
    return [{"href": f"{base_url}/{collection}?{urlencode(params)}", "rel": "next"}]
