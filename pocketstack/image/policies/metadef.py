from oslo_policy import policy

from pocketstack.image.policies.base import ADMIN, ADMIN_OR_PROJECT_READER, rule
from pocketstack.image.policies.base import (
    ADMIN_OR_PROJECT_READER_GET_NAMESPACE as READ,
)

METADEF_ADMIN = "rule:metadef_admin"

rules = [
    policy.RuleDefault("metadef_default", "", "Default for metadef rules."),
    policy.RuleDefault("metadef_admin", ADMIN, "Who administers metadefs."),
    rule("get_metadef_namespace", READ, "Show a metadef namespace."),
    rule("get_metadef_namespaces", ADMIN_OR_PROJECT_READER, "List metadef namespaces."),
    *(
        rule(f"{verb}_metadef_{kind}", METADEF_ADMIN, f"{verb} a metadef {kind}.")
        for kind in ("namespace", "object", "property", "tag")
        for verb in (
            "modify",
            "add",
            "delete" if kind in ("namespace", "object", "tag") else "remove",
        )
    ),
    rule("add_metadef_tags", METADEF_ADMIN, "Add metadef tags."),
    rule("delete_metadef_tags", METADEF_ADMIN, "Delete all metadef tags."),
    *(
        rule(f"get_metadef_{name}", READ, f"Read metadef {name}.")
        for name in ("object", "objects", "property", "properties", "tag", "tags", "resource_type")
    ),
    rule("list_metadef_resource_types", READ, "List metadef resource types."),
    rule("add_metadef_resource_type_association", METADEF_ADMIN, "Associate a resource type."),
    rule(
        "remove_metadef_resource_type_association",
        METADEF_ADMIN,
        "Remove a resource type association.",
    ),
]
