"""Volume action rules (POST /v3/volumes/{id}/action), Cinder's names."""

from pocketstack.block_storage.policies.base import ADMIN_API, ADMIN_OR_PROJECT_MEMBER, rule

ACTIONS = "volume_extension:volume_actions:"
ADMIN_ACTIONS = "volume_extension:volume_admin_actions:"

rules = [
    rule("volume:extend", ADMIN_OR_PROJECT_MEMBER, "Extend a volume."),
    rule("volume:extend_attached_volume", ADMIN_OR_PROJECT_MEMBER, "Extend an in-use volume."),
    rule("volume:extend_volume_completion", ADMIN_API, "Complete an extend (Nova)."),
    rule("volume:retype", ADMIN_OR_PROJECT_MEMBER, "Change a volume's type."),
    rule("volume:update_readonly_flag", ADMIN_OR_PROJECT_MEMBER, "Set the readonly flag."),
    rule("volume:reimage", ADMIN_OR_PROJECT_MEMBER, "Re-image a volume."),
    rule("volume:reimage_reserved", ADMIN_OR_PROJECT_MEMBER, "Re-image a reserved volume."),
    rule("volume:revert_to_snapshot", ADMIN_OR_PROJECT_MEMBER, "Revert a volume to a snapshot."),
    rule(ADMIN_ACTIONS + "reset_status", ADMIN_API, "Reset a volume's statuses."),
    rule(ADMIN_ACTIONS + "force_delete", ADMIN_API, "Force-delete a volume."),
    rule(ADMIN_ACTIONS + "force_detach", ADMIN_API, "Force-detach a volume."),
    rule(ADMIN_ACTIONS + "migrate_volume", ADMIN_API, "Migrate a volume to another backend."),
    rule(ADMIN_ACTIONS + "migrate_volume_completion", ADMIN_API, "Complete a volume migration."),
    rule(ACTIONS + "upload_image", ADMIN_OR_PROJECT_MEMBER, "Upload a volume to an image."),
    rule(ACTIONS + "upload_public", ADMIN_API, "Upload a volume to a public image."),
    rule(ACTIONS + "initialize_connection", ADMIN_OR_PROJECT_MEMBER, "Initialize a connection."),
    rule(ACTIONS + "terminate_connection", ADMIN_OR_PROJECT_MEMBER, "Terminate a connection."),
    rule(ACTIONS + "roll_detaching", ADMIN_OR_PROJECT_MEMBER, "Roll back a detaching volume."),
    rule(ACTIONS + "reserve", ADMIN_OR_PROJECT_MEMBER, "Reserve a volume to attach."),
    rule(ACTIONS + "unreserve", ADMIN_OR_PROJECT_MEMBER, "Unreserve a volume."),
    rule(ACTIONS + "begin_detaching", ADMIN_OR_PROJECT_MEMBER, "Begin detaching a volume."),
    rule(ACTIONS + "attach", ADMIN_OR_PROJECT_MEMBER, "Attach a volume."),
    rule(ACTIONS + "detach", ADMIN_OR_PROJECT_MEMBER, "Detach a volume."),
]
