"""Version discovery and /v2/info: import methods, stores, usage."""

from __future__ import annotations

from starlette.responses import Response

from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.api.service import public
from pocketstack.image.handlers import authorize, runtime
from pocketstack.image.objects import quota

# Glance 33 without an image cache and with multiple stores lists these, in
# this order (glance/api/versions.py); 2.17 added the location API.
VERSIONS = (
    ("2.15", "SUPPORTED"),
    *((f"2.{n}", "SUPPORTED") for n in range(13, 7, -1)),
    ("2.17", "CURRENT"),
    *((f"2.{n}", "SUPPORTED") for n in range(7, -1, -1)),
)


def _versions(req: ApiRequest) -> dict:
    href = f"{req.base_url}/v2/"
    return {
        "versions": [
            {"id": f"v{version}", "status": status, "links": [{"rel": "self", "href": href}]}
            for version, status in VERSIONS
        ]
    }


@public
def list_versions(req: ApiRequest) -> Response:
    return responses.json(_versions(req), 300)


@public
def show_versions(req: ApiRequest) -> Response:
    return responses.json(_versions(req))


def import_info(req: ApiRequest) -> Response:
    req.require_auth()
    return responses.json(
        {
            "import-methods": {
                "description": "Import methods available.",
                "type": "array",
                "value": runtime(req).import_methods,
            }
        }
    )


def stores_info(req: ApiRequest) -> Response:
    req.require_auth()
    stores = runtime(req).stores
    found = []
    for store_id in stores.stores:
        entry: dict = {"id": store_id}
        if store_id == stores.default:
            entry["default"] = "true"
        found.append(entry)
    return responses.json({"stores": found})


def stores_detail(req: ApiRequest) -> Response:
    authorize(req, "stores_info_detail")
    stores = runtime(req).stores
    found = []
    for store_id, store in stores.stores.items():
        entry: dict = {"id": store_id}
        if store_id == stores.default:
            entry["default"] = "true"
        entry.update(
            type=store.type,
            weight=0,
            properties={
                "data_dir": str(store.directory),
                "chunk_size": 65536,
                "thin_provisioning": False,
            },
        )
        found.append(entry)
    return responses.json({"stores": found})


def usage(req: ApiRequest) -> Response:
    req.require_auth()
    service = runtime(req)
    with service.database.reader() as session:
        found = quota.usage(session, service.limits, req.context.project_id)
    return responses.json({"usage": found})
