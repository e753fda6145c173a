from pocketstack.block_storage.policies.base import (
    ADMIN_API,
    ADMIN_OR_PROJECT_MEMBER,
    ADMIN_OR_PROJECT_READER,
    rule,
)

rules = [
    rule("volume_extension:type_create", ADMIN_API, "Create a volume type."),
    rule("volume_extension:type_update", ADMIN_API, "Update a volume type."),
    rule("volume_extension:type_delete", ADMIN_API, "Delete a volume type."),
    rule("volume_extension:type_get", ADMIN_OR_PROJECT_READER, "Show a volume type."),
    rule("volume_extension:type_get_all", ADMIN_OR_PROJECT_READER, "List volume types."),
    rule(
        "volume_extension:access_types_extra_specs",
        ADMIN_OR_PROJECT_READER,
        "See the extra specs of a volume type in its views.",
    ),
    rule(
        "volume_extension:access_types_qos_specs_id",
        ADMIN_API,
        "See the QoS specs id of a volume type in its views.",
    ),
    rule(
        "volume_extension:types_extra_specs:index",
        ADMIN_OR_PROJECT_READER,
        "List a type's extra specs.",
    ),
    rule(
        "volume_extension:types_extra_specs:show",
        ADMIN_OR_PROJECT_READER,
        "Show one extra spec.",
    ),
    rule(
        "volume_extension:types_extra_specs:read_sensitive",
        ADMIN_API,
        "See the extra specs that are not user visible.",
    ),
    rule("volume_extension:types_extra_specs:create", ADMIN_API, "Add extra specs."),
    rule("volume_extension:types_extra_specs:update", ADMIN_API, "Change an extra spec."),
    rule("volume_extension:types_extra_specs:delete", ADMIN_API, "Delete an extra spec."),
    rule(
        "volume_extension:volume_type_access",
        ADMIN_OR_PROJECT_MEMBER,
        "See os-volume-type-access:is_public in type views.",
    ),
    rule(
        "volume_extension:volume_type_access:addProjectAccess",
        ADMIN_API,
        "Share a private type with a project.",
    ),
    rule(
        "volume_extension:volume_type_access:removeProjectAccess",
        ADMIN_API,
        "Stop sharing a private type with a project.",
    ),
    rule(
        "volume_extension:volume_type_access:get_all_for_type",
        ADMIN_API,
        "List the projects a private type is shared with.",
    ),
    rule("volume_extension:volume_type_encryption", ADMIN_API, "Manage type encryption."),
    rule(
        "volume_extension:volume_type_encryption:create",
        ADMIN_API,
        "Create a type's encryption.",
    ),
    rule("volume_extension:volume_type_encryption:get", ADMIN_API, "Show a type's encryption."),
    rule(
        "volume_extension:volume_type_encryption:update",
        ADMIN_API,
        "Update a type's encryption.",
    ),
    rule(
        "volume_extension:volume_type_encryption:delete",
        ADMIN_API,
        "Delete a type's encryption.",
    ),
    rule("volume_extension:default_set_or_update", ADMIN_API, "Set a project's default type."),
    rule("volume_extension:default_get", ADMIN_API, "Show a project's default type."),
    rule("volume_extension:default_get_all", ADMIN_API, "List the projects' default types."),
    rule("volume_extension:default_unset", ADMIN_API, "Unset a project's default type."),
]
