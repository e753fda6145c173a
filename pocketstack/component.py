"""What each service package hands the application when it is built."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from pocketstack.api.service import ServiceApi
from pocketstack.bus import TaskBus
from pocketstack.config import Settings
from pocketstack.service_client import ServiceClients


@dataclasses.dataclass(frozen=True)
class CatalogEntry:
    """A service as the catalog names it; ``path`` follows the public URL."""

    type: str
    name: str
    path: str


@dataclasses.dataclass
class Component:
    """A built service: its API mounted at ``prefix``, the user it calls other
    services as, its catalog entries (DevStack lists block storage twice, as
    block-storage and volumev3), and what to run when the process starts and
    stops (managers, periodic tasks)."""

    prefix: str
    api: ServiceApi
    service_user: str
    catalog: tuple[CatalogEntry, ...]
    start: Callable[[], None] = lambda: None
    stop: Callable[[], None] = lambda: None


@dataclasses.dataclass(frozen=True)
class Plumbing:
    """What every service is built from: settings, the task bus, and clients
    for calling the other services' APIs."""

    settings: Settings
    bus: TaskBus
    clients: ServiceClients
