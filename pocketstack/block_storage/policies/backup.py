from pocketstack.block_storage.policies.base import (
    ADMIN_API,
    ADMIN_OR_PROJECT_MEMBER,
    ADMIN_OR_PROJECT_READER,
    rule,
)

rules = [
    rule("backup:get_all", ADMIN_OR_PROJECT_READER, "List backups."),
    rule(
        "backup:backup_project_attribute",
        ADMIN_API,
        "See a backup's project and user (os-backup-project-attr:project_id, user_id).",
    ),
    rule("backup:create", ADMIN_OR_PROJECT_MEMBER, "Create a backup."),
    rule("backup:get", ADMIN_OR_PROJECT_READER, "Show a backup."),
    rule("backup:update", ADMIN_OR_PROJECT_MEMBER, "Update a backup."),
    rule("backup:delete", ADMIN_OR_PROJECT_MEMBER, "Delete a backup."),
    rule("backup:restore", ADMIN_OR_PROJECT_MEMBER, "Restore a backup to a volume."),
    rule("backup:backup-import", ADMIN_API, "Import a backup record."),
    rule("backup:export-import", ADMIN_API, "Export a backup record."),
    rule(
        "volume_extension:backup_admin_actions:reset_status",
        ADMIN_API,
        "Reset a backup's status.",
    ),
    rule(
        "volume_extension:backup_admin_actions:force_delete",
        ADMIN_API,
        "Delete a backup whatever its status.",
    ),
]
