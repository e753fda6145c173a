"""The block-storage API's handlers, one module per entity, named as in the
route table.

Every handler reads: path item → policy check (Cinder's rule, with the
resource's project as the target; another project's resource is a 404
before any rule is asked) → body → object call → serialise.
"""

from __future__ import annotations

import datetime
import typing

from pocketstack import timeutils
from pocketstack.api import errors as api_errors
from pocketstack.api.microversion import Version
from pocketstack.api.request import ApiRequest
from pocketstack.block_storage import errors
from pocketstack.block_storage.objects import Caller

if typing.TYPE_CHECKING:
    from pocketstack.block_storage.service import BlockStorageRuntime


def runtime(req: ApiRequest) -> BlockStorageRuntime:
    return req.service.runtime


def caller(req: ApiRequest) -> Caller:
    return Caller(req.context.project_id, req.context.user_id, req.allowed("context_is_admin"))


def authorize(req: ApiRequest, rule: str, project_id: str | None = None) -> None:
    """Cinder's check: the rule, with the resource's (or the caller's)
    project as the target; a refusal in Cinder's words."""
    target = {"project_id": project_id or req.context.project_id}
    try:
        req.authorize(rule, target)
    except api_errors.Forbidden:
        raise errors.policy_denied(rule) from None


def at_least(req: ApiRequest, version: str) -> bool:
    """Whether the request's microversion is ``version`` or newer."""
    assert req.microversion is not None
    return req.microversion >= Version.parse(version)


def all_projects(req: ApiRequest) -> bool:
    """``all_tenants`` (or ``all_projects``) asked for by a caller allowed it."""
    wanted = req.query.get("all_tenants", req.query.get("all_projects"))
    return wanted is not None and _truthy(wanted) and caller(req).is_admin


def _truthy(text: str) -> bool:
    return text.strip().lower() in ("1", "true", "yes", "y", "on", "")


def isotime(moment: datetime.datetime | None) -> str | None:
    """Cinder's timestamps: microseconds, no zone."""
    return timeutils.iso_micro(moment)


def body_of(req: ApiRequest, schema: typing.Mapping[str, typing.Any], key: str) -> dict:
    """The request's ``{key: {...}}`` body, validated against ``schema``."""
    return req.validated(schema)[key]


def action_named(req: ApiRequest, actions: typing.Mapping[str, typing.Any]) -> typing.Any:
    """The entry of ``actions`` a ``POST …/action`` body names (its one
    key); Cinder's 400 for a body of more or fewer keys, or an action it
    does not know."""
    document = req.json
    if not isinstance(document, dict) or len(document) != 1:
        raise errors.malformed_body()
    (name,) = document
    if name not in actions:
        raise errors.no_such_action(name)
    return actions[name]


# Cinder still takes the v1 names; the newer one wins when both are given.
NAME_FIELDS = (
    ("display_name", "name"),
    ("name", "name"),
    ("display_description", "description"),
    ("description", "description"),
)


NAME_MAX_LENGTH = 255


def clean_names(fields: dict[str, typing.Any], *, measure: bool = False) -> None:
    """Strip the whitespace around names and descriptions, as Cinder's
    controllers do before using them. ``measure``: check their length once
    stripped, in the words of Cinder's volume format checker (snapshot
    schemas measure them as sent)."""
    for source, column in NAME_FIELDS:
        value = fields.get(source)
        if not isinstance(value, str):
            continue
        fields[source] = value.strip()
        if measure and len(fields[source]) > NAME_MAX_LENGTH:
            raise errors.invalid_input(
                f"{column} has {len(fields[source])} characters, more than {NAME_MAX_LENGTH}."
            )


def set_names(resource: typing.Any, fields: typing.Mapping[str, typing.Any]) -> None:
    """Apply an update's name and description to a volume or snapshot."""
    for source, column in NAME_FIELDS:
        if source in fields:
            setattr(resource, column, fields[source])


def require_version(req: ApiRequest, version: str) -> None:
    """Cinder's 404 for a method asked for below the microversion it came in."""
    if not at_least(req, version):
        raise errors.not_in_version()


def bool_param(req: ApiRequest, name: str) -> bool:
    """A boolean query parameter (absent is False), or Cinder's 400."""
    text = req.query.get(name)
    if text is None:
        return False
    if text.strip().lower() not in BOOL_WORDS:
        raise errors.bad_request(f"Value '{text}' for '{name}' is not a boolean.")
    return _truthy(text)


# oslo's is_valid_boolstr words.
BOOL_WORDS = frozenset({"1", "0", "true", "false", "yes", "no", "y", "n", "on", "off", "t", "f"})
