"""Request schemas: JSON Schema documents declared as data, checked before use.

Validators are compiled once per schema object and reused.
"""

from __future__ import annotations

import typing
import uuid

import jsonschema

_FORMAT_CHECKER = jsonschema.FormatChecker()


@_FORMAT_CHECKER.checks("uuid")
def _is_uuid(instance: object) -> bool:
    if not isinstance(instance, str):
        return True
    try:
        uuid.UUID(instance)
    except ValueError:
        return False
    return True


def _is_integer(_checker: object, instance: object) -> bool:
    # OpenStack's services validate with Draft 4, where 1.0 is a number but
    # not an integer (Draft 6 and later count it as one).
    return isinstance(instance, int) and not isinstance(instance, bool)


_Validator = jsonschema.validators.extend(
    jsonschema.Draft202012Validator,
    type_checker=jsonschema.Draft202012Validator.TYPE_CHECKER.redefine("integer", _is_integer),
)


class SchemaError(ValueError):
    """The first thing wrong with a document, with where it is (``path``,
    slash-separated; ``field``, its last step) and the value found there."""

    def __init__(self, path: str, message: str, instance: typing.Any = None) -> None:
        self.path = path
        self.message = message
        self.instance = instance
        self.field = path.rsplit("/", 1)[-1]
        super().__init__(f"{path}: {message}" if path else message)


_compiled: dict[int, tuple[typing.Mapping, typing.Any]] = {}


def validator_for(schema: typing.Mapping[str, typing.Any]) -> typing.Any:
    entry = _compiled.get(id(schema))
    if entry is None or entry[0] is not schema:
        entry = (schema, _Validator(schema, format_checker=_FORMAT_CHECKER))
        _compiled[id(schema)] = entry
    return entry[1]


def check(schema: typing.Mapping[str, typing.Any], document: typing.Any) -> None:
    """Raise SchemaError for the most relevant problem in ``document``."""
    error = jsonschema.exceptions.best_match(validator_for(schema).iter_errors(document))
    if error is not None:
        path = "/".join(str(p) for p in error.absolute_path)
        raise SchemaError(path, error.message, error.instance)


def check_schema(schema: typing.Mapping[str, typing.Any]) -> None:
    """Raise if ``schema`` is not itself a valid JSON Schema (used by tests)."""
    jsonschema.Draft202012Validator.check_schema(schema)
