from pocketstack.block_storage.policies.base import ADMIN_API, rule

rules = [
    rule("volume_extension:services:index", ADMIN_API, "List the block-storage services."),
    rule("volume_extension:services:update", ADMIN_API, "Enable or disable a service."),
    rule(
        "scheduler_extension:scheduler_stats:get_pools",
        ADMIN_API,
        "List the pools the scheduler sees.",
    ),
    rule("volume_extension:capabilities", ADMIN_API, "Show a backend's capabilities."),
]
