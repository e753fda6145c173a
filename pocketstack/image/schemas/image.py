"""What an image body may hold, by Glance's rules (api/v2/images.py)."""

# Attributes a create body may not name at all.
DISALLOWED = ("direct_url", "self", "file", "schema", "stores")
# Attributes the server sets; naming one at create or in a patch is a 403.
READ_ONLY = (
    "created_at",
    "updated_at",
    "status",
    "checksum",
    "size",
    "virtual_size",
    "direct_url",
    "self",
    "file",
    "schema",
    "id",
    "os_hash_algo",
    "os_hash_value",
)
CREATE_READ_ONLY = (
    "created_at",
    "updated_at",
    "status",
    "checksum",
    "os_hash_algo",
    "os_hash_value",
    "size",
    "virtual_size",
)
RESERVED = ("location", "deleted", "deleted_at")
RESERVED_NAMESPACE = "os_glance"
# Attributes with their own columns; everything else is a custom property.
BASE = (
    "container_format",
    "disk_format",
    "id",
    "min_disk",
    "min_ram",
    "name",
    "owner",
    "visibility",
    "protected",
    "os_hidden",
    "tags",
)
SORT_KEYS = (
    "name",
    "status",
    "container_format",
    "disk_format",
    "size",
    "id",
    "created_at",
    "updated_at",
)
VISIBILITIES = ("community", "public", "private", "shared")
MEMBER_STATUSES = ("pending", "accepted", "rejected", "all")
PATCH_MEDIA_TYPES = {
    "application/openstack-images-v2.0-json-patch": 4,
    "application/openstack-images-v2.1-json-patch": 10,
}
# A JSON pointer into locations may go one level deeper (/locations/0).
PATH_DEPTH = {"locations": {"add": 2, "remove": 2, "replace": 1}}
