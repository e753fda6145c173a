"""How one service calls another: openstacksdk, as its own service user.

Services never import each other; compute reaches block storage, image,
network and placement through their public REST APIs exactly as a remote
client would (Nova's "use the SDK" spec), with endpoints from the catalog.
The SDK is imported on first use so a process that never calls out does not
pay for it.
"""

from __future__ import annotations

import threading
import typing

from pocketstack.config import Settings

if typing.TYPE_CHECKING:
    from openstack.connection import Connection


class ServiceClients:
    def __init__(self, settings: Settings, passwords: typing.Mapping[str, str]) -> None:
        self.settings = settings
        self.passwords = passwords
        self._connections: dict[str, Connection] = {}
        self._lock = threading.Lock()

    def connection(self, service_user: str) -> Connection:
        """A Connection authenticated as ``service_user`` in project service."""
        with self._lock:
            if service_user not in self._connections:
                self._connections[service_user] = self._connect(service_user)
            return self._connections[service_user]

    def _connect(self, service_user: str) -> Connection:
        import openstack.connection

        return openstack.connection.Connection(
            auth_url=f"{self.settings.public_url}/identity",
            username=service_user,
            password=self.passwords[service_user],
            project_name="service",
            user_domain_id="default",
            project_domain_id="default",
            region_name=self.settings.identity.region,
            interface="internal",
            identity_api_version="3",
        )
