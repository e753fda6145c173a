from pocketstack.block_storage.policies.base import (
    ADMIN_OR_PROJECT_MEMBER,
    ADMIN_OR_PROJECT_READER,
    rule,
)

rules = [
    rule("message:get_all", ADMIN_OR_PROJECT_READER, "List the project's messages."),
    rule("message:get", ADMIN_OR_PROJECT_READER, "Show a message."),
    rule("message:delete", ADMIN_OR_PROJECT_MEMBER, "Delete a message."),
]
