"""Version discovery at ``/``, ``/identity`` and ``/identity/v3``, as Keystone
answers it: 300 with the list of versions at the root, 200 with v3 itself."""

from __future__ import annotations

from starlette.responses import Response

from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.api.service import public

MEDIA_TYPE = "application/vnd.openstack.identity-v3+json"


def v3_document(identity_url: str) -> dict:
    return {
        "id": "v3.14",
        "status": "stable",
        "updated": "2020-04-07T00:00:00Z",
        "links": [{"rel": "self", "href": f"{identity_url}/v3/"}],
        "media-types": [{"base": "application/json", "type": MEDIA_TYPE}],
    }


def versions_response(identity_url: str) -> Response:
    return responses.json(
        {"versions": {"values": [v3_document(identity_url)]}},
        300,
        {"Location": f"{identity_url}/v3/"},
    )


@public
def list_versions(req: ApiRequest) -> Response:
    return versions_response(req.base_url)


@public
def show_v3(req: ApiRequest) -> Response:
    return responses.json({"version": v3_document(req.base_url)})
