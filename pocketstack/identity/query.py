"""Keystone's checks of query strings, and its answers when they fail.

Keystone validates the query before it looks at the token, against the
first value of each parameter, and reports the first failure it meets (not
the "best" one) in the words of its body validation. Messages that quote the
whole query show it as Keystone's web framework prints it.
"""

from __future__ import annotations

import typing

from pocketstack.api import validation
from pocketstack.api.request import ApiRequest
from pocketstack.identity import errors


class QueryArgs(dict):
    """The first value of each parameter, printed as Werkzeug prints a query."""

    def __init__(self, items: list[tuple[str, str]]) -> None:
        super().__init__()
        for key, value in items:
            self.setdefault(key, value)
        self.items_given = items

    def __repr__(self) -> str:
        return f"ImmutableMultiDict({self.items_given!r})"


def validated(req: ApiRequest, schema: typing.Mapping[str, typing.Any]) -> QueryArgs:
    args = QueryArgs(list(req.query.multi_items()))
    error = next(iter(validation.validator_for(schema).iter_errors(args)), None)
    if error is None:
        return args
    if error.path:
        raise errors.invalid_input(error.path[-1], error.instance, error.message)
    raise errors.ValidationError(error.message)


def is_true(args: typing.Mapping[str, str], name: str) -> bool:
    """Keystone's flag parameters: present and not ``0`` is true."""
    return name in args and args[name] != "0"
