from pocketstack.block_storage.policies.base import ADMIN_API, ADMIN_OR_PROJECT_READER, rule

rules = [
    rule("volume_extension:quotas:show", ADMIN_OR_PROJECT_READER, "Show a project's quotas."),
    rule("volume_extension:quotas:update", ADMIN_API, "Update a project's quotas."),
    rule("volume_extension:quotas:delete", ADMIN_API, "Reset a project's quotas."),
    rule("volume_extension:quota_classes:get", ADMIN_API, "Show a quota class."),
    rule("volume_extension:quota_classes:update", ADMIN_API, "Update a quota class."),
    rule(
        "limits_extension:used_limits",
        ADMIN_OR_PROJECT_READER,
        "See the project's usage alongside its limits.",
    ),
]
