from pocketstack.image.policies.base import ADMIN_OR_SERVICE_ROLE, rule

rules = [
    rule("stores_info_detail", ADMIN_OR_SERVICE_ROLE, "Show the stores' details."),
]
