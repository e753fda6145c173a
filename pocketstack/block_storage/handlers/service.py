"""The service-info APIs: /v3/os-services (list, enable, disable),
/v3/os-availability-zone, /v3/scheduler-stats/get_pools and
/v3/capabilities/{host}."""

from __future__ import annotations

import typing

from sqlalchemy import orm
from starlette.responses import Response

from pocketstack import timeutils
from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.block_storage import errors
from pocketstack.block_storage import microversions as mv
from pocketstack.block_storage.backends import Backend
from pocketstack.block_storage.handlers import (
    at_least,
    authorize,
    bool_param,
    caller,
    isotime,
    runtime,
)
from pocketstack.block_storage.objects import service as services
from pocketstack.block_storage.objects import volume as volumes
from pocketstack.block_storage.objects import volume_type as volume_types
from pocketstack.block_storage.schemas import service as schemas


def _all(req: ApiRequest, session: orm.Session) -> list[services.Service]:
    return services.all_services(session, runtime(req).backends, runtime(req).settings.host)


def service_view(req: ApiRequest, service: services.Service) -> dict[str, typing.Any]:
    body: dict[str, typing.Any] = {
        "binary": service.binary,
        "host": service.host,
        "zone": service.zone,
        "status": "disabled" if service.disabled else "enabled",
        # The services run in this process: up while it answers.
        "state": "up",
        "updated_at": isotime(timeutils.utcnow()),
        "disabled_reason": service.disabled_reason,
    }
    if at_least(req, mv.BACKEND_STATE_REPORT) and service.binary == services.VOLUME:
        body["backend_state"] = "up"
    if at_least(req, mv.CLUSTER_SUPPORT):
        body["cluster"] = None
    if service.binary == services.VOLUME:
        body.update(replication_status="disabled", active_backend_id=None, frozen=False)
    return body


def list_services(req: ApiRequest) -> Response:
    authorize(req, "volume_extension:services:index")
    host, binary = req.query.get("host"), req.query.get("binary")
    with runtime(req).database.reader() as session:
        found = [
            service
            for service in _all(req, session)
            if (host is None or service.host == host)
            and (binary is None or service.binary == binary)
        ]
    return responses.json({"services": [service_view(req, service) for service in found]})


def update_service(req: ApiRequest) -> Response:
    """PUT /v3/os-services/{enable | disable | disable-log-reason}."""
    action = req.params["action"]
    if action not in ("enable", "disable", "disable-log-reason"):
        raise errors.not_found("The resource could not be found.")
    authorize(req, "volume_extension:services:update")
    reasoned = action == "disable-log-reason"
    body = req.validated(schemas.DISABLE_LOG_REASON if reasoned else schemas.ENABLE_AND_DISABLE)
    if not body.get("host"):
        raise errors.bad_request("Host field is missing.")
    binary_name, service_name = body.get("binary", ""), body.get("service", "")
    disabled = action != "enable"
    with runtime(req).database.transaction() as session:
        service = services.find(
            session,
            runtime(req).backends,
            runtime(req).settings.host,
            body["host"],
            binary_name or service_name,
        )
        services.set_disabled(session, service, disabled, body.get("disabled_reason"))
    answer = {
        "host": body["host"],
        "service": service_name,
        "binary": binary_name,
        "status": "disabled" if disabled else "enabled",
        "disabled": disabled,
    }
    if reasoned:
        answer["disabled_reason"] = body.get("disabled_reason")
    return responses.json(answer)


def list_availability_zones(req: ApiRequest) -> Response:
    """A zone is available while any cinder-volume service in it is enabled."""
    req.require_auth()
    with runtime(req).database.reader() as session:
        zones: dict[str, bool] = {}
        for service in _all(req, session):
            if service.binary == services.VOLUME:
                zones[service.zone] = zones.get(service.zone, False) or not service.disabled
    info = [{"zoneName": name, "zoneState": {"available": up}} for name, up in zones.items()]
    return responses.json({"availabilityZoneInfo": info})


def get_pools(req: ApiRequest) -> Response:
    authorize(req, "scheduler_extension:scheduler_stats:get_pools")
    detail = bool_param(req, "detail")
    with runtime(req).database.reader() as session:
        allocated = volumes.allocated_by_host(session)
        chosen = _pool_backends(req, session)
    pools = []
    for backend in chosen:
        pool: dict[str, typing.Any] = {"name": backend.pool}
        if detail:
            count, gib = allocated.get(backend.pool, (0, 0))
            pool["capabilities"] = services.pool_capabilities(backend, gib, count)
        pools.append(pool)
    return responses.json({"pools": pools})


def _pool_backends(req: ApiRequest, session: orm.Session) -> list[Backend]:
    """The pools the filters keep: ``name`` (3.28) and ``volume_type`` (3.35,
    the pools whose backend the type's volume_backend_name names)."""
    chosen = list(runtime(req).backends.all)
    if not at_least(req, mv.POOL_FILTER):
        return chosen
    name = req.query.get("name")
    if name is not None:
        chosen = [b for b in chosen if name in (b.pool, b.name)]
    type_ref = req.query.get("volume_type")
    if type_ref is not None and at_least(req, mv.POOL_TYPE_FILTER):
        volume_type = volume_types.resolve(session, type_ref, caller(req))
        wanted = volume_types.extra_specs(session, volume_type.id).get("volume_backend_name")
        chosen = [b for b in chosen if wanted is None or b.name == wanted]
    return chosen


def show_capabilities(req: ApiRequest) -> Response:
    authorize(req, "volume_extension:capabilities")
    host = req.params["host"]
    for backend in runtime(req).backends.all:
        if host in (backend.service_host, backend.pool):
            return responses.json(services.backend_capabilities(backend))
    raise errors.not_found(f"Can't find service: {host}")
