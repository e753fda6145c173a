"""Cinder's volume list filters: which query parameters filter on what.

Filters a user may use are Cinder's default resource filters for volumes
(``/v3/resource_filters`` lists them); admins may filter on any column.
Before 3.33 other filters are dropped, from 3.33 refused. From 3.34 a name
ending in ``~`` matches a substring ("like"); created_at / updated_at take
comparisons (``gt:2024-01-01T00:00:00``), which Cinder reads from 3.33 on.
"""

from __future__ import annotations

import ast
import typing

import sqlalchemy as sa

from pocketstack import timeutils
from pocketstack.api.request import ApiRequest
from pocketstack.block_storage import errors, models
from pocketstack.block_storage import microversions as mv
from pocketstack.block_storage.handlers import BOOL_WORDS, at_least, caller
from pocketstack.block_storage.objects import listing
from pocketstack.block_storage.schemas.types import as_bool

Volume = models.Volume
# Cinder's resource_query_filters_file defaults for volumes.
USER_FILTERS = (
    "name",
    "status",
    "metadata",
    "bootable",
    "migration_status",
    "availability_zone",
    "group_id",
    "size",
    "created_at",
    "updated_at",
)
ADMIN_FILTERS = ("project_id", "host", "volume_type_id", "user_id", "id", "attach_status")
IGNORED = frozenset({"all_tenants", "all_projects", *listing.PAGING_KEYS})
COMPARISONS = {
    "gt": "__gt__",
    "gte": "__ge__",
    "lt": "__lt__",
    "lte": "__le__",
    "eq": "__eq__",
    "neq": "__ne__",
}


# Filters that came in with a microversion: before it, Cinder drops them.
ADDED_IN = {"glance_metadata": "3.4", "group_id": "3.10", "consumes_quota": "3.65"}
# Before 3.2 a bootable filter is false only when it says so; from 3.2 it
# must be one of oslo's boolean words.
FALSE_WORDS_BEFORE_3_2 = frozenset({"False", "false", "FALSE"})


def conditions(req: ApiRequest) -> list[sa.ColumnElement[bool]]:
    """Before 3.33 filters a caller may not use are dropped, as Cinder's
    remove_invalid_filter_options drops them; from 3.33 a user's are refused."""
    is_admin = caller(req).is_admin
    like = at_least(req, mv.LIKE_FILTER)
    allowed = (*USER_FILTERS, *ADMIN_FILTERS) if is_admin else USER_FILTERS
    found: list[sa.ColumnElement[bool]] = []
    invalid = []
    for raw_key, value in req.query.multi_items():
        if raw_key in IGNORED or _dropped(req, raw_key):
            continue
        key = raw_key[:-1] if like and raw_key.endswith("~") else raw_key
        if key == "display_name":
            key = "name"
        if key not in allowed:
            invalid.append(raw_key)
            continue
        found.append(_condition(req, key, value, raw_key.endswith("~") and like))
    if invalid and not is_admin and at_least(req, mv.RESOURCE_FILTER):
        raise errors.bad_request(
            f"Invalid filters {', '.join(invalid)} are found in query options."
        )
    return found


def _dropped(req: ApiRequest, key: str) -> bool:
    if key in ADDED_IN and not at_least(req, ADDED_IN[key]):
        return True
    # Cinder's older filtering drops time filters (they came in at 3.60),
    # and from 3.33 its newer filtering reads them as comparisons.
    return key in ("created_at", "updated_at") and not at_least(req, mv.RESOURCE_FILTER)


def _condition(req: ApiRequest, key: str, value: str, like: bool) -> sa.ColumnElement[bool]:
    if key == "metadata":
        return sa.and_(*_metadata(value))
    if key == "bootable":
        return Volume.bootable.is_(_bootable(req, value))
    if key in ("created_at", "updated_at"):
        return _time(getattr(Volume, key), value)
    column = getattr(Volume, key)
    if like:
        return column.contains(value, autoescape=True)
    if key == "size":
        try:
            return column == int(value)
        except ValueError:
            raise errors.invalid_input(f"size filter must be an integer: {value}") from None
    return column == value


def _bootable(req: ApiRequest, value: str) -> bool:
    if not at_least(req, mv.VOLUME_LIST_BOOTABLE):
        return value not in FALSE_WORDS_BEFORE_3_2 and bool(value)
    if value.strip().lower() not in BOOL_WORDS:
        raise errors.invalid_input(f"'bootable = {value}'")
    return as_bool(value)


def metadata_filter(text: str) -> dict[str, str]:
    """``metadata={'k': 'v'}`` as a dict (Cinder evaluates the literal)."""
    try:
        items = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        raise errors.invalid_input(f"Invalid metadata filter: {text}") from None
    if not isinstance(items, dict):
        raise errors.invalid_input(f"Invalid metadata filter: {text}")
    return {str(k): str(v) for k, v in items.items()}


def _metadata(text: str) -> list[sa.ColumnElement[bool]]:
    return [
        sa.exists().where(
            models.VolumeMetadata.volume_id == Volume.id,
            models.VolumeMetadata.key == k,
            models.VolumeMetadata.value == v,
        )
        for k, v in metadata_filter(text).items()
    ]


def _time(column: typing.Any, text: str) -> sa.ColumnElement[bool]:
    """``gt:<time>,lt:<time>``; Cinder names the operator or the time it
    could not read."""
    clauses = []
    for part in text.split(","):
        operator, colon, moment = part.partition(":")
        moment = moment if colon else operator
        if operator not in COMPARISONS:
            raise errors.bad_request(f"Invalid {operator} operator")
        try:
            when = timeutils.parse_iso(moment)
        except ValueError:
            raise errors.bad_request(f"Invalid {moment} value") from None
        clauses.append(getattr(column, COMPARISONS[operator])(when))
    return sa.and_(*clauses)
