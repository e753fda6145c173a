"""/v3/extensions: the Cinder extensions this service implements, by the
names, aliases and dates Cinder gives them. A slice that implements another
extension adds it here."""

from __future__ import annotations

from starlette.responses import Response

from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.block_storage import errors

# (alias, name, description, updated)
EXTENSIONS = [
    ("os-types-manage", "TypesManage", "Types manage support.", "2011-08-24T00:00:00+00:00"),
    (
        "os-types-extra-specs",
        "TypesExtraSpecs",
        "Type extra specs support.",
        "2011-08-24T00:00:00+00:00",
    ),
    (
        "os-volume-type-access",
        "VolumeTypeAccess",
        "Volume type access support.",
        "2014-06-26T00:00:00Z",
    ),
    (
        "encryption",
        "VolumeTypeEncryption",
        "Encryption support for volume types.",
        "2013-07-01T00:00:00+00:00",
    ),
    ("qos-specs", "Qos_specs_manage", "QoS specs support.", "2013-08-02T00:00:00+00:00"),
    ("os-quota-sets", "Quotas", "Quota management support.", "2011-08-08T00:00:00+00:00"),
    (
        "os-quota-class-sets",
        "QuotaClasses",
        "Quota classes management support.",
        "2012-03-12T00:00:00+00:00",
    ),
    (
        "os-used-limits",
        "UsedLimits",
        "Provide data on limited resources that are being used.",
        "2013-10-03T00:00:00+00:00",
    ),
    ("os-services", "Services", "Services support.", "2012-10-28T00:00:00-00:00"),
    (
        "os-extended-services",
        "ExtendedServices",
        "Extended services support.",
        "2014-01-10T00:00:00-00:00",
    ),
    (
        "os-availability-zone",
        "AvailabilityZones",
        "Describe Availability Zones.",
        "2013-06-27T00:00:00+00:00",
    ),
    ("scheduler-stats", "Scheduler_stats", "Scheduler stats support.", "2014-09-07T00:00:00+00:00"),
    ("capabilities", "Capabilities", "Capabilities support.", "2015-08-31T00:00:00+00:00"),
    (
        "os-vol-host-attr",
        "VolumeHostAttribute",
        "Expose host as an attribute of a volume.",
        "2011-11-03T00:00:00+00:00",
    ),
    (
        "os-vol-tenant-attr",
        "VolumeTenantAttribute",
        "Expose the internal project_id as an attribute of a volume.",
        "2011-11-03T00:00:00+00:00",
    ),
    (
        "os-vol-mig-status-attr",
        "VolumeMigStatusAttribute",
        "Expose migration_status as an attribute of a volume.",
        "2013-08-08T00:00:00+00:00",
    ),
    (
        "os-vol-image-meta",
        "VolumeImageMetadata",
        "Show image metadata associated with the volume.",
        "2012-12-07T00:00:00+00:00",
    ),
]


def _view(alias: str, name: str, description: str, updated: str) -> dict:
    return {
        "alias": alias,
        "name": name,
        "description": description,
        "updated": updated,
        "links": [],
    }


def list_extensions(req: ApiRequest) -> Response:
    req.require_auth()
    return responses.json({"extensions": [_view(*entry) for entry in EXTENSIONS]})


def show_extension(req: ApiRequest) -> Response:
    req.require_auth()
    for entry in EXTENSIONS:
        if entry[0] == req.params["alias"]:
            return responses.json({"extension": _view(*entry)})
    raise errors.not_found("The resource could not be found.")
