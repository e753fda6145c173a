"""/v3/types: volume types (create, list, show, update, delete, the default
type) and the project access of private types."""

from __future__ import annotations

import ast
import typing

import sqlalchemy as sa
from sqlalchemy import orm
from starlette.responses import Response

from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.block_storage import errors, models
from pocketstack.block_storage.handlers import authorize, body_of, caller, runtime
from pocketstack.block_storage.objects import listing
from pocketstack.block_storage.objects import volume_type as volume_types
from pocketstack.block_storage.schemas import volume_type as schemas
from pocketstack.block_storage.schemas.types import BOOLEAN, as_bool

VolumeType = models.VolumeType
SORTABLE = ("created_at", "updated_at", "id", "name", "description", "is_public")
IS_PUBLIC_KEY = "os-volume-type-access:is_public"


def type_view(req: ApiRequest, session: orm.Session, volume_type: VolumeType) -> dict:
    """Cinder's type view, with what the caller's policy lets it see."""
    body: dict[str, typing.Any] = {
        "id": volume_type.id,
        "name": volume_type.name,
        "is_public": volume_type.is_public,
        "description": volume_type.description,
    }
    if req.allowed("volume_extension:access_types_extra_specs", _own(req)):
        specs = volume_types.extra_specs(session, volume_type.id)
        if not req.allowed("volume_extension:types_extra_specs:read_sensitive", _own(req)):
            specs = volume_types.user_visible(specs)
        body["extra_specs"] = specs
    if req.allowed("volume_extension:access_types_qos_specs_id", _own(req)):
        body["qos_specs_id"] = volume_type.qos_specs_id
    if req.allowed("volume_extension:volume_type_access", _own(req)):
        body[IS_PUBLIC_KEY] = volume_type.is_public
    return body


def _own(req: ApiRequest) -> dict[str, str | None]:
    return {"project_id": req.context.project_id}


def list_types(req: ApiRequest) -> Response:
    authorize(req, "volume_extension:type_get_all")
    paging = listing.parse(req.query)
    who = caller(req)
    with runtime(req).database.reader() as session:
        select = volume_types.visible(session, who, _is_public_filter(req))
        specs_filter = _extra_specs_filter(req)
        if specs_filter is None:
            return responses.json({"volume_types": []})
        for key, value in specs_filter.items():
            select = select.where(
                sa.exists().where(
                    models.VolumeTypeExtraSpec.volume_type_id == VolumeType.id,
                    models.VolumeTypeExtraSpec.key == key,
                    models.VolumeTypeExtraSpec.value == str(value),
                )
            )
        rows = listing.page(session, select, VolumeType, paging, SORTABLE)
        body: dict[str, typing.Any] = {
            "volume_types": [type_view(req, session, row) for row in rows]
        }
    next_links = listing.next_links(req.base_url + "/v3", "types", req.query, rows, paging)
    if next_links:
        body["volume_type_links"] = next_links
    return responses.json(body)


def _is_public_filter(req: ApiRequest) -> bool | None:
    """Cinder's is_public query: absent → public only; "none" → both."""
    text = req.query.get("is_public")
    if text is None:
        return True
    if text.lower() == "none":
        return None
    if text not in BOOLEAN["enum"]:
        raise errors.bad_request(f"Invalid is_public filter [{text}]")
    return as_bool(text)


def _extra_specs_filter(req: ApiRequest) -> dict | None:
    """The ``extra_specs`` filter as a dict; None when it names a spec the
    caller may not see (Cinder then lists nothing rather than lie)."""
    text = req.query.get("extra_specs")
    if text is None:
        return {}
    try:
        specs = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        specs = None
    if not isinstance(specs, dict):
        raise errors.invalid_input(f"Invalid filter extra_specs: {text}")
    sensitive = [key for key in specs if key not in volume_types.USER_VISIBLE_EXTRA_SPECS]
    if sensitive and not req.allowed("volume_extension:types_extra_specs:read_sensitive"):
        return None
    return specs


