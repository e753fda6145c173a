"""The image service as block storage uses it: through its public API.

Calls that act for a user carry that user's token (as Cinder's glance
client carries the request context), so a volume can only be made from an
image its owner may see; the endpoint comes from the service user's catalog.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator

from pocketstack.service_client import ServiceClients

SERVICE_USER = "cinder"
BLOCK = 1 << 20


class ImageNotFound(LookupError):
    pass


class ImageClient:
    def __init__(self, clients: ServiceClients) -> None:
        self.clients = clients

    def _call(self, method: str, path: str, token: str, **kwargs: typing.Any):
        image = self.clients.connection(SERVICE_USER).image
        headers = {"X-Auth-Token": token, **kwargs.pop("headers", {})}
        return image.request(
            path, method, headers=headers, authenticated=False, raise_exc=False, **kwargs
        )

    def show(self, token: str, image_id: str) -> dict[str, typing.Any]:
        response = self._call("GET", f"/images/{image_id}", token)
        if response.status_code == 404:
            raise ImageNotFound(image_id)
        response.raise_for_status()
        return response.json()

    def find_by_name(self, token: str, name: str) -> list[dict[str, typing.Any]]:
        response = self._call("GET", "/images", token, params={"name": name})
        response.raise_for_status()
        return response.json()["images"]

    def download(self, token: str, image_id: str) -> Iterator[bytes]:
        response = self._call("GET", f"/images/{image_id}/file", token, stream=True)
        response.raise_for_status()
        try:
            yield from response.iter_content(BLOCK)
        finally:
            response.close()

    def create(self, token: str, fields: dict[str, typing.Any]) -> dict[str, typing.Any]:
        response = self._call("POST", "/images", token, json=fields)
        response.raise_for_status()
        return response.json()

    def upload(self, token: str, image_id: str, blocks: Iterator[bytes]) -> None:
        response = self._call(
            "PUT",
            f"/images/{image_id}/file",
            token,
            data=blocks,
            headers={"Content-Type": "application/octet-stream"},
        )
        response.raise_for_status()
