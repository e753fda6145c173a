"""The bodies of every metadata API (volumes', snapshots')."""

from pocketstack.block_storage.schemas.types import METADATA, wrapped

METADATA_BODY = wrapped("metadata", METADATA)
META_ITEM = wrapped("meta", {**METADATA, "minProperties": 1, "maxProperties": 1})
