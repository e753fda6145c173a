"""revert (3.40): put a volume's bytes back to its latest snapshot's.

The volume goes ``reverting`` and the snapshot ``restoring``, each with a
compare-and-swap, in one transaction; the volume's manager copies the
snapshot's file back and swaps both to ``available`` (snapshot_tasks).
"""

from __future__ import annotations

from starlette.responses import Response

from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.block_storage import errors, models
from pocketstack.block_storage import microversions as mv
from pocketstack.block_storage.handlers import (
    authorize,
    caller,
    require_version,
    runtime,
)
from pocketstack.block_storage.objects import snapshot as snapshots
from pocketstack.block_storage.objects import volume as volumes
from pocketstack.block_storage.schemas import volume_action as schemas
from pocketstack.transitions import TransitionRefused


def revert(req: ApiRequest) -> Response:
    # Below its microversion Cinder answers as if the action were not there.
    require_version(req, mv.VOLUME_REVERT)
    with runtime(req).database.transaction() as session:
        volume = volumes.find(session, req.params["volume_id"], caller(req))
        snapshot_id = req.validated(schemas.REVERT)["revert"].get("snapshot_id")
        latest = _latest(session, volume, snapshot_id)
        authorize(req, "volume:revert_to_snapshot", volume.project_id)
        _start(session, volume.id, latest.id)
        backend = runtime(req).backends.for_host(volume.host)
        if backend is None:
            raise errors.invalid_volume(f"Volume {volume.id} is not on any backend.")
    runtime(req).bus.cast(
        backend.bus_target, "revert_to_snapshot", volume_id=volume.id, snapshot_id=latest.id
    )
    return responses.no_content(202)


def _latest(session, volume: models.Volume, snapshot_id: str | None) -> models.Snapshot:
    """The snapshot named, if it is the volume's latest and of its size."""
    latest = snapshots.latest_of(session, volume.id)
    if latest is None:
        raise errors.bad_request(f"Volume {volume.id} doesn't have any snapshots.")
    if snapshot_id != latest.id:
        raise errors.bad_request(
            f"Specified snapshot {snapshot_id} is None or not the latest one of volume {volume.id}."
        )
    if volume.size != latest.volume_size:
        raise errors.bad_request(
            f"Can't revert volume {volume.id} to its latest snapshot {snapshot_id}. "
            "The volume size must be equal to the snapshot size."
        )
    return latest


def _start(session, volume_id: str, snapshot_id: str) -> None:
    """Both swaps, or Cinder's 409 naming the one whose status is wrong."""
    cannot = f"Can't revert volume {volume_id} to its latest snapshot {snapshot_id}."
    swaps = (
        ("volume", volumes.VOLUME, "revert", volume_id),
        ("snapshot", snapshots.SNAPSHOT, "restore", snapshot_id),
    )
    for kind, machine, action, resource_id in swaps:
        try:
            machine.apply(session, action, resource_id)
        except TransitionRefused:
            raise errors.conflict(
                f"Invalid {kind}: {cannot} {kind.capitalize()}'s status must be 'available'."
            ) from None
