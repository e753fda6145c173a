"""Application credential access rules, enforced as keystonemiddleware does.

A token made from a credential that carries access rules may only make the
requests they name: the service's type, the method, and a path pattern where
``*`` (or a ``{name}``) stands for one path segment and ``**`` for any
number. Validating a token at identity is always allowed. Paths are matched
as the request arrived (``/compute/v2.1/servers``) and as the service sees
them, below its mount point (``/v2.1/servers``, the form Keystone's own
documentation writes): both name the same endpoint.
"""

from __future__ import annotations

import functools
import re
import typing
from collections.abc import Mapping, Sequence

_TOKEN = re.compile(r"(?P<tag>\{[^}]*\})|(?P<wild>\*(?=$|[^*]))|(?P<any>\*\*)|(?P<literal>[^{}*])")


@functools.lru_cache(maxsize=256)
def _pattern(path: str) -> re.Pattern[str]:
    parts = []
    for match in _TOKEN.finditer(path):
        if match["tag"] or match["wild"]:
            parts.append(r"[^/]+")
        elif match["any"]:
            parts.append(".*")
        else:
            parts.append(re.escape(match["literal"]))
    return re.compile("^" + "".join(parts) + "$")


def permits(
    rules: Sequence[Mapping[str, typing.Any]],
    service_type: str,
    method: str,
    paths: Sequence[str],
) -> bool:
    """Whether any rule allows ``method`` on any of ``paths`` of the service."""
    validating = service_type == "identity" and method == "GET"
    if validating and paths[0].endswith("/v3/auth/tokens"):
        return True
    return any(
        rule.get("service") == service_type
        and rule.get("method") == method
        and any(_pattern(rule.get("path") or "").match(path) for path in paths)
        for rule in rules
    )


def rules_of(token_body: Mapping[str, typing.Any]) -> list[dict[str, typing.Any]] | None:
    """The token's access rules, or None if it is not bound by any."""
    credential = token_body.get("application_credential") or {}
    return credential.get("access_rules")
