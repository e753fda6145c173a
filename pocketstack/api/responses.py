"""Responses handlers return: JSON bodies and empty answers."""

from __future__ import annotations

import typing
from collections.abc import Mapping

import orjson
from starlette.responses import Response


def json(body: typing.Any, status: int = 200, headers: Mapping[str, str] | None = None) -> Response:
    return Response(
        orjson.dumps(body), status_code=status, headers=headers, media_type="application/json"
    )


def raw_json(body: bytes, status: int = 200, headers: Mapping[str, str] | None = None) -> Response:
    """A body already serialised (a cached token, a version document)."""
    return Response(body, status_code=status, headers=headers, media_type="application/json")


def no_content(status: int = 204, headers: Mapping[str, str] | None = None) -> Response:
    return Response(status_code=status, headers=headers)
