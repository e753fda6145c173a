"""The account: its containers (GET), its totals (HEAD) and metadata (POST)."""

from __future__ import annotations

from starlette.responses import Response

from pocketstack.api.request import ApiRequest
from pocketstack.object_store.handlers import authorize, listing, listing_time, runtime
from pocketstack.object_store.objects import account as accounts
from pocketstack.object_store.objects import metadata
from pocketstack.object_store.objects.listing import Listing


def list_containers(req: ApiRequest) -> Response:
    project_id = authorize(req, "object_store:read")
    query = Listing.from_query(req.query)
    with runtime(req).database.reader() as session:
        headers = _headers(session, project_id)
        found = accounts.list_containers(session, project_id, query)
    entries = [
        {"subdir": entry}
        if isinstance(entry, str)
        else {
            "name": entry.container.name,
            "count": entry.objects,
            "bytes": entry.bytes,
            "last_modified": listing_time(entry.container.updated_at),
        }
        for entry in found
    ]
    return listing(req, entries, headers)


def show_account(req: ApiRequest) -> Response:
    project_id = authorize(req, "object_store:read")
    with runtime(req).database.reader() as session:
        return Response(status_code=204, headers=_headers(session, project_id))


def update_account(req: ApiRequest) -> Response:
    project_id = authorize(req, "object_store:write")
    with runtime(req).database.transaction() as session:
        accounts.update_meta(session, project_id, req.headers)
    return Response(status_code=204)


def _headers(session, project_id: str) -> dict[str, str]:
    usage = accounts.usage(session, project_id)
    return {
        "X-Account-Container-Count": str(usage.containers),
        "X-Account-Object-Count": str(usage.objects),
        "X-Account-Bytes-Used": str(usage.bytes),
        "X-Account-Storage-Policy-Policy-0-Container-Count": str(usage.containers),
        **metadata.response_headers(accounts.meta_of(session, project_id)),
    }