def show_type(req: ApiRequest) -> Response:
    type_id = req.params["type_id"]
    with runtime(req).database.reader() as session:
        if type_id == "default":
            volume_type = runtime(req).default_type(session, req.context.project_id)
        else:
            volume_type = volume_types.find(session, type_id, caller(req))
        authorize(req, "volume_extension:type_get")
        return responses.json({"volume_type": type_view(req, session, volume_type)})


def create_type(req: ApiRequest) -> Response:
    authorize(req, "volume_extension:type_create")
    body = body_of(req, schemas.CREATE, "volume_type")
    with runtime(req).database.transaction() as session:
        volume_type = volume_types.create(
            session,
            body["name"],
            body.get("description"),
            as_bool(body.get(IS_PUBLIC_KEY, True)),
            {k: v for k, v in (body.get("extra_specs") or {}).items() if v is not None},
        )
        return responses.json({"volume_type": type_view(req, session, volume_type)})


def update_type(req: ApiRequest) -> Response:
    authorize(req, "volume_extension:type_update")
    body = body_of(req, schemas.UPDATE, "volume_type")
    name, description = body.get("name"), body.get("description")
    is_public = body.get("is_public")
    if name is not None and not name.strip():
        raise errors.bad_request("Volume type name can not be empty.")
    if name is None and description is None and is_public is None:
        raise errors.bad_request(
            "Specify volume type name, description, is_public or a combination thereof."
        )
    with runtime(req).database.transaction() as session:
        volume_type = volume_types.find(session, req.params["type_id"], caller(req))
        flag = None if is_public is None else as_bool(is_public)
        volume_types.update(session, volume_type, name, description, flag)
        return responses.json({"volume_type": type_view(req, session, volume_type)})


def delete_type(req: ApiRequest) -> Response:
    authorize(req, "volume_extension:type_delete")
    with runtime(req).database.transaction() as session:
        volume_type = volume_types.find(session, req.params["type_id"], caller(req))
        volume_types.destroy(session, volume_type, runtime(req).settings.default_volume_type)
    return responses.no_content(202)


def list_type_access(req: ApiRequest) -> Response:
    authorize(req, "volume_extension:volume_type_access:get_all_for_type")
    with runtime(req).database.reader() as session:
        volume_type = volume_types.find(session, req.params["type_id"], caller(req))
        if volume_type.is_public:
            raise errors.not_found("Access list not available for public volume types.")
        access = [
            {"volume_type_id": volume_type.id, "project_id": project_id}
            for project_id in volume_types.projects(session, volume_type.id)
        ]
    return responses.json({"volume_type_access": access})


def type_action(req: ApiRequest) -> Response:
    """POST /v3/types/{id}/action: addProjectAccess or removeProjectAccess."""
    document = req.json
    if isinstance(document, dict) and "removeProjectAccess" in document:
        authorize(req, "volume_extension:volume_type_access:removeProjectAccess")
        project = body_of(req, schemas.REMOVE_PROJECT_ACCESS, "removeProjectAccess")["project"]
        change = volume_types.remove_access
    else:
        authorize(req, "volume_extension:volume_type_access:addProjectAccess")
        project = body_of(req, schemas.ADD_PROJECT_ACCESS, "addProjectAccess")["project"]
        change = volume_types.add_access
    _check_project_id(project)
    with runtime(req).database.transaction() as session:
        volume_type = volume_types.find(session, req.params["type_id"], caller(req))
        change(session, volume_type, project)
    return responses.no_content(202)


def _check_project_id(project: str) -> None:
    """Keystone's project ids are hex (32 digits, or a UUID); anything else
    cannot name a project, so sharing with it is refused."""
    digits = project.replace("-", "")
    if len(digits) != 32 or any(c not in "0123456789abcdefABCDEF" for c in digits):
        raise errors.bad_request(f"Unable to authorize project {project}: it is not a project id.")
