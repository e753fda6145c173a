from pocketstack.identity.policies.base import ADMIN, ALL_SCOPES, SYSTEM_AND_PROJECT, rule

rules = [
    # Any token may read regions, whatever its scope.
    rule("get_region", "", ALL_SCOPES, "Show region details."),
    rule("list_regions", "", ALL_SCOPES, "List regions."),
    rule("create_region", ADMIN, SYSTEM_AND_PROJECT, "Create region."),
    rule("update_region", ADMIN, SYSTEM_AND_PROJECT, "Update region."),
    rule("delete_region", ADMIN, SYSTEM_AND_PROJECT, "Delete region."),
]
