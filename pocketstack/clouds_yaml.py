"""The clouds.yaml ``pocketstack up`` writes, so clients need nothing else.

Four clouds under two sets of names: ``pocketstack*`` for people, and the
``devstack*`` names openstacksdk's functional suite looks for.
"""

from __future__ import annotations

import os
import typing
from pathlib import Path

import yaml

# (suffix, user, project or None for system scope)
CLOUDS = (
    ("", "demo", "demo"),
    ("-alt", "alt_demo", "alt_demo"),
    ("-admin", "admin", "admin"),
    ("-system-admin", "admin", None),
)


def render(
    identity_url: str,
    passwords: dict[str, str],
    region: str,
    functional: dict[str, str] | None = None,
    service_flags: typing.Mapping[str, bool] | None = None,
) -> dict[str, typing.Any]:
    """``service_flags`` are openstacksdk's ``has_<service>`` settings, for
    service names the SDK does not find in the catalog by itself."""
    clouds = {}
    for prefix in ("pocketstack", "devstack"):
        for suffix, user, project in CLOUDS:
            auth: dict[str, str] = {
                "auth_url": identity_url,
                "username": user,
                "password": passwords[user],
                "user_domain_id": "default",
            }
            cloud: dict[str, typing.Any] = {
                "auth": auth,
                "region_name": region,
                "identity_api_version": "3",
                "interface": "public",
                **(service_flags or {}),
            }
            if project is None:
                cloud["auth"]["system_scope"] = "all"
            else:
                auth["project_name"] = project
                auth["project_domain_id"] = "default"
            clouds[prefix + suffix] = cloud
    document: dict[str, typing.Any] = {"clouds": clouds}
    if functional:
        document["functional"] = functional
    return document


def write(path: Path, document: dict[str, typing.Any]) -> None:
    """Write owner-readable only: the file holds passwords."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        yaml.safe_dump(document, f, sort_keys=False)
    os.replace(temporary, path)
