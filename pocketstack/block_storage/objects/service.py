"""The block-storage services this process runs, as os-services lists them,
and what each cinder-volume backend reports to the scheduler.

One cinder-scheduler and one cinder-backup on the configured host, and one
cinder-volume per backend (``host@backend``), all in the backends' zone.
They live in this process, so they are up while it answers; an operator may
disable one (a row in ``service_status``), and the scheduler then leaves a
disabled backend out, as Cinder's does.
"""

from __future__ import annotations

import dataclasses
import typing

import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack import timeutils
from pocketstack.block_storage import errors, models
from pocketstack.block_storage.backends import Backend, Backends

ServiceStatus = models.ServiceStatus
SCHEDULER = "cinder-scheduler"
VOLUME = "cinder-volume"
BACKUP = "cinder-backup"
DRIVER_VERSION = "1.0.0"
VENDOR = "pocketstack"
# The file driver serves each volume's bytes from a file on this host.
STORAGE_PROTOCOL = "file"


@dataclasses.dataclass(frozen=True)
class Service:
    binary: str
    host: str
    zone: str
    disabled: bool = False
    disabled_reason: str | None = None


def all_services(session: orm.Session, backends: Backends, host: str) -> list[Service]:
    """Every service, with the enable/disable state an operator set."""
    zone = sorted(backends.zones)[0]
    found = [Service(SCHEDULER, host, zone)]
    found += [Service(VOLUME, b.service_host, b.availability_zone) for b in backends.all]
    found.append(Service(BACKUP, host, zone))
    states = {(row.host, row.binary): row for row in session.scalars(sa.select(ServiceStatus))}
    return [_with_state(service, states.get((service.host, service.binary))) for service in found]


def _with_state(service: Service, row: ServiceStatus | None) -> Service:
    if row is None:
        return service
    return dataclasses.replace(service, disabled=row.disabled, disabled_reason=row.disabled_reason)


def find(session: orm.Session, backends: Backends, host: str, where: str, binary: str) -> Service:
    """The service ``binary`` on host ``where``, or Cinder's 404."""
    for service in all_services(session, backends, host):
        if service.host == where and service.binary == binary:
            return service
    raise errors.not_found(f"Service {binary} could not be found on host {where}.")


def set_disabled(
    session: orm.Session, service: Service, disabled: bool, reason: str | None = None
) -> None:
    row = session.get(ServiceStatus, (service.host, service.binary))
    if row is None:
        row = ServiceStatus(host=service.host, binary=service.binary)
        session.add(row)
    row.disabled = disabled
    row.disabled_reason = reason if disabled else None
    row.updated_at = timeutils.utcnow()
    session.flush()


def disabled_backends(session: orm.Session) -> set[str]:
    """The service hosts (host@backend) of disabled cinder-volume services."""
    select = sa.select(ServiceStatus.host).where(
        ServiceStatus.binary == VOLUME, ServiceStatus.disabled.is_(True)
    )
    return set(session.scalars(select))


def pool_capabilities(
    backend: Backend, allocated_gib: int, volume_count: int
) -> dict[str, typing.Any]:
    """What the backend reports for its one pool (get_pools detail)."""
    return {
        "pool_name": backend.name,
        "volume_backend_name": backend.name,
        "vendor_name": VENDOR,
        "driver_version": DRIVER_VERSION,
        "storage_protocol": STORAGE_PROTOCOL,
        "total_capacity_gb": backend.capacity_gib,
        "free_capacity_gb": backend.capacity_gib - allocated_gib,
        "allocated_capacity_gb": allocated_gib,
        "provisioned_capacity_gb": allocated_gib,
        "total_volumes": volume_count,
        "reserved_percentage": 0,
        "max_over_subscription_ratio": "1.0",
        "thin_provisioning_support": True,
        "thick_provisioning_support": False,
        "multiattach": True,
        "QoS_support": False,
        "backend_state": "up",
        "location_info": f"{backend.driver_name}:{backend.service_host}",
        "timestamp": timeutils.iso_micro(timeutils.utcnow()),
    }


def backend_capabilities(backend: Backend) -> dict[str, typing.Any]:
    """What ``/v3/capabilities/{host}`` shows of a backend."""
    return {
        "namespace": f"OS::Storage::Capabilities::{backend.service_host}",
        "vendor_name": VENDOR,
        "volume_backend_name": backend.name,
        "pool_name": None,
        "driver_version": DRIVER_VERSION,
        "storage_protocol": STORAGE_PROTOCOL,
        "display_name": None,
        "description": None,
        "visibility": None,
        "replication_targets": [],
        "properties": {
            "thin_provisioning": {
                "title": "Thin Provisioning",
                "description": "Sets thin provisioning.",
                "type": "boolean",
            },
        },
    }
