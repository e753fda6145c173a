"""Attachment rules (Cinder's names). Showing and listing attachments has
no rule of its own in Cinder; they are read as the volume is (volume:get,
volume:get_all)."""

from pocketstack.block_storage.policies.base import ADMIN_OR_PROJECT_MEMBER, rule

rules = [
    rule("volume:attachment_create", ADMIN_OR_PROJECT_MEMBER, "Create an attachment."),
    rule("volume:attachment_update", ADMIN_OR_PROJECT_MEMBER, "Update an attachment."),
    rule("volume:attachment_delete", ADMIN_OR_PROJECT_MEMBER, "Delete an attachment."),
    rule("volume:attachment_complete", ADMIN_OR_PROJECT_MEMBER, "Mark an attachment complete."),
    rule(
        "volume:multiattach_bootable_volume",
        ADMIN_OR_PROJECT_MEMBER,
        "Attach a bootable multiattach volume that is already in use.",
    ),
]
