"""Volume action bodies: ``{"os-<action>": {...}}``, one schema per action
(Cinder's volume_actions and admin_actions schemas)."""

import copy

from pocketstack.block_storage.schemas.types import BOOLEAN, SIZE, UUID, UUID_OR_NULL


def action(name: str, body: dict | None = None) -> dict:
    """``{name: body}``; an action without arguments takes anything."""
    return {
        "type": "object",
        "properties": {name: body if body is not None else {}},
        "required": [name],
        "additionalProperties": False,
    }


def fields(properties: dict, required: tuple = (), **extra) -> dict:
    return {
        "type": "object",
        "properties": properties,
        "required": list(required),
        "additionalProperties": False,
        **extra,
    }


CONNECTOR = {"type": ["object", "string"]}
COMPLETION_ERROR = {"type": ["string", "null", "boolean"]}
STATUS = {"type": ["string", "null"]}

EXTEND = action("os-extend", fields({"new_size": SIZE}, ("new_size",)))
EXTEND_COMPLETION = action("os-extend_volume_completion", fields({"error": COMPLETION_ERROR}))
RESET_STATUS = action(
    "os-reset_status",
    fields({"status": STATUS, "attach_status": STATUS, "migration_status": STATUS}),
)
SET_BOOTABLE = action("os-set_bootable", fields({"bootable": BOOLEAN}, ("bootable",)))
UPDATE_READONLY = action("os-update_readonly_flag", fields({"readonly": BOOLEAN}, ("readonly",)))
RETYPE = action(
    "os-retype",
    fields(
        {
            "new_type": {"type": "string"},
            "migration_policy": {"type": ["string", "null"], "enum": ["on-demand", "never"]},
        },
        ("new_type",),
    ),
)
MIGRATE = action(
    "os-migrate_volume",
    fields(
        {
            "host": {"type": ["string", "null"], "maxLength": 255},
            "force_host_copy": BOOLEAN,
            "lock_volume": BOOLEAN,
            "cluster": {"type": ["string", "null"], "maxLength": 255},
        }
    ),
)
MIGRATE_COMPLETION = action(
    "os-migrate_volume_completion",
    fields({"new_volume": UUID, "error": COMPLETION_ERROR}, ("new_volume",)),
)
UPLOAD_IMAGE = action(
    "os-volume_upload_image",
    fields(
        {
            "image_name": {"type": "string", "minLength": 1, "maxLength": 255},
            "force": BOOLEAN,
            "disk_format": {
                "type": "string",
                "enum": ["raw", "vmdk", "vdi", "qcow2", "vhd", "vhdx", "ploop"],
            },
            "container_format": {"type": ["string", "null"], "maxLength": 255},
        },
        ("image_name",),
    ),
)
# 3.1: the image's visibility and protection may be asked for.
UPLOAD_IMAGE_V31 = copy.deepcopy(UPLOAD_IMAGE)
UPLOAD_IMAGE_V31["properties"]["os-volume_upload_image"]["properties"].update(
    visibility={"type": "string", "enum": ["community", "public", "private", "shared"]},
    protected=BOOLEAN,
)
FORCE_DELETE = action("os-force_delete")
RESERVE = action("os-reserve")
UNRESERVE = action("os-unreserve")
BEGIN_DETACHING = action("os-begin_detaching")
ROLL_DETACHING = action("os-roll_detaching")
ATTACH = action(
    "os-attach",
    fields(
        {
            "instance_uuid": UUID,
            "mountpoint": {"type": "string", "minLength": 1, "maxLength": 255},
            "host_name": {"type": "string", "maxLength": 255},
            "mode": {"type": "string", "enum": ["rw", "ro"]},
        },
        ("mountpoint",),
        anyOf=[{"required": ["instance_uuid"]}, {"required": ["host_name"]}],
    ),
)
DETACH = action(
    "os-detach",
    {**fields({"attachment_id": UUID_OR_NULL}), "type": ["object", "null"]},
)
FORCE_DETACH = action(
    "os-force_detach",
    fields(
        {
            "connector": {"type": ["string", "object", "null"]},
            "attachment_id": {"type": ["string", "null"]},
        }
    ),
)
INITIALIZE_CONNECTION = action(
    "os-initialize_connection", fields({"connector": CONNECTOR}, ("connector",))
)
TERMINATE_CONNECTION = action(
    "os-terminate_connection",
    fields({"connector": {"type": ["string", "object", "null"]}}, ("connector",)),
)
REIMAGE = action(
    "os-reimage", fields({"image_id": UUID, "reimage_reserved": BOOLEAN}, ("image_id",))
)

SHOW_IMAGE_METADATA = action("os-show_image_metadata")
SET_IMAGE_METADATA = action(
    "os-set_image_metadata",
    fields(
        {
            "metadata": {
                "type": "object",
                "patternProperties": {
                    "^[a-zA-Z0-9-_:. /]{1,255}$": {"type": "string", "maxLength": 65535}
                },
                "additionalProperties": False,
            }
        },
        ("metadata",),
    ),
)
UNSET_IMAGE_METADATA = action(
    "os-unset_image_metadata",
    fields({"key": {"type": "string", "minLength": 1, "maxLength": 255}}, ("key",)),
)

# Cinder leaves the revert body open to other keys (its TODO says so).
REVERT = action(
    "revert",
    {"type": "object", "properties": {"snapshot_id": {"type": ["string", "null"]}}},
)

# What os-reset_status may set, in Cinder's order (its error lists them).
RESET_VALUES = {
    "status": (
        "Volume status",
        (
            "creating",
            "available",
            "deleting",
            "error",
            "error_deleting",
            "error_managing",
            "managing",
            "attaching",
            "in-use",
            "detaching",
            "maintenance",
            "restoring-backup",
            "error_restoring",
            "reserved",
            "awaiting-transfer",
            "backing-up",
            "error_backing-up",
            "error_extending",
            "downloading",
            "uploading",
            "retyping",
            "extending",
        ),
    ),
    "attach_status": ("Volume attach status", ["attached", "detached"]),
    "migration_status": (
        "Volume migration status",
        ("migrating", "error", "success", "completing", "none", "starting"),
    ),
}
