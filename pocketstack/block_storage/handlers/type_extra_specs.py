"""/v3/types/{id}/extra_specs: the key/value specs that pick a backend and
its features. Changing them is refused while volumes use the type."""

from __future__ import annotations

from sqlalchemy import orm
from starlette.responses import Response

from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.block_storage import errors, models
from pocketstack.block_storage.handlers import authorize, caller, runtime
from pocketstack.block_storage.objects import volume_type as volume_types
from pocketstack.block_storage.schemas import volume_type as schemas

MULTIATTACH_TRUE = "<is> True"


def _readable_specs(req: ApiRequest, session: orm.Session, type_id: str) -> dict[str, str]:
    specs = volume_types.extra_specs(session, type_id)
    if req.allowed("volume_extension:types_extra_specs:read_sensitive"):
        return specs
    return volume_types.user_visible(specs)


def _changeable(req: ApiRequest, session: orm.Session) -> models.VolumeType:
    volume_type = volume_types.find(session, req.params["type_id"], caller(req))
    if volume_types.in_use(session, volume_type.id):
        raise errors.bad_request("Volume Type is currently in use.")
    return volume_type


def _check_cacheable(session: orm.Session, type_id: str, specs: dict[str, str]) -> None:
    """Cinder refuses a type that would be both cacheable and multiattach."""
    merged = {**volume_types.extra_specs(session, type_id), **specs}
    if merged.get("cacheable") == MULTIATTACH_TRUE and merged.get("multiattach") == (
        MULTIATTACH_TRUE
    ):
        raise errors.bad_request("cacheable cannot be set with multiattach.")


def list_extra_specs(req: ApiRequest) -> Response:
    authorize(req, "volume_extension:types_extra_specs:index")
    with runtime(req).database.reader() as session:
        volume_type = volume_types.find(session, req.params["type_id"], caller(req))
        return responses.json({"extra_specs": _readable_specs(req, session, volume_type.id)})


def create_extra_specs(req: ApiRequest) -> Response:
    authorize(req, "volume_extension:types_extra_specs:create")
    specs = req.validated(schemas.EXTRA_SPECS_CREATE)["extra_specs"]
    with runtime(req).database.transaction() as session:
        volume_type = _changeable(req, session)
        _check_cacheable(session, volume_type.id, specs)
        volume_types.set_extra_specs(session, volume_type, specs)
    return responses.json({"extra_specs": specs})


def show_extra_spec(req: ApiRequest) -> Response:
    authorize(req, "volume_extension:types_extra_specs:show")
    key = req.params["key"]
    with runtime(req).database.reader() as session:
        volume_type = volume_types.find(session, req.params["type_id"], caller(req))
        specs = _readable_specs(req, session, volume_type.id)
    if key not in specs:
        raise errors.not_found(f"Volume Type {volume_type.id} has no extra specs with key {key}.")
    return responses.json({key: specs[key]})


def update_extra_spec(req: ApiRequest) -> Response:
    authorize(req, "volume_extension:types_extra_specs:update")
    spec = req.validated(schemas.EXTRA_SPEC_ITEM)
    if req.params["key"] not in spec:
        raise errors.bad_request("Request body and URI mismatch")
    with runtime(req).database.transaction() as session:
        volume_type = _changeable(req, session)
        _check_cacheable(session, volume_type.id, spec)
        volume_types.set_extra_specs(session, volume_type, spec)
    return responses.json(spec)


def delete_extra_spec(req: ApiRequest) -> Response:
    with runtime(req).database.transaction() as session:
        volume_type = volume_types.find(session, req.params["type_id"], caller(req))
        authorize(req, "volume_extension:types_extra_specs:delete")
        if volume_types.in_use(session, volume_type.id):
            raise errors.bad_request("Volume Type is currently in use.")
        volume_types.delete_extra_spec(session, volume_type, req.params["key"])
    return responses.no_content(202)
