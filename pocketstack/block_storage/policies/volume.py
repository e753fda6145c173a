from pocketstack.block_storage.policies.base import (
    ADMIN_API,
    ADMIN_OR_PROJECT_MEMBER,
    ADMIN_OR_PROJECT_READER,
    rule,
)

rules = [
    rule("volume:create", ADMIN_OR_PROJECT_MEMBER, "Create a volume."),
    rule("volume:create_from_image", ADMIN_OR_PROJECT_MEMBER, "Create a volume from an image."),
    rule("volume:get", ADMIN_OR_PROJECT_READER, "Show a volume."),
    rule("volume:get_all", ADMIN_OR_PROJECT_READER, "List volumes, or their summary."),
    rule("volume:update", ADMIN_OR_PROJECT_MEMBER, "Update a volume."),
    rule("volume:delete", ADMIN_OR_PROJECT_MEMBER, "Delete a volume."),
    rule("volume:force_delete", ADMIN_API, "Delete a volume whatever its status."),
    rule("volume:multiattach", ADMIN_OR_PROJECT_MEMBER, "Create a multiattach volume."),
    rule(
        "volume_extension:volume_host_attribute",
        ADMIN_API,
        "See a volume's host (os-vol-host-attr:host).",
    ),
    rule(
        "volume_extension:volume_tenant_attribute",
        ADMIN_OR_PROJECT_READER,
        "See a volume's project (os-vol-tenant-attr:tenant_id).",
    ),
    rule(
        "volume_extension:volume_mig_status_attribute",
        ADMIN_API,
        "See a volume's migration status and name id.",
    ),
    rule(
        "volume_extension:volume_image_metadata:show",
        ADMIN_OR_PROJECT_READER,
        "See the image metadata of a volume.",
    ),
    rule(
        "volume_extension:volume_image_metadata:set",
        ADMIN_OR_PROJECT_MEMBER,
        "Set image metadata of a volume.",
    ),
    rule(
        "volume_extension:volume_image_metadata:remove",
        ADMIN_OR_PROJECT_MEMBER,
        "Remove image metadata of a volume.",
    ),
    rule("volume:get_volume_metadata", ADMIN_OR_PROJECT_READER, "Show a volume's metadata."),
    rule("volume:create_volume_metadata", ADMIN_OR_PROJECT_MEMBER, "Add volume metadata."),
    rule("volume:update_volume_metadata", ADMIN_OR_PROJECT_MEMBER, "Replace volume metadata."),
    rule("volume:delete_volume_metadata", ADMIN_OR_PROJECT_MEMBER, "Delete volume metadata."),
]
