"""The grammar of image list filters: ``<op>:<value>``, ``in:`` lists with
quoted items, and ISO 8601 times, read as Glance reads them
(glance/common/utils.py split_filter_op, split_filter_value_for_quotes)."""

from __future__ import annotations

import datetime
import re

from pocketstack import timeutils
from pocketstack.image import errors

# An ``in:`` item: a quoted string (backslash escapes kept), else anything up
# to the next comma; a lone comma is an empty item.
_ITEM = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)",?|([^,]+),?|,')


def split_op(expression: str) -> tuple[str, str]:
    """(operator, value); no operator is ``eq``, and neither is the colon of
    a bare ISO 8601 time."""
    left, colon, right = expression.partition(":")
    if not colon or _is_time(expression):
        return "eq", expression
    return left, right


def in_values(value: str) -> list[str]:
    """The items of an ``in:`` list; 400 for quotes not placed as items."""
    _check_quotes(value)
    return [quoted or plain for quoted, plain in _ITEM.findall(value)]


def parse_time(value: str, name: str) -> datetime.datetime:
    try:
        return timeutils.parse_iso(value)
    except ValueError:
        raise errors.bad_request(
            f'Bad "{name}" query filter format. Use ISO 8601 DateTime notation.'
        ) from None


def _is_time(text: str) -> bool:
    try:
        timeutils.parse_iso(text)
    except ValueError:
        return False
    return True


def _check_quotes(value: str) -> None:
    opening = True
    for index, char in enumerate(value):
        if char != '"' or (index and value[index - 1] == "\\"):
            continue
        if opening and index and value[index - 1] != ",":
            raise _bad(value, "There is no comma before opening quotation mark.")
        if not opening and index + 1 != len(value) and value[index + 1] != ",":
            raise _bad(value, "There is no comma after closing quotation mark.")
        opening = not opening
    if not opening:
        raise _bad(value, "The quote is not closed.")


def _bad(value: str, problem: str) -> errors.GlanceError:
    return errors.bad_request(f"Invalid filter value {value}. {problem}")
