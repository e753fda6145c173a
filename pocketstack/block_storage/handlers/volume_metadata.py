"""/v3/volumes/{id}/metadata: a volume's own key/value metadata."""

from pocketstack.block_storage import errors, models
from pocketstack.block_storage.handlers.metadata import MetadataApi
from pocketstack.block_storage.objects import volume as volumes

VOLUME_METADATA = MetadataApi(
    id_param="volume_id",
    find=volumes.find,
    owner=models.VolumeMetadata.volume_id,
    show_rule="volume:get_volume_metadata",
    update_rule="volume:update_volume_metadata",
    delete_rule="volume:delete_volume_metadata",
    missing=lambda volume_id, key: errors.not_found(
        f"Volume {volume_id} has no metadata with key {key}."
    ),
)
