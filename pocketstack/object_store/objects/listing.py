"""Listing parameters and the walk that folds names into subdirectories.

Swift lists names in byte order, ``limit`` at a time after ``marker`` and
before ``end_marker``, those starting with ``prefix``; with a ``delimiter``,
names that go on past the prefix to a delimiter are folded into one
``subdir`` entry (a pseudo-directory), which counts against the limit.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

import sqlalchemy as sa
from starlette.datastructures import QueryParams

from pocketstack.object_store import errors

LISTING_LIMIT = 10000
Row = TypeVar("Row")


@dataclasses.dataclass(frozen=True)
class Listing:
    limit: int = LISTING_LIMIT
    marker: str = ""
    end_marker: str = ""
    prefix: str = ""
    delimiter: str = ""

    @classmethod
    def from_query(cls, query: QueryParams) -> Listing:
        limit = query.get("limit", str(LISTING_LIMIT))
        if not limit.isdigit():
            raise errors.precondition_failed("Value of limit must be a positive integer")
        if int(limit) > LISTING_LIMIT:
            raise errors.precondition_failed(f"Maximum limit is {LISTING_LIMIT}")
        delimiter = query.get("delimiter", "")
        if len(delimiter) > 1:
            raise errors.precondition_failed("Bad delimiter")
        return cls(
            limit=int(limit),
            marker=query.get("marker", ""),
            end_marker=query.get("end_marker", ""),
            prefix=query.get("prefix", ""),
            delimiter=delimiter,
        )

    def where(self, column: sa.ColumnElement[str]) -> list[sa.ColumnElement[bool]]:
        """SQL conditions on the name column for marker, end_marker, prefix."""
        conditions = []
        if self.marker:
            conditions.append(column > self.marker)
        if self.end_marker:
            conditions.append(column < self.end_marker)
        if self.prefix:
            conditions.append(column.startswith(self.prefix, autoescape=True))
        return conditions

    def walk(self, rows: Iterable[Row], name: Callable[[Row], str]) -> Iterator[Row | str]:
        """The rows (in name order) as listed: subdirectory names as str."""
        listed = 0
        last_subdir = None
        for row in rows:
            if listed >= self.limit:
                return
            rest = name(row)[len(self.prefix) :]
            cut = rest.find(self.delimiter) if self.delimiter else -1
            if cut < 0:
                listed += 1
                yield row
                continue
            subdir = self.prefix + rest[: cut + 1]
            if subdir != last_subdir and subdir > self.marker:
                last_subdir = subdir
                listed += 1
                yield subdir
