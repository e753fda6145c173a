"""The whole cloud as one ASGI application.

Each service is mounted at its DevStack-style prefix; the middleware stack is
built in one place, outermost first: request id (every response carries one),
then authentication (the request context every service reads).
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib
import logging
from collections.abc import AsyncIterator, Callable

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.types import ASGIApp

from pocketstack.api.auth import AuthMiddleware
from pocketstack.api.middleware import RequestIdMiddleware, ServiceRootMiddleware
from pocketstack.bus.inprocess import InProcessBus
from pocketstack.component import Component, Plumbing
from pocketstack.config import Settings
from pocketstack.identity import service as identity_service
from pocketstack.identity.handlers import discovery
from pocketstack.service_client import ServiceClients

LOG = logging.getLogger(__name__)

# Every service besides identity, by name, in the order they start. Each
# builds its component from the shared plumbing; none imports another.
SERVICES = ("image", "block_storage", "object_store")


def builder(name: str) -> Callable[[Plumbing], Component]:
    """A service's ``build``, its package imported only when it is served,
    so a process serving identity alone does not pay for the rest."""
    return importlib.import_module(f"pocketstack.{name}.service").build


@dataclasses.dataclass
class Cloud:
    settings: Settings
    components: list[Component]
    identity: identity_service.Identity
    plumbing: Plumbing
    passwords: dict[str, str]
    asgi: ASGIApp

    def start(self) -> None:
        for component in self.components:
            component.start()
        self.plumbing.bus.start()

    def stop(self) -> None:
        self.plumbing.bus.stop()
        for component in reversed(self.components):
            component.stop()


def build(settings: Settings, admin_password: str | None = None) -> Cloud:
    passwords: dict[str, str] = {}
    plumbing = Plumbing(settings, InProcessBus(), ServiceClients(settings, passwords))
    identity_component, identity = identity_service.build(settings)
    components = [
        identity_component,
        *(builder(name)(plumbing) for name in SERVICES if settings.services.serves(name)),
    ]
    passwords.update(identity_service.bootstrap_cloud(identity, components, admin_password))

    async def root_versions(request: Request) -> Response:
        # "/" answers as Keystone's root does, pointing at /identity.
        root_url = f"{request.url.scheme}://{request.url.netloc}"
        return discovery.versions_response(root_url + identity_service.PREFIX)

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        cloud.start()
        try:
            yield
        finally:
            cloud.stop()

    root = Starlette(
        routes=[
            Route("/", root_versions),
            *(Mount(c.prefix, app=c.api.asgi_app()) for c in components),
        ],
        lifespan=lifespan,
    )
    asgi = RequestIdMiddleware(
        ServiceRootMiddleware(
            AuthMiddleware(
                root,
                identity_service.LocalTokenValidator(identity.tokens),
                {c.prefix: c.catalog[0].type for c in components},
            ),
            [c.prefix for c in components],
        )
    )
    cloud = Cloud(settings, components, identity, plumbing, passwords, asgi)
    return cloud
