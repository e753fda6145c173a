"""Helpers the block-storage group and transfer tests share: microversion
headers, volumes made and waited for, and polling until a status settles
or a resource is gone."""

from __future__ import annotations

import time

V3 = "/volume/v3"


def mv(version: str) -> dict[str, str]:
    return {"OpenStack-API-Version": f"volume {version}"}


def wait_status(api, headers, path: str, key: str, wanted: str, deadline: float = 20.0) -> dict:
    """Poll until the resource reaches ``wanted`` (or fail, showing where it is)."""
    end = time.monotonic() + deadline
    while True:
        body = api.get(path, headers=headers).json()[key]
        if body["status"] == wanted or time.monotonic() > end:
            assert body["status"] == wanted, body
            return body
        time.sleep(0.05)


def wait_gone(api, headers, path: str, deadline: float = 20.0) -> None:
    end = time.monotonic() + deadline
    while api.get(path, headers=headers).status_code != 404:
        assert time.monotonic() < end, f"{path} is still there"
        time.sleep(0.05)


def default_type_id(api, headers) -> str:
    volume = create_volume(api, headers)
    api.delete(f"{V3}/volumes/{volume['id']}", headers=headers)
    return volume["volume_type_id"]


def create_volume(api, headers, **fields) -> dict:
    response = api.post(f"{V3}/volumes", json={"volume": {"size": 1, **fields}}, headers=headers)
    assert response.status_code == 202, response.text
    return wait_status(
        api, headers, f"{V3}/volumes/{response.json()['volume']['id']}", "volume", "available"
    )
