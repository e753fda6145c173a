"""Keystone's list conventions: query filters, marker/limit, and the wrapper.

Filters are exact matches on named attributes, or Keystone's comparators
(``name__icontains=web``); booleans accept Keystone's spellings. A page is
``limit`` entries after ``marker`` (an id); the body carries ``links`` with
``self``/``previous``/``next`` and ``truncated`` when a page was cut.
"""

from __future__ import annotations

import typing
import urllib.parse
from collections.abc import Callable, Iterable, Mapping, Sequence

from pocketstack.api import errors as api_errors
from pocketstack.api.request import ApiRequest
from pocketstack.identity import errors

Ref = dict[str, typing.Any]

_COMPARATORS: dict[str, Callable[[str, str], bool]] = {
    "contains": lambda value, wanted: wanted in value,
    "startswith": lambda value, wanted: value.startswith(wanted),
    "endswith": lambda value, wanted: value.endswith(wanted),
    "equals": lambda value, wanted: value == wanted,
}

TRUE_STRINGS = {"true", "1", "yes", "y", "on", "t", ""}
FALSE_STRINGS = {"false", "0", "no", "n", "off", "f"}


def as_bool(value: typing.Any) -> bool:
    """Keystone's reading of a boolean query value; unknown strings are 400."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in TRUE_STRINGS:
        return True
    if text in FALSE_STRINGS:
        return False
    raise errors.ValidationError(f"Invalid boolean value: {value!r}.")


def matches(ref: Mapping[str, typing.Any], key: str, wanted: str) -> bool:
    """Whether ``ref`` passes the filter ``key=wanted`` (key may carry a comparator)."""
    attribute, _, comparator = key.partition("__")
    value = ref.get(attribute)
    if comparator:
        case_insensitive = comparator.startswith("i")
        compare = _COMPARATORS.get(comparator[1:] if case_insensitive else comparator)
        if compare is None or value is None:
            return compare is None
        text = str(value)
        if case_insensitive:
            return compare(text.lower(), wanted.lower())
        return compare(text, wanted)
    if isinstance(value, bool):
        return value == as_bool(wanted)
    if value is None:
        return False
    return str(value) == wanted


def apply_filters(refs: Iterable[Ref], req: ApiRequest, allowed: Sequence[str]) -> list[Ref]:
    """Keep refs matching every query filter named in ``allowed``."""
    filters = []
    for key, wanted in req.query.multi_items():
        if key.partition("__")[0] in allowed:
            filters.append((key, wanted))
    return [ref for ref in refs if all(matches(ref, k, w) for k, w in filters)]


def collection(
    req: ApiRequest, name: str, refs: list[Ref], *, self_path: str | None = None
) -> dict[str, typing.Any]:
    """The list body: a page of refs after ``marker``, and the links."""
    marker = req.query.get("marker")
    limit_text = req.query.get("limit")
    if marker is not None:
        ids = [ref["id"] for ref in refs]
        if marker not in ids:
            raise api_errors.NotFound(
                f"Marker {marker} could not be found.", code="identity.marker.not_found"
            )
        refs = refs[ids.index(marker) + 1 :]
    truncated = False
    if limit_text:
        try:
            limit = int(limit_text)
        except ValueError:
            raise errors.ValidationError(f"Invalid value for limit: {limit_text}.") from None
        if limit < 0:
            raise errors.ValidationError(f"Invalid value for limit: {limit_text}.")
        truncated = len(refs) > limit
        refs = refs[:limit]
    path = self_path or req.url.split("?", 1)[0]
    # Keystone's self link is the request's own URL, query string included.
    links: dict[str, str | None] = {"self": self_path or req.url, "previous": None, "next": None}
    if truncated and refs:
        args = dict(req.query.items())
        args["marker"] = refs[-1]["id"]
        links["next"] = path + "?" + urllib.parse.urlencode(args)
    body: dict[str, typing.Any] = {name: refs, "links": links}
    if truncated:
        body["truncated"] = True
    return body
