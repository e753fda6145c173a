"""/v3/qos-specs: QoS specs (admin), their keys, and which volume types
they are associated with."""

from __future__ import annotations

import typing

import sqlalchemy as sa
from sqlalchemy import orm
from starlette.responses import Response

from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.block_storage import errors, models
from pocketstack.block_storage.handlers import authorize, bool_param, caller, runtime
from pocketstack.block_storage.objects import listing
from pocketstack.block_storage.objects import qos_specs as qos
from pocketstack.block_storage.objects import volume_type as volume_types
from pocketstack.block_storage.schemas import qos_specs as schemas

QosSpecs = models.QosSpecs
FILTERS = ("id", "name", "consumer")
SORTABLE = ("created_at", "updated_at", "id", "name", "consumer")


def _view(session: orm.Session, specs: QosSpecs) -> dict[str, typing.Any]:
    return {
        "id": specs.id,
        "name": specs.name,
        "consumer": specs.consumer,
        "specs": qos.specs_of(session, specs.id),
    }


def _links(req: ApiRequest, specs_id: str) -> list[dict[str, str]]:
    return [
        {"href": f"{req.base_url}/v3/qos-specs/{specs_id}", "rel": "self"},
        {"href": f"{req.base_url}/qos-specs/{specs_id}", "rel": "bookmark"},
    ]


def list_qos_specs(req: ApiRequest) -> Response:
    authorize(req, "volume_extension:qos_specs_manage:get_all")
    paging = listing.parse(req.query)
    select = sa.select(QosSpecs).where(
        *(getattr(QosSpecs, key) == req.query[key] for key in FILTERS if key in req.query)
    )
    with runtime(req).database.reader() as session:
        rows = listing.page(session, select, QosSpecs, paging, SORTABLE)
        body: dict[str, typing.Any] = {"qos_specs": [_view(session, row) for row in rows]}
    next_links = listing.next_links(req.base_url + "/v3", "qos-specs", req.query, rows, paging)
    if next_links:
        body["qos_specs_links"] = next_links
    return responses.json(body)


def create_qos_specs(req: ApiRequest) -> Response:
    authorize(req, "volume_extension:qos_specs_manage:create")
    specs = dict(req.validated(schemas.CREATE)["qos_specs"])
    name = specs.pop("name").strip()
    if not name:
        raise errors.bad_request("Name has a minimum character requirement of 1.")
    with runtime(req).database.transaction() as session:
        created = qos.create(session, name, specs)
        return responses.json(
            {"qos_specs": _view(session, created), "links": _links(req, created.id)}
        )


def show_qos_specs(req: ApiRequest) -> Response:
    authorize(req, "volume_extension:qos_specs_manage:get")
    with runtime(req).database.reader() as session:
        found = qos.find(session, req.params["qos_id"])
        return responses.json({"qos_specs": _view(session, found), "links": _links(req, found.id)})


def update_qos_specs(req: ApiRequest) -> Response:
    authorize(req, "volume_extension:qos_specs_manage:update")
    body = req.validated(schemas.SET)
    with runtime(req).database.transaction() as session:
        qos.set_keys(session, qos.find(session, req.params["qos_id"]), body["qos_specs"])
    return responses.json(body)


def delete_qos_specs(req: ApiRequest) -> Response:
    authorize(req, "volume_extension:qos_specs_manage:delete")
    force = bool_param(req, "force")
    with runtime(req).database.transaction() as session:
        qos.delete(session, qos.find(session, req.params["qos_id"]), force)
    return responses.no_content(202)


def delete_keys(req: ApiRequest) -> Response:
    authorize(req, "volume_extension:qos_specs_manage:delete")
    keys = req.validated(schemas.UNSET)["keys"]
    with runtime(req).database.transaction() as session:
        qos.delete_keys(session, qos.find(session, req.params["qos_id"]), keys)
    return responses.no_content(202)


def list_associations(req: ApiRequest) -> Response:
    authorize(req, "volume_extension:qos_specs_manage:get_all")
    with runtime(req).database.reader() as session:
        found = qos.find(session, req.params["qos_id"])
        associations = [
            {"association_type": "volume_type", "name": t.name, "id": t.id}
            for t in qos.associated_types(session, found.id)
        ]
    return responses.json({"qos_associations": associations})


def _with_type(req: ApiRequest, change: typing.Callable) -> Response:
    authorize(req, "volume_extension:qos_specs_manage:update")
    type_id = req.query.get("vol_type_id")
    if not type_id:
        raise errors.bad_request("Volume Type id must not be None.")
    with runtime(req).database.transaction() as session:
        found = qos.find(session, req.params["qos_id"])
        change(session, found, volume_types.find(session, type_id, caller(req)))
    return responses.no_content(202)


def associate(req: ApiRequest) -> Response:
    return _with_type(req, qos.associate)


def disassociate(req: ApiRequest) -> Response:
    return _with_type(req, qos.disassociate)


def disassociate_all(req: ApiRequest) -> Response:
    authorize(req, "volume_extension:qos_specs_manage:update")
    with runtime(req).database.transaction() as session:
        qos.disassociate_all(session, qos.find(session, req.params["qos_id"]))
    return responses.no_content(202)
