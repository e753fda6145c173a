"""The part of an image a download asks for: a Range header, or the
Content-Range header Glance still honours in requests, parsed as WebOb
parses them and checked as Glance checks them (get_range_from_request)."""

from __future__ import annotations

import re
import typing

from pocketstack.image import errors

# WebOb's patterns: matched from the start only, so trailing text is ignored.
RANGE = re.compile(r"bytes *= *(\d*) *- *(\d*)", re.IGNORECASE)
CONTENT_RANGE = re.compile(r"bytes (?:(\d+)-(\d+)|[*])/(?:(\d+)|[*])")


def requested(headers: typing.Mapping[str, str], size: int) -> tuple[int, int] | None:
    """(offset, length) of a partial download; None for the whole image."""
    if "range" in headers:
        return _range(headers["range"], size)
    if "content-range" in headers:
        return _content_range(headers["content-range"], size)
    return None


def _range(header: str, size: int) -> tuple[int, int]:
    if "," in header:
        raise errors.bad_request(
            "Requests with multiple ranges are not supported in Glance. "
            "You may make multiple single-range requests instead."
        )
    match = RANGE.match(header)
    first, last = match.groups() if match else ("", "")
    if not first and not last or (first and last and int(last) < int(first)):
        raise _unsatisfiable("Invalid Range header.")
    start = int(first) if first else -int(last)  # bytes=-N: the last N bytes
    _check_start(start, size, "Range")
    offset = start if start >= 0 else max(size + start, 0)
    end = int(last) + 1 if first and last else size
    return offset, min(end, size) - offset


def _content_range(header: str, size: int) -> tuple[int, int]:
    match = CONTENT_RANGE.match(header)
    first, last, total = match.groups() if match else (None, None, None)
    if first is None:
        # Glance fails on the "*" forms; they name no bytes to send.
        raise _unsatisfiable("Invalid Content-Range header.")
    start, stop = int(first), int(last) + 1
    length = int(total) if total else None
    if stop <= start or (length is not None and not start < length >= stop):
        raise _unsatisfiable("Invalid Content-Range header.")
    if stop > size:
        raise _unsatisfiable(
            "Invalid stop position in Content-Range header. The stop position "
            f"MUST be in the inclusive range [0, {size - 1}]."
        )
    _check_start(start, size, "Content-Range")
    return start, stop - start


def _check_start(start: int, size: int, header: str) -> None:
    if start >= size:
        raise _unsatisfiable(
            f"Invalid start position in {header} header. Start position MUST be "
            f"in the inclusive range [0, {size - 1}]."
        )


def _unsatisfiable(detail: str) -> errors.GlanceError:
    return errors.GlanceError(None, status=416, detail=detail)
