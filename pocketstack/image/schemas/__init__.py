"""Glance's published JSON Schemas (``/v2/schemas/*``) and request envelopes.

``published.json`` holds the documents served at /v2/schemas/...: Glance 33's
structure (properties, types, enums, patterns, links), with DevStack's
schema-image.json custom properties, that glanceclient and the openstack CLI
read. Glance's human descriptions are left out: they are its prose, not its
API, and clients do not need them.
"""

from __future__ import annotations

import json
import typing
from pathlib import Path

import jsonschema

from pocketstack.image import errors

PUBLISHED: dict[str, dict[str, typing.Any]] = json.loads(
    (Path(__file__).parent / "published.json").read_text()
)

# The envelope every JSON body is first checked against; the documents'
# own rules come after, worded as Glance words them (check below).
OBJECT = {"type": "object"}
# Any JSON: for bodies whose wrong shape Glance refuses in its own words.
ANY: dict[str, typing.Any] = {}


def check(name: str, document: typing.Any) -> None:
    """Glance's schema check: 400 with jsonschema's own full explanation."""
    try:
        jsonschema.validate(document, PUBLISHED[name])
    except jsonschema.ValidationError as error:
        raise errors.bad_request(
            f"Provided object does not match schema '{name}': {error}"
        ) from None


def check_named(name: str, schema: typing.Mapping[str, typing.Any], document: typing.Any) -> None:
    """``check`` against a schema not among the published documents."""
    try:
        jsonschema.validate(document, schema)
    except jsonschema.ValidationError as error:
        raise errors.bad_request(
            f"Provided object does not match schema '{name}': {error}"
        ) from None
