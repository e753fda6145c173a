"""Request bodies of os-quota-sets and os-quota-class-sets. Which keys are
quotas depends on the volume types that exist, so objects.quota checks the
keys and values (with Cinder's messages); the schema checks the envelope."""

from pocketstack.block_storage.schemas.types import wrapped

UPDATE = wrapped("quota_set", {"type": "object", "minProperties": 1})
UPDATE_CLASS = wrapped("quota_class_set", {"type": "object"})
