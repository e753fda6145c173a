"""The configured backends: each a driver, a name and where it reports.

Cinder names a backend's volumes' host ``host@backend#pool``; with one pool
per backend the pool is the backend's name, as the LVM driver does.
``volume_backend_name`` (the extra spec a volume type picks a backend by)
is the backend's name.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from pocketstack.block_storage import drivers
from pocketstack.block_storage.drivers.file import FileDriver
from pocketstack.config import BlockStorageSettings


@dataclasses.dataclass(frozen=True)
class Backend:
    name: str
    host: str
    driver_name: str
    driver: FileDriver
    availability_zone: str
    capacity_gib: int

    @property
    def service_host(self) -> str:
        """The cinder-volume service's host, as os-services lists it."""
        return f"{self.host}@{self.name}"

    @property
    def pool(self) -> str:
        """The full name a volume on this backend carries in ``host``."""
        return f"{self.service_host}#{self.name}"

    @property
    def bus_target(self) -> str:
        return f"block_storage.volume.{self.name}"


class Backends:
    def __init__(self, backends: list[Backend]) -> None:
        self.all = backends
        self._by_name = {b.name: b for b in backends}

    @classmethod
    def configure(cls, settings: BlockStorageSettings, data_dir: Path) -> Backends:
        backends = []
        for entry in settings.enabled_backends.split(","):
            name, _, kind = entry.strip().partition(":")
            if not name:
                continue
            backends.append(
                Backend(
                    name=name,
                    host=settings.host,
                    driver_name=kind or "file",
                    driver=drivers.make(kind or "file", data_dir / "volumes" / name),
                    availability_zone=settings.storage_availability_zone,
                    capacity_gib=settings.backend_capacity_gib,
                )
            )
        if not backends:
            raise ValueError("block_storage.enabled_backends names no backend")
        return cls(backends)

    def get(self, name: str) -> Backend:
        return self._by_name[name]

    def for_host(self, host: str | None) -> Backend | None:
        """The backend a volume's ``host`` (host@backend#pool) is on."""
        if not host or "@" not in host:
            return None
        return self._by_name.get(host.split("@", 1)[1].split("#", 1)[0])

    @property
    def zones(self) -> set[str]:
        return {b.availability_zone for b in self.all}
