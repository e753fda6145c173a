"""Resource options: Keystone's ``options`` attribute of roles, projects and
domains, and the ``immutable`` option that freezes one of them.

An immutable resource can be neither deleted nor changed, except by an update
that does nothing but clear ``immutable`` (set it false or null).
"""

from __future__ import annotations

import typing

from pocketstack.api import errors as api_errors
from pocketstack.identity import errors


class HasOptions(typing.Protocol):
    id: str
    options: dict[str, typing.Any]


def merged(
    current: dict[str, typing.Any], given: dict[str, typing.Any] | None
) -> dict[str, typing.Any]:
    """Options after an update: a null value removes the option."""
    result = dict(current or {})
    for key, value in (given or {}).items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = value
    return result


def is_immutable(resource: HasOptions) -> bool:
    return bool((resource.options or {}).get("immutable"))


def prepare_update(resource: HasOptions, kind: str, fields: dict[str, typing.Any]) -> None:
    """Refuse an update an immutable resource does not allow (judged on the
    request as sent), then make ``fields``' options the merged result."""
    if is_immutable(resource):
        given = fields.get("options") or {}
        clearing = len(fields) == 1 and "immutable" in given and given["immutable"] in (False, None)
        if not clearing:
            raise _forbidden("update", kind, resource.id)
    if "options" in fields:
        fields["options"] = merged(resource.options, fields["options"])


def require_mutable_for_delete(resource: HasOptions, kind: str) -> None:
    if is_immutable(resource):
        raise _forbidden("delete", kind, resource.id)


def _forbidden(action: str, kind: str, resource_id: str) -> api_errors.Forbidden:
    return errors.forbidden(
        f"Unable to {action} immutable {kind} resource: `{resource_id}. "
        'Set resource option "immutable" to false first.'
    )
