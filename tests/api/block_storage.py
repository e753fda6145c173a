"""Helpers the block-storage API tests share: paths, microversion headers,
and waiting for an asynchronous status to settle."""

from __future__ import annotations

import time
import typing

VOLUMES = "/volume/v3/volumes"


def mv(headers: dict[str, str], version: str) -> dict[str, str]:
    """``headers`` asking for block-storage microversion ``version``."""
    return {**headers, "OpenStack-API-Version": f"volume {version}"}


def wait_for(
    api,
    headers: dict[str, str],
    path: str,
    key: str,
    statuses: typing.Collection[str],
    timeout: float = 30.0,
) -> dict[str, typing.Any]:
    """Poll ``path`` until the ``key`` resource's status is one of ``statuses``."""
    deadline = time.monotonic() + timeout
    while True:
        body = api.get(path, headers=headers).json()[key]
        if body["status"] in statuses or time.monotonic() > deadline:
            return body
        time.sleep(0.02)


def wait_gone(api, headers: dict[str, str], path: str, timeout: float = 30.0) -> int:
    """Poll ``path`` until it answers 404; the last status code."""
    deadline = time.monotonic() + timeout
    while True:
        status = api.get(path, headers=headers).status_code
        if status == 404 or time.monotonic() > deadline:
            return status
        time.sleep(0.02)


def create_volume(api, headers: dict[str, str], **fields: typing.Any) -> dict[str, typing.Any]:
    """Create a volume and wait until it is available (or error)."""
    fields.setdefault("size", 1)
    response = api.post(VOLUMES, json={"volume": fields}, headers=headers)
    assert response.status_code == 202, response.text
    volume = response.json()["volume"]
    return wait_for(api, headers, f"{VOLUMES}/{volume['id']}", "volume", {"available", "error"})
