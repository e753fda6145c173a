"""Per-project image limits from Keystone's unified limits.

Glance with ``use_keystone_limits`` asks Keystone (through oslo.limit) for a
project's limit of each resource, falling back to the registered default;
pocketstack does the same through the identity API as the glance service user.
A resource Keystone does not register falls back to the ``[image]`` setting
of the same name (-1, unlimited, by default), so a cloud without any limits
registered behaves as Glance without them.
"""

from __future__ import annotations

import typing

from pocketstack.config import ImageSettings
from pocketstack.service_client import ServiceClients

SERVICE_USER = "glance"


class UnifiedLimits:
    def __init__(self, clients: ServiceClients, settings: ImageSettings) -> None:
        self.clients = clients
        self.settings = settings

    def limit(self, project_id: str, resource: str) -> int:
        identity = self.clients.connection(SERVICE_USER).identity
        service_id = self._service_id(identity)
        if service_id is not None:
            for limit in identity.limits(
                project_id=project_id, service_id=service_id, resource_name=resource
            ):
                return int(limit.resource_limit)
            for registered in identity.registered_limits(
                service_id=service_id, resource_name=resource
            ):
                return int(registered.default_limit)
        return int(getattr(self.settings, resource))

    @staticmethod
    def _service_id(identity: typing.Any) -> str | None:
        for service in identity.services(type="image"):
            return service.id
        return None
