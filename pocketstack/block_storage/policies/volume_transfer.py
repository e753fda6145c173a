"""Volume transfers: Cinder's rules."""

from pocketstack.block_storage.policies.base import (
    ADMIN_OR_PROJECT_MEMBER,
    ADMIN_OR_PROJECT_READER,
    rule,
)

rules = [
    rule("volume:get_all_transfers", ADMIN_OR_PROJECT_READER, "List volume transfers."),
    rule("volume:create_transfer", ADMIN_OR_PROJECT_MEMBER, "Offer a volume for transfer."),
    rule("volume:get_transfer", ADMIN_OR_PROJECT_READER, "Show a volume transfer."),
    rule("volume:accept_transfer", ADMIN_OR_PROJECT_MEMBER, "Accept a volume transfer."),
    rule("volume:delete_transfer", ADMIN_OR_PROJECT_MEMBER, "Delete a volume transfer."),
]
