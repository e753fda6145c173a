"""/v3/types/{id}/encryption: a type's encryption specs (admin). They may
not change while volumes use the type."""

from __future__ import annotations

from sqlalchemy import orm
from starlette.responses import Response

from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.block_storage import errors, models
from pocketstack.block_storage.handlers import authorize, caller, runtime
from pocketstack.block_storage.objects import type_encryption
from pocketstack.block_storage.objects import volume_type as volume_types
from pocketstack.block_storage.schemas import volume_type as schemas


def _type(req: ApiRequest, session: orm.Session) -> models.VolumeType:
    return volume_types.find(session, req.params["type_id"], caller(req))


def _refuse_in_use(session: orm.Session, type_id: str, verb: str) -> None:
    if volume_types.in_use(session, type_id):
        raise errors.bad_request(f"Cannot {verb} encryption specs. Volume type in use.")


def show_encryption(req: ApiRequest) -> Response:
    """The type's encryption, or ``{}`` when it has none (as Cinder)."""
    authorize(req, "volume_extension:volume_type_encryption:get")
    with runtime(req).database.reader() as session:
        encryption = type_encryption.get(session, _type(req, session).id)
        return responses.json({} if encryption is None else type_encryption.view(encryption))


def show_encryption_item(req: ApiRequest) -> Response:
    """GET /encryption/{key}: one field of the encryption, by its name."""
    authorize(req, "volume_extension:volume_type_encryption:get")
    key = req.params["key"]
    with runtime(req).database.reader() as session:
        volume_type = _type(req, session)
        encryption = type_encryption.get(session, volume_type.id)
        fields = {} if encryption is None else type_encryption.view(encryption)
    if key not in fields:
        raise errors.not_found(f"Volume type encryption for type {volume_type.id} does not exist.")
    return responses.json({key: fields[key]})


def create_encryption(req: ApiRequest) -> Response:
    authorize(req, "volume_extension:volume_type_encryption:create")
    values = req.validated(schemas.ENCRYPTION_CREATE)["encryption"]
    with runtime(req).database.transaction() as session:
        volume_type = _type(req, session)
        _refuse_in_use(session, volume_type.id, "create")
        encryption = type_encryption.create(session, volume_type.id, values)
        return responses.json({"encryption": type_encryption.view(encryption)})


def update_encryption(req: ApiRequest) -> Response:
    authorize(req, "volume_extension:volume_type_encryption:update")
    values = req.validated(schemas.ENCRYPTION_UPDATE)["encryption"]
    with runtime(req).database.transaction() as session:
        volume_type = _type(req, session)
        _refuse_in_use(session, volume_type.id, "update")
        type_encryption.update(session, volume_type.id, values)
    return responses.json({"encryption": values})


def delete_encryption(req: ApiRequest) -> Response:
    authorize(req, "volume_extension:volume_type_encryption:delete")
    with runtime(req).database.transaction() as session:
        volume_type = _type(req, session)
        _refuse_in_use(session, volume_type.id, "delete")
        type_encryption.delete(session, volume_type.id)
    return responses.no_content(202)
