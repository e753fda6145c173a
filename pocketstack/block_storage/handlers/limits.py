"""/v3/limits: the project's absolute limits and (used_limits) its usage,
as ``cinder absolute-limits`` and ``openstack limits show --absolute`` print
them. Cinder has no rate limits any more: ``rate`` is always empty."""

from __future__ import annotations

from starlette.responses import Response

from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.block_storage import microversions as mv
from pocketstack.block_storage.handlers import at_least, caller, runtime
from pocketstack.block_storage.objects import quota

# Quota resource → the absolute limit that shows it.
MAXIMUMS = {
    "gigabytes": "maxTotalVolumeGigabytes",
    "backup_gigabytes": "maxTotalBackupGigabytes",
    "volumes": "maxTotalVolumes",
    "snapshots": "maxTotalSnapshots",
    "backups": "maxTotalBackups",
}
# Quota resource → the usage figure that shows it.
USED = {
    "volumes": "totalVolumesUsed",
    "gigabytes": "totalGigabytesUsed",
    "snapshots": "totalSnapshotsUsed",
    "backups": "totalBackupsUsed",
    "backup_gigabytes": "totalBackupGigabytesUsed",
}


def show_limits(req: ApiRequest) -> Response:
    """Anyone with a project token may read its own limits (Cinder runs no
    rule for the limits themselves, only for the usage it adds)."""
    req.require_auth()
    project_id = _project(req)
    settings = runtime(req).settings
    with runtime(req).database.reader() as session:
        figures = quota.with_usage(session, settings, project_id)
    absolute = {MAXIMUMS[key]: figures[key]["limit"] for key in MAXIMUMS}
    if req.allowed("limits_extension:used_limits", {"project_id": req.context.project_id}):
        absolute.update({USED[key]: figures[key]["in_use"] for key in USED})
    return responses.json({"limits": {"rate": [], "absolute": absolute}})


def _project(req: ApiRequest) -> str:
    """The caller's project, or (3.39, admins) the one asked for."""
    asked = req.query.get("project_id", req.query.get("tenant_id"))
    if asked and caller(req).is_admin and at_least(req, mv.LIMITS_ADMIN_FILTER):
        return asked
    return req.context.project_id
