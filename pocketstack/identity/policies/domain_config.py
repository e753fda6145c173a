"""Domain-specific configuration: admins write it, admins and system readers
read it; anyone may read the default domain's password rules."""

from pocketstack.identity.policies.base import (
    ADMIN,
    ADMIN_OR_SYSTEM_READER,
    ALL_SCOPES,
    SYSTEM_AND_PROJECT,
    rule,
)

rules = [
    rule("create_domain_config", ADMIN, SYSTEM_AND_PROJECT, "Create domain configuration."),
    rule(
        "get_domain_config",
        ADMIN_OR_SYSTEM_READER,
        SYSTEM_AND_PROJECT,
        "Get the entire domain configuration for a domain, an option group within a domain,"
        " or a specific configuration option within a group for a domain.",
    ),
    rule(
        "get_security_compliance_domain_config",
        "",
        ALL_SCOPES,
        "Get security compliance domain configuration for either a domain or a specific"
        " option in a domain.",
    ),
    rule(
        "update_domain_config",
        ADMIN,
        SYSTEM_AND_PROJECT,
        "Update domain configuration for either a domain, specific group or option.",
    ),
    rule(
        "delete_domain_config",
        ADMIN,
        SYSTEM_AND_PROJECT,
        "Delete domain configuration for either a domain, specific group or option.",
    ),
    rule(
        "get_domain_config_default",
        ADMIN_OR_SYSTEM_READER,
        SYSTEM_AND_PROJECT,
        "Get domain configuration default for either a domain, specific group or option.",
    ),
]
