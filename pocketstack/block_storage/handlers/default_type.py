"""/v3/default-types (3.62): a project's own default volume type, which
volumes of that project get when they name none."""

from __future__ import annotations

import sqlalchemy as sa
from starlette.responses import Response

from pocketstack import timeutils
from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.block_storage import errors, models
from pocketstack.block_storage import microversions as mv
from pocketstack.block_storage.handlers import authorize, caller, require_version, runtime
from pocketstack.block_storage.objects import volume_type as volume_types
from pocketstack.block_storage.schemas import volume_type as schemas

DefaultType = models.DefaultVolumeType


def _view(row: DefaultType) -> dict[str, str]:
    return {"project_id": row.project_id, "volume_type_id": row.volume_type_id}


def set_default_type(req: ApiRequest) -> Response:
    require_version(req, mv.DEFAULT_TYPE_OVERRIDES)
    project_id = req.params["project_id"]
    authorize(req, "volume_extension:default_set_or_update", project_id)
    name_or_id = req.validated(schemas.DEFAULT_TYPE_SET)["default_type"]["volume_type"]
    with runtime(req).database.transaction() as session:
        try:
            volume_type = volume_types.resolve(session, name_or_id, caller(req))
        except errors.ApiError as missing:
            raise errors.bad_request(missing.message) from None
        row = session.get(DefaultType, project_id)
        if row is None:
            row = DefaultType(project_id=project_id, created_at=timeutils.utcnow())
            session.add(row)
        else:
            row.updated_at = timeutils.utcnow()
        row.volume_type_id = volume_type.id
        session.flush()
        return responses.json({"default_type": _view(row)})


def show_default_type(req: ApiRequest) -> Response:
    require_version(req, mv.DEFAULT_TYPE_OVERRIDES)
    project_id = req.params["project_id"]
    authorize(req, "volume_extension:default_get", project_id)
    with runtime(req).database.reader() as session:
        row = session.get(DefaultType, project_id)
        if row is None:
            raise errors.not_found(f"Default type for project {project_id} not found.")
        return responses.json({"default_type": _view(row)})


def list_default_types(req: ApiRequest) -> Response:
    require_version(req, mv.DEFAULT_TYPE_OVERRIDES)
    try:
        authorize(req, "volume_extension:default_get_all")
    except errors.ApiError:
        raise errors.forbidden("You are not authorized to perform this operation.") from None
    with runtime(req).database.reader() as session:
        rows = session.scalars(sa.select(DefaultType).order_by(DefaultType.project_id))
        return responses.json({"default_types": [_view(row) for row in rows]})


def unset_default_type(req: ApiRequest) -> Response:
    require_version(req, mv.DEFAULT_TYPE_OVERRIDES)
    project_id = req.params["project_id"]
    authorize(req, "volume_extension:default_unset", project_id)
    with runtime(req).database.transaction() as session:
        session.execute(sa.delete(DefaultType).where(DefaultType.project_id == project_id))
    return responses.no_content(204)
