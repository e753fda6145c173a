"""A list answer in Cinder's shape: one page of rows (objects.listing's
sort, limit, marker and offset), the count when asked for (3.45), and the
``<collection>_links`` next link when the page is full."""

from __future__ import annotations

import typing
from collections.abc import Callable, Collection

import sqlalchemy as sa
from sqlalchemy import orm
from starlette.responses import Response

from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.block_storage import microversions as mv
from pocketstack.block_storage.handlers import at_least
from pocketstack.block_storage.objects import listing
from pocketstack.block_storage.schemas.types import as_bool


def respond(
    req: ApiRequest,
    session: orm.Session,
    model: type,
    conditions: list[sa.ColumnElement[bool]],
    *,
    key: str,
    path: str,
    sortable: Collection[str],
    view: Callable[[typing.Any], dict[str, typing.Any]],
) -> Response:
    """The page of ``model`` rows matching ``conditions``, as ``{key: [...]}``;
    ``path`` is the collection's path under /v3 (``volumes/detail``)."""
    paging = listing.parse(req.query)
    rows = listing.page(session, sa.select(model).where(*conditions), model, paging, sortable)
    body: dict[str, typing.Any] = {key: [view(row) for row in rows]}
    if at_least(req, mv.SUPPORT_COUNT_INFO) and as_bool(req.query.get("with_count", "false")):
        body["count"] = session.scalar(
            sa.select(sa.func.count()).select_from(model).where(*conditions)
        )
    links = listing.next_links(req.base_url + "/v3", path, req.query, rows, paging)
    if links:
        body[f"{key}_links"] = links
    return responses.json(body)
