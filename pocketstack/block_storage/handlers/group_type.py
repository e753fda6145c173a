"""/v3/group_types (3.11): group types and their group specs."""

from __future__ import annotations

import typing
import uuid

import sqlalchemy as sa
from sqlalchemy import orm
from starlette.responses import Response

from pocketstack import timeutils
from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.block_storage import errors, models
from pocketstack.block_storage import microversions as mv
from pocketstack.block_storage.handlers import authorize, caller, require_version, runtime
from pocketstack.block_storage.objects import group_type as group_types
from pocketstack.block_storage.objects import listing
from pocketstack.block_storage.schemas import group as schemas
from pocketstack.block_storage.schemas.types import TRUE_WORDS, as_bool

# What a strict boolean takes besides TRUE_WORDS (oslo's bool_from_string).
FALSE_WORDS = frozenset({"0", "f", "false", "off", "n", "no"})

GroupType = models.GroupType
SORTABLE = ("created_at", "updated_at", "id", "name", "description", "is_public")


def view(req: ApiRequest, session: orm.Session, group_type: GroupType) -> dict[str, typing.Any]:
    body: dict[str, typing.Any] = {
        "id": group_type.id,
        "name": group_type.name,
        "description": group_type.description,
        "is_public": group_type.is_public,
    }
    if req.allowed("group:access_group_types_specs", {"project_id": req.context.project_id}):
        body["group_specs"] = group_types.specs(session, group_type.id)
    return body


def list_group_types(req: ApiRequest) -> Response:
    # Any user may list the public types (Cinder asks no rule here).
    req.require_auth()
    require_version(req, mv.GROUP_TYPE)
    paging = listing.parse(req.query)
    select = sa.select(GroupType)
    if caller(req).is_admin:
        wanted = req.query.get("is_public")
        if wanted is None:
            select = select.where(GroupType.is_public.is_(True))
        elif wanted.strip().lower() != "none":
            select = select.where(GroupType.is_public.is_(_strict_bool(wanted)))
    else:
        select = select.where(GroupType.is_public.is_(True))
    with runtime(req).database.reader() as session:
        rows = listing.page(session, select, GroupType, paging, SORTABLE)
        body: dict[str, typing.Any] = {"group_types": [view(req, session, t) for t in rows]}
    links = listing.next_links(req.base_url + "/v3", "group_types", req.query, rows, paging)
    if links:
        body["group_type_links"] = links
    return responses.json(body)


def _strict_bool(text: str) -> bool:
    word = text.strip().lower()
    if word not in TRUE_WORDS | FALSE_WORDS:
        raise errors.bad_request(f"Invalid is_public filter [{text}]")
    return word in TRUE_WORDS


def show_group_type(req: ApiRequest) -> Response:
    req.require_auth()
    require_version(req, mv.GROUP_TYPE)
    type_id = req.params["group_type_id"]
    if type_id == "default":
        # Cinder's default_group_type is unset unless an operator sets it.
        raise errors.not_found("Default group type can not be found.")
    with runtime(req).database.reader() as session:
        group_type = group_types.find(session, type_id, caller(req))
        return responses.json({"group_type": view(req, session, group_type)})


def create_group_type(req: ApiRequest) -> Response:
    require_version(req, mv.GROUP_TYPE)
    authorize(req, "group:group_types:create")
    fields = req.validated(schemas.TYPE_CREATE)["group_type"]
    with runtime(req).database.transaction() as session:
        if group_types.name_taken(session, fields["name"]):
            raise errors.conflict(f"Group Type {fields['name']} already exists.")
        group_type = GroupType(
            id=str(uuid.uuid4()),
            name=fields["name"],
            description=fields.get("description"),
            is_public=as_bool(fields.get("is_public", True)),
            created_at=timeutils.utcnow(),
        )
        session.add(group_type)
        session.flush()
        group_types.set_specs(session, group_type.id, fields.get("group_specs") or {})
        return responses.json({"group_type": view(req, session, group_type)}, status=202)


