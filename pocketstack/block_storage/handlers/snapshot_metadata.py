"""/v3/snapshots/{id}/metadata: a snapshot's own key/value metadata."""

from pocketstack.block_storage import errors, models
from pocketstack.block_storage.handlers.metadata import MetadataApi
from pocketstack.block_storage.objects import snapshot as snapshots

SNAPSHOT_METADATA = MetadataApi(
    id_param="snapshot_id",
    find=snapshots.find,
    owner=models.SnapshotMetadata.snapshot_id,
    show_rule="volume:get_snapshot_metadata",
    update_rule="volume:update_snapshot_metadata",
    delete_rule="volume:delete_snapshot_metadata",
    missing=lambda snapshot_id, key: errors.not_found(
        f"Snapshot {snapshot_id} has no metadata with key {key}."
    ),
)
