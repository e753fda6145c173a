from pocketstack.block_storage.policies.base import ADMIN_API, rule

rules = [
    rule("volume_extension:qos_specs_manage:create", ADMIN_API, "Create QoS specs."),
    rule("volume_extension:qos_specs_manage:get", ADMIN_API, "Show QoS specs."),
    rule(
        "volume_extension:qos_specs_manage:get_all",
        ADMIN_API,
        "List QoS specs and their associations.",
    ),
    rule(
        "volume_extension:qos_specs_manage:update",
        ADMIN_API,
        "Change QoS specs and their associations.",
    ),
    rule("volume_extension:qos_specs_manage:delete", ADMIN_API, "Delete QoS specs or keys."),
]
