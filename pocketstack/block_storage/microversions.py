"""Block Storage v3 microversions: the window and the gates handlers test.

One entry per version, oldest first, each saying what it changed; the
constants below name the versions that handlers ask ``req.microversion``
about. Clients ask with ``OpenStack-API-Version: volume 3.x``.
"""

from pocketstack.api.microversion import Microversions

VERSIONS = [
    "3.0",  # the v2 API and its extensions, as v3
    "3.1",  # upload-to-image takes visibility and protected
    "3.2",  # the bootable filter parses true/false strictly
    "3.3",  # user messages
    "3.4",  # glance_metadata filter on volume lists
    "3.5",  # message lists page with limit/marker
    "3.6",  # empty names and descriptions are allowed
    "3.7",  # clusters; cluster_name in services
    "3.8",  # manageable volumes and snapshots
    "3.9",  # backups can be updated
    "3.10",  # group_id filter on volume lists
    "3.11",  # group types and group specs
    "3.12",  # volumes summary
    "3.13",  # generic volume groups
    "3.14",  # group snapshots; groups from a source
    "3.15",  # Etag on responses
    "3.16",  # migrate to a cluster
    "3.17",  # manageable resources by cluster
    "3.18",  # backups show their project
    "3.19",  # reset-status of group snapshots
    "3.20",  # reset-status of groups
    "3.21",  # provider_id in volume details (admin)
    "3.22",  # metadata filter on snapshot lists
    "3.23",  # volume delete takes force
    "3.24",  # workers cleanup
    "3.25",  # groups list their volumes
    "3.26",  # failover; more cluster filters
    "3.27",  # the attachments API
    "3.28",  # filters on get_pools
    "3.29",  # group snapshots filter, sort and page
    "3.30",  # snapshots sort by name
    "3.31",  # configurable resource filters
    "3.32",  # service log levels
    "3.33",  # the resource_filters API
    "3.34",  # "like" filters (name~)
    "3.35",  # volume_type filter on get_pools
    "3.36",  # metadata in the volumes summary
    "3.37",  # backups sort by name
    "3.38",  # replication groups
    "3.39",  # project_id filter on limits (admin)
    "3.40",  # revert a volume to its latest snapshot
    "3.41",  # user_id in snapshots
    "3.42",  # extend an in-use volume
    "3.43",  # backup metadata
    "3.44",  # attachment complete
    "3.45",  # with_count on volume, snapshot and backup lists
    "3.46",  # volumes from Nova's zero-size images
    "3.47",  # volumes from a backup
    "3.48",  # shared_targets and service_uuid in volumes
    "3.49",  # backend_state in services
    "3.50",  # multiattach volumes
    "3.51",  # backups name their availability zone
    "3.52",  # volume_type filter; RESKEY:availability_zones
    "3.53",  # request bodies validated with jsonschema
    "3.54",  # attachment create takes a mode
    "3.55",  # transfers may carry snapshots
    "3.56",  # user_id in backups
    "3.57",  # transfers keep their history
    "3.58",  # project_id in groups and group snapshots
    "3.59",  # transfer lists page
    "3.60",  # created_at/updated_at comparison filters
    "3.61",  # cluster_name in volume details (admin)
    "3.62",  # default volume types per project
    "3.63",  # volume_type_id in volume details
    "3.64",  # encryption_key_id in volume and backup details
    "3.65",  # consumes_quota in volume and snapshot details
    "3.66",  # snapshots of in-use volumes need no force
    "3.67",  # no project id needed in URLs
    "3.68",  # re-image a volume
    "3.69",  # shared_targets may be null
    "3.70",  # encrypted volumes can be transferred
    "3.71",  # extend volume completion action (for Nova)
]

MICROVERSIONS = Microversions("volume", VERSIONS)

VOLUME_LIST_BOOTABLE = "3.2"
MESSAGES = "3.3"
MESSAGES_PAGINATION = "3.5"
GROUP_VOLUME = "3.13"
MANAGE_EXISTING_LIST = "3.8"
BACKUP_UPDATE = "3.9"
GROUP_TYPE = "3.11"
VOLUME_SUMMARY = "3.12"
GROUP_SNAPSHOTS = "3.14"
VOLUME_MIGRATE_CLUSTER = "3.16"
BACKUP_PROJECT = "3.18"
VOLUME_DETAIL_PROVIDER_ID = "3.21"
VOLUME_DELETE_FORCE = "3.23"
NEW_ATTACH = "3.27"
RESOURCE_FILTER = "3.33"
LIKE_FILTER = "3.34"
VOLUME_REVERT = "3.40"
VOLUME_SUMMARY_METADATA = "3.36"
SNAPSHOT_LIST_USER_ID = "3.41"
VOLUME_EXTEND_INUSE = "3.42"
BACKUP_METADATA = "3.43"
NEW_ATTACH_COMPLETION = "3.44"
SUPPORT_COUNT_INFO = "3.45"
VOLUME_CREATE_FROM_BACKUP = "3.47"
VOLUME_SHARED_TARGETS_AND_SERVICE_FIELDS = "3.48"
MULTIATTACH_VOLUMES = "3.50"
BACKUP_AZ = "3.51"
ATTACHMENT_CREATE_MODE_ARG = "3.54"
TRANSFER_WITH_SNAPSHOTS = "3.55"
BACKUP_PROJECT_USER_ID = "3.56"
TRANSFER_WITH_HISTORY = "3.57"
GROUP_GROUPSNAPSHOT_PROJECT_ID = "3.58"
VOLUME_TIME_COMPARISON_FILTER = "3.60"
DEFAULT_TYPE_OVERRIDES = "3.62"
VOLUME_TYPE_ID_IN_VOLUME_DETAIL = "3.63"
ENCRYPTION_KEY_ID_IN_DETAILS = "3.64"
USE_QUOTA = "3.65"
SNAPSHOT_IN_USE = "3.66"
SUPPORT_REIMAGE_VOLUME = "3.68"
SHARED_TARGETS_TRISTATE = "3.69"
EXTEND_VOLUME_COMPLETION = "3.71"
LIMITS_ADMIN_FILTER = "3.39"
CLUSTER_SUPPORT = "3.7"
POOL_FILTER = "3.28"
POOL_TYPE_FILTER = "3.35"
BACKEND_STATE_REPORT = "3.49"