def update_group_type(req: ApiRequest) -> Response:
    require_version(req, mv.GROUP_TYPE)
    authorize(req, "group:group_types:update")
    fields = req.validated(schemas.TYPE_UPDATE)["group_type"]
    name, description = fields.get("name"), fields.get("description")
    if name is not None and not name.strip():
        raise errors.bad_request("Group type name can not be empty.")
    if name is None and description is None and fields.get("is_public") is None:
        raise errors.bad_request("Specify group type name, description or a combination thereof.")
    with runtime(req).database.transaction() as session:
        group_type = group_types.find(session, req.params["group_type_id"], caller(req))
        if name is not None:
            if group_types.name_taken(session, name, but=group_type.id):
                raise errors.conflict(f"Group Type {name} already exists.")
            group_type.name = name
        if description is not None:
            group_type.description = description
        if fields.get("is_public") is not None:
            group_type.is_public = as_bool(fields["is_public"])
        group_type.updated_at = timeutils.utcnow()
        session.flush()
        return responses.json({"group_type": view(req, session, group_type)})


def delete_group_type(req: ApiRequest) -> Response:
    require_version(req, mv.GROUP_TYPE)
    authorize(req, "group:group_types:delete")
    with runtime(req).database.transaction() as session:
        group_type = group_types.find(session, req.params["group_type_id"], caller(req))
        if group_types.in_use(session, group_type.id):
            raise errors.bad_request("Target group type is still in use.")
        session.execute(
            sa.delete(models.GroupTypeSpec).where(
                models.GroupTypeSpec.group_type_id == group_type.id
            )
        )
        session.delete(group_type)
    return responses.no_content(202)


def _type_of(req: ApiRequest, session: orm.Session) -> GroupType:
    return group_types.find(session, req.params["group_type_id"], caller(req))


def list_specs(req: ApiRequest) -> Response:
    require_version(req, mv.GROUP_TYPE)
    authorize(req, "group:group_types_specs:get_all")
    with runtime(req).database.reader() as session:
        group_type = _type_of(req, session)
        return responses.json({"group_specs": group_types.specs(session, group_type.id)})


def create_specs(req: ApiRequest) -> Response:
    require_version(req, mv.GROUP_TYPE)
    authorize(req, "group:group_types_specs:create")
    body = req.validated(schemas.SPECS_CREATE)
    with runtime(req).database.transaction() as session:
        group_type = _type_of(req, session)
        group_types.set_specs(session, group_type.id, body["group_specs"])
    return responses.json(body, status=202)


def show_spec(req: ApiRequest) -> Response:
    require_version(req, mv.GROUP_TYPE)
    authorize(req, "group:group_types_specs:get")
    key = req.params["key"]
    with runtime(req).database.reader() as session:
        group_type = _type_of(req, session)
        specs = group_types.specs(session, group_type.id)
    if key not in specs:
        raise errors.not_found(f"Group Type {group_type.id} has no extra spec with key {key}.")
    return responses.json({key: specs[key]})


def update_spec(req: ApiRequest) -> Response:
    require_version(req, mv.GROUP_TYPE)
    authorize(req, "group:group_types_specs:update")
    body = req.validated(schemas.SPEC_UPDATE)
    key = req.params["key"]
    if key not in body:
        raise errors.bad_request("Request body and URI mismatch")
    with runtime(req).database.transaction() as session:
        group_type = _type_of(req, session)
        group_types.set_specs(session, group_type.id, body)
    return responses.json(body)


def delete_spec(req: ApiRequest) -> Response:
    require_version(req, mv.GROUP_TYPE)
    authorize(req, "group:group_types_specs:delete")
    key = req.params["key"]
    with runtime(req).database.transaction() as session:
        group_type = _type_of(req, session)
        deleted = session.execute(
            sa.delete(models.GroupTypeSpec).where(
                models.GroupTypeSpec.group_type_id == group_type.id,
                models.GroupTypeSpec.key == key,
            )
        ).rowcount
        if not deleted:
            raise errors.not_found(f"Group Type {group_type.id} has no specs with key {key}.")
    return responses.no_content(202)
