"""Image PATCH bodies: JSON-patch operations, read as Glance reads them
(draft 4 ``{"add": "/path"}`` and draft 10 ``{"op": "add", "path": ...}``)."""

from __future__ import annotations

import dataclasses
import re
import typing

from pocketstack.image import errors, schemas
from pocketstack.image.schemas import image as rules

OPERATIONS = ("add", "remove", "replace")


@dataclasses.dataclass(frozen=True)
class Change:
    op: str
    path: list[str]
    value: typing.Any
    draft: int

    @property
    def root(self) -> str:
        return self.path[0]


def parse(body: typing.Any, draft: int) -> list[Change]:
    if not isinstance(body, list):
        raise errors.bad_request("Request body must be a JSON array of operation objects.")
    changes = []
    for raw in body:
        if not isinstance(raw, dict):
            raise errors.bad_request("Operations must be JSON objects.")
        op, pointer = _operation(raw, draft)
        path = _decode(pointer)
        depth = rules.PATH_DEPTH.get(path[0], {}).get(op, 1)
        if len(path) != depth:
            raise errors.bad_request(f"Invalid JSON pointer for this resource: '/{'/'.join(path)}'")
        value = None
        if op != "remove":
            if "value" not in raw:
                raise errors.bad_request(f'Operation "{op}" requires a member named "value".')
            value = raw["value"]
        change = Change(op, path, value, draft)
        _check(change)
        changes.append(change)
    return changes


def _operation(raw: dict, draft: int) -> tuple[str, typing.Any]:
    available = ", ".join(OPERATIONS)
    if draft == 4:
        named = [key for key in OPERATIONS if key in raw]
        if len(named) != 1:
            how = "only" if named else "exactly"
            raise errors.bad_request(
                f"Operation objects must contain {how} one member"
                ' named "add", "remove", or "replace".'
            )
        return named[0], raw[named[0]]
    op = raw.get("op")
    if op is None:
        raise errors.bad_request(
            "Unable to find `op` in JSON Schema change. "
            f"It must be one of the following: {available}."
        )
    if op not in OPERATIONS:
        raise errors.bad_request(
            f"Invalid operation: `{op}`. It must be one of the following: {available}."
        )
    if "path" not in raw:
        raise errors.bad_request("Unable to find 'path' in JSON Schema change")
    return op, raw["path"]


def _decode(pointer: typing.Any) -> list[str]:
    pointer = str(pointer)
    problem = None
    if not pointer.startswith("/"):
        problem = 'does not start with "/".'
    elif re.search(r"/\s*?/", pointer[1:]):
        problem = 'contains adjacent "/".'
    elif len(pointer) > 1 and pointer.endswith("/"):
        problem = 'end with "/".'
    elif pointer[1:].strip() == "/":
        problem = "does not contains valid token."
    elif re.search("~[^01]", pointer) or pointer.endswith("~"):
        problem = 'contains "~" not part of a recognized escape sequence.'
    if problem:
        raise errors.bad_request(f"Pointer `{pointer}` {problem}")
    return [
        part.replace("~1", "/").replace("~0", "~").strip()
        for part in pointer.lstrip("/").split("/")
    ]


def _check(change: Change) -> None:
    root = change.root
    if root in rules.READ_ONLY:
        raise errors.read_only(root)
    if root in rules.RESERVED or root.startswith(rules.RESERVED_NAMESPACE):
        raise errors.reserved(root)
    if change.op == "remove":
        return
    partial = None
    if len(change.path) == 1:
        partial = {root: change.value}
    elif schemas.PUBLISHED["image"]["properties"].get(root, {}).get("type") == "array":
        partial = {root: [change.value]}
    if partial is not None:
        schemas.check("image", partial)
