"""The image service assembled: database, stores, policy, API and manager."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from pocketstack.api.policy import Policy
from pocketstack.api.service import BodyErrors, ServiceApi
from pocketstack.bus import TaskBus
from pocketstack.component import CatalogEntry, Component, Plumbing
from pocketstack.config import Settings
from pocketstack.db import Database, migrate
from pocketstack.image import bootstrap, errors, policies, version_negotiation
from pocketstack.image.handlers.image_import import uri_allowed
from pocketstack.image.limits import UnifiedLimits
from pocketstack.image.manager import ImageManager
from pocketstack.image.routes import ROUTES
from pocketstack.image.stores import Stores

PREFIX = "/image"
CATALOG = CatalogEntry(type="image", name="glance", path=PREFIX)
BOOTSTRAP_IMAGE = bootstrap.NAME


@dataclasses.dataclass
class ImageRuntime:
    settings: Settings
    database: Database
    stores: Stores
    bus: TaskBus
    limits: UnifiedLimits

    @property
    def import_methods(self) -> list[str]:
        return [
            m.strip() for m in self.settings.image.enabled_import_methods.split(",") if m.strip()
        ]

    def web_download_allowed(self, uri: object) -> bool:
        config = self.settings.image

        def words(text: str) -> set[str]:
            return {w.strip() for w in text.split(",") if w.strip()}

        ports = {int(p) for p in words(config.web_download_allowed_ports)}
        return uri_allowed(
            uri,
            words(config.web_download_allowed_hosts),
            words(config.web_download_allowed_schemes),
            ports,
        )


def build(plumbing: Plumbing) -> Component:
    settings = plumbing.settings
    database = Database(settings.database_url("image"))
    migrate.upgrade(database, Path(__file__).parent / "migrations")
    stores = Stores.configure(settings.image, settings.data_dir)
    limits = UnifiedLimits(plumbing.clients, settings.image)
    runtime = ImageRuntime(settings, database, stores, plumbing.bus, limits)
    manager = ImageManager(
        database, stores, settings.image.image_size_cap, runtime.web_download_allowed
    )
    plumbing.bus.serve("image", manager)
    api = ServiceApi(
        name="image",
        routes=ROUTES,
        formatter=errors.glance_format,
        negotiate_formatter=errors.formatter_for,
        policy=Policy(policies.rules(), settings.data_dir / settings.policy.file),
        body_errors=BodyErrors(
            missing=errors.missing_body,
            malformed=errors.malformed_body,
            invalid=lambda e: errors.bad_request(e.message),
        ),
        max_body_size=settings.api.max_request_body_size,
        enforce_policy_checks=settings.api.enforce_policy_checks,
        runtime=runtime,
        rewrite_path=version_negotiation.routed_path,
    )

    def start() -> None:
        manager.reconcile()
        if settings.image.bootstrap_image:
            bootstrap.register(database, stores)

    return Component(
        prefix=PREFIX,
        api=api,
        service_user="glance",
        catalog=(CATALOG,),
        start=start,
        stop=database.dispose,
    )
