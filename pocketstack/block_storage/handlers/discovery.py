"""Version discovery at /volume and /volume/v3, as Cinder answers it."""

from __future__ import annotations

from starlette.responses import Response

from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.api.service import public
from pocketstack.block_storage.microversions import MICROVERSIONS

UPDATED = "2023-08-31T00:00:00Z"


def _versions(req: ApiRequest) -> dict:
    root = req.base_url
    return {
        "versions": [
            {
                "id": "v3.0",
                "status": "CURRENT",
                "version": str(MICROVERSIONS.maximum),
                "min_version": str(MICROVERSIONS.minimum),
                "updated": UPDATED,
                "links": [
                    {
                        "rel": "describedby",
                        "type": "text/html",
                        "href": "https://docs.openstack.org/",
                    },
                    {"rel": "self", "href": f"{root}/v3/"},
                ],
                "media-types": [
                    {
                        "base": "application/json",
                        "type": "application/vnd.openstack.volume+json;version=3",
                    }
                ],
            }
        ]
    }


@public
def list_versions(req: ApiRequest) -> Response:
    """GET /volume/: every version, with 300 Multiple Choices."""
    return responses.json(_versions(req), status=300)


@public
def show_version(req: ApiRequest) -> Response:
    """GET /volume/v3/: the v3 document."""
    return responses.json(_versions(req))
