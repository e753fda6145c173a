"""A container: its objects (GET), totals (HEAD), PUT, POST and DELETE."""

from __future__ import annotations

from starlette.responses import Response

from pocketstack.api.request import ApiRequest
from pocketstack.object_store.handlers import authorize, listing, listing_time, runtime
from pocketstack.object_store.models import Container
from pocketstack.object_store.objects import container as containers
from pocketstack.object_store.objects import metadata
from pocketstack.object_store.objects.listing import Listing
from pocketstack.object_store.objects.obj import timestamp


def list_objects(req: ApiRequest) -> Response:
    project_id = authorize(req, "object_store:read")
    query = Listing.from_query(req.query)
    with runtime(req).database.reader() as session:
        container = containers.find(session, project_id, req.params["container"])
        headers = _headers(session, container)
        found = containers.list_objects(session, container, query)
    entries = [
        {"subdir": entry}
        if isinstance(entry, str)
        else {
            "name": entry.name,
            "hash": entry.etag.strip('"'),
            "bytes": entry.size,
            "content_type": entry.content_type,
            "last_modified": listing_time(entry.last_modified),
        }
        for entry in found
    ]
    return listing(req, entries, headers)


def show_container(req: ApiRequest) -> Response:
    project_id = authorize(req, "object_store:read")
    with runtime(req).database.reader() as session:
        container = containers.find(session, project_id, req.params["container"])
        return Response(status_code=204, headers=_headers(session, container))


def create_container(req: ApiRequest) -> Response:
    project_id = authorize(req, "object_store:write")
    with runtime(req).database.transaction() as session:
        created = containers.create(session, project_id, req.params["container"], req.headers)
    return Response(status_code=201 if created else 202)


def update_container(req: ApiRequest) -> Response:
    project_id = authorize(req, "object_store:write")
    with runtime(req).database.transaction() as session:
        containers.update_meta(session, project_id, req.params["container"], req.headers)
    return Response(status_code=204)


def delete_container(req: ApiRequest) -> Response:
    project_id = authorize(req, "object_store:write")
    with runtime(req).database.transaction() as session:
        containers.delete(session, project_id, req.params["container"])
    return Response(status_code=204)


def _headers(session, container: Container) -> dict[str, str]:
    count, size = containers.usage(session, container.id)
    return {
        "X-Container-Object-Count": str(count),
        "X-Container-Bytes-Used": str(size),
        "X-Timestamp": timestamp(container.created_at),
        "X-Storage-Policy": "Policy-0",
        **metadata.response_headers(container.meta),
    }
