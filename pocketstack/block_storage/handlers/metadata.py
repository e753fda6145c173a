"""The metadata API every resource with metadata has (volumes, snapshots):
show, merge (POST), replace (PUT), and one key's show, update and delete.

A resource declares what differs, ``MetadataApi(...)``, and routes to its
handlers; the rules are Cinder's names for that resource's metadata calls.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable

from sqlalchemy import orm
from starlette.responses import Response

from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.block_storage import errors
from pocketstack.block_storage.handlers import authorize, caller, runtime
from pocketstack.block_storage.objects import Caller
from pocketstack.block_storage.objects import metadata as metadata_items
from pocketstack.block_storage.schemas.metadata import META_ITEM, METADATA_BODY


@dataclasses.dataclass(frozen=True)
class MetadataApi:
    # The path parameter naming the resource, and how to find it for a caller.
    id_param: str
    find: Callable[[orm.Session, str, Caller], typing.Any]
    # The metadata table's column naming its owner (VolumeMetadata.volume_id).
    owner: orm.InstrumentedAttribute
    show_rule: str
    update_rule: str
    delete_rule: str
    # Cinder's words for a key the resource does not have.
    missing: Callable[[str, str], errors.ApiError]

    def _resource(self, req: ApiRequest, session: orm.Session, rule: str) -> typing.Any:
        resource = self.find(session, req.params[self.id_param], caller(req))
        authorize(req, rule, resource.project_id)
        return resource

    def show(self, req: ApiRequest) -> Response:
        with runtime(req).database.reader() as session:
            resource = self._resource(req, session, self.show_rule)
            return responses.json(
                {"metadata": metadata_items.items(session, self.owner, resource.id)}
            )

    def merge(self, req: ApiRequest) -> Response:
        """POST: the given keys are added to (or replace) those there."""
        items = req.validated(METADATA_BODY)["metadata"]
        with runtime(req).database.transaction() as session:
            resource = self._resource(req, session, self.update_rule)
            merged = {**metadata_items.items(session, self.owner, resource.id), **items}
            metadata_items.replace(session, self.owner, resource.id, merged)
            return responses.json({"metadata": merged})

    def replace(self, req: ApiRequest) -> Response:
        """PUT: the given keys become the whole metadata."""
        items = req.validated(METADATA_BODY)["metadata"]
        with runtime(req).database.transaction() as session:
            resource = self._resource(req, session, self.update_rule)
            metadata_items.replace(session, self.owner, resource.id, items)
            return responses.json({"metadata": items})

    def show_item(self, req: ApiRequest) -> Response:
        key = req.params["key"]
        with runtime(req).database.reader() as session:
            resource = self._resource(req, session, self.show_rule)
            items = metadata_items.items(session, self.owner, resource.id)
            if key not in items:
                raise self.missing(resource.id, key)
            return responses.json({"meta": {key: items[key]}})

    def update_item(self, req: ApiRequest) -> Response:
        item = req.validated(META_ITEM)["meta"]
        if req.params["key"] not in item:
            raise errors.bad_request("Request body and URI mismatch")
        with runtime(req).database.transaction() as session:
            resource = self._resource(req, session, self.update_rule)
            merged = {**metadata_items.items(session, self.owner, resource.id), **item}
            metadata_items.replace(session, self.owner, resource.id, merged)
            return responses.json({"meta": item})

    def delete_item(self, req: ApiRequest) -> Response:
        key = req.params["key"]
        with runtime(req).database.transaction() as session:
            resource = self._resource(req, session, self.delete_rule)
            items = metadata_items.items(session, self.owner, resource.id)
            if key not in items:
                raise self.missing(resource.id, key)
            del items[key]
            metadata_items.replace(session, self.owner, resource.id, items)
        return responses.no_content(200)

    def routes(self, path: str) -> dict[str, dict[str, Callable[[ApiRequest], Response]]]:
        """The route table entries for ``path`` (the resource's own path)."""
        return {
            path + "/metadata": {"GET": self.show, "POST": self.merge, "PUT": self.replace},
            path + "/metadata/{key}": {
                "GET": self.show_item,
                "PUT": self.update_item,
                "DELETE": self.delete_item,
            },
        }
