"""Metadata as Swift keeps it: the headers that set it, lower-cased.

Accounts and containers change metadata a header at a time: a header with a
value sets it, an empty value or ``X-Remove-...`` removes it. An object's
POST replaces all of its user metadata at once. Swift's limits apply to
user metadata (``X-<Kind>-Meta-*``) and are answered with its own texts.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from starlette.datastructures import Headers

from pocketstack.object_store import errors

MAX_NAME_LENGTH = 128
MAX_VALUE_LENGTH = 256
MAX_COUNT = 90
MAX_OVERALL_SIZE = 4096


@dataclasses.dataclass(frozen=True)
class Kind:
    """Which headers are metadata of one kind of thing: ``prefix`` for user
    metadata, ``system`` for the fixed headers stored the same way."""

    prefix: str
    system: tuple[str, ...] = ()

    def is_metadata(self, header: str) -> bool:
        return header.startswith(self.prefix) or header in self.system


ACCOUNT = Kind("x-account-meta-")
CONTAINER = Kind(
    "x-container-meta-",
    (
        "x-container-read",
        "x-container-write",
        "x-container-sync-to",
        "x-container-sync-key",
        "x-versions-location",
        "x-history-location",
    ),
)
OBJECT = Kind("x-object-meta-", ("content-disposition", "content-encoding"))


def changes(kind: Kind, headers: Headers) -> dict[str, str | None]:
    """What a request asks to set (a value) or remove (None)."""
    wanted: dict[str, str | None] = {}
    for header, value in headers.items():
        if header.startswith("x-remove-") and kind.is_metadata("x-" + header[9:]):
            wanted["x-" + header[9:]] = None
        elif kind.is_metadata(header):
            wanted.setdefault(header, value.strip() or None)
    return wanted


def updated(kind: Kind, meta: Mapping[str, str], wanted: Mapping[str, str | None]) -> dict:
    result = dict(meta)
    for header, value in wanted.items():
        if value is None:
            result.pop(header, None)
        else:
            result[header] = value
    check(kind, result)
    return result


def replacement(kind: Kind, headers: Headers) -> dict[str, str]:
    """The whole metadata a PUT or an object's POST sets."""
    meta = {h: v for h, v in changes(kind, headers).items() if v is not None}
    check(kind, meta)
    return meta


def check(kind: Kind, meta: Mapping[str, str]) -> None:
    user = {h: v for h, v in meta.items() if h.startswith(kind.prefix)}
    size = 0
    for header, value in user.items():
        key = header[len(kind.prefix) :]
        shown = title_case(kind.prefix) + key
        if not key:
            raise errors.bad_metadata("Metadata name cannot be empty")
        if len(key) > MAX_NAME_LENGTH:
            raise errors.bad_metadata(f"Metadata name too long: {shown}")
        if len(value) > MAX_VALUE_LENGTH:
            raise errors.bad_metadata(f"Metadata value longer than {MAX_VALUE_LENGTH}: {shown}")
        size += len(key) + len(value)
    if len(user) > MAX_COUNT:
        raise errors.bad_metadata(f"Too many metadata items; max {MAX_COUNT}")
    if size > MAX_OVERALL_SIZE:
        raise errors.bad_metadata(f"Total metadata too large; max {MAX_OVERALL_SIZE}")


def response_headers(meta: Mapping[str, str]) -> dict[str, str]:
    return {title_case(header): value for header, value in meta.items()}


def title_case(header: str) -> str:
    return "-".join(part.capitalize() for part in header.split("-"))
