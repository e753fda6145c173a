"""/v3/groups (3.13): generic volume groups.

Create records the group ``creating`` and casts it to the group manager,
which places it on a backend; update renames at once, and joins or drops
volumes through the manager (``updating`` → ``available``); delete moves
the group, and with ``delete-volumes`` its volumes, to ``deleting`` in one
transaction and casts the work.
"""

from __future__ import annotations

import typing
import uuid

import sqlalchemy as sa
from sqlalchemy import orm
from starlette.responses import Response

from pocketstack import timeutils
from pocketstack.api import responses
from pocketstack.api.errors import ApiError
from pocketstack.api.request import ApiRequest
from pocketstack.block_storage import errors, models
from pocketstack.block_storage import microversions as mv
from pocketstack.block_storage.group_manager import TARGET as GROUPS
from pocketstack.block_storage.handlers import (
    action_named,
    all_projects,
    at_least,
    authorize,
    caller,
    isotime,
    require_version,
    runtime,
    volume,
    volume_create,
)
from pocketstack.block_storage.objects import group as groups
from pocketstack.block_storage.objects import group_snapshot as group_snapshots
from pocketstack.block_storage.objects import group_type as group_types
from pocketstack.block_storage.objects import listing, quota
from pocketstack.block_storage.objects import volume as volumes
from pocketstack.block_storage.objects import volume_type as volume_types
from pocketstack.block_storage.schemas import group as schemas
from pocketstack.block_storage.schemas.types import as_bool

Group = models.Group
SORTABLE = ("created_at", "updated_at", "id", "name", "status", "availability_zone")
# Cinder's default resource filters for groups.
USER_FILTERS = ("name",)
ADMIN_FILTERS = ("id", "status", "availability_zone", "project_id", "group_type_id", "host")
IGNORED = frozenset({"all_tenants", "all_projects", "list_volume", *listing.PAGING_KEYS})


def filter_conditions(
    req: ApiRequest,
    model: type,
    user_filters: typing.Collection[str],
    admin_filters: typing.Collection[str],
) -> list[sa.ColumnElement[bool]]:
    """Cinder's list filters: users may use the resource's default filters
    (from 3.33 anything else is a 400), admins any column; ``name~`` matches
    a substring from 3.34."""
    is_admin = caller(req).is_admin
    like = at_least(req, mv.LIKE_FILTER)
    allowed = (*user_filters, *admin_filters) if is_admin else tuple(user_filters)
    found, invalid = [], []
    for raw_key, value in req.query.multi_items():
        if raw_key in IGNORED:
            continue
        key = raw_key[:-1] if like and raw_key.endswith("~") else raw_key
        if key not in allowed:
            invalid.append(raw_key)
            continue
        column = getattr(model, key)
        found.append(column.contains(value, autoescape=True) if key != raw_key else column == value)
    if invalid and at_least(req, mv.RESOURCE_FILTER):
        raise errors.bad_request(
            f"Invalid filters {', '.join(invalid)} are found in query options."
        )
    return found


def summary_view(group: Group) -> dict[str, typing.Any]:
    return {"id": group.id, "name": group.name}


def detail_view(req: ApiRequest, session: orm.Session, group: Group) -> dict[str, typing.Any]:
    body: dict[str, typing.Any] = {
        "id": group.id,
        "status": group.status,
        "availability_zone": group.availability_zone,
        "created_at": isotime(group.created_at),
        "name": group.name,
        "description": group.description,
        "group_type": group.group_type_id,
        "volume_types": groups.volume_type_ids(session, group.id),
    }
    if at_least(req, mv.GROUP_SNAPSHOTS):
        body["group_snapshot_id"] = group.group_snapshot_id
        body["source_group_id"] = group.source_group_id
    if at_least(req, "3.25") and as_bool(req.query.get("list_volume", "false")):
        body["volumes"] = [v.id for v in groups.volumes_of(session, group.id)]
    if at_least(req, "3.38"):
        body["replication_status"] = group.replication_status
    if at_least(req, mv.GROUP_GROUPSNAPSHOT_PROJECT_ID) and req.allowed(
        "group:group_project_attribute", {"project_id": group.project_id}
    ):
        body["project_id"] = group.project_id
    return body


def create_group(req: ApiRequest) -> Response:
    require_version(req, mv.GROUP_VOLUME)
    authorize(req, "group:create")
    fields = req.validated(schemas.CREATE)["group"]
    with runtime(req).database.transaction() as session:
        who = caller(req)
        group_type = group_types.resolve(session, fields["group_type"], who)
        type_ids = [volume_types.resolve(session, t, who).id for t in fields["volume_types"]]
        group = new_group(req, session, fields, group_type.id, type_ids)
        group.availability_zone = volume_create.zone(req, fields.get("availability_zone"))
        session.add(group)
        session.flush()
        body = summary_view(group)
    runtime(req).bus.cast(GROUPS, "create_group", group_id=group.id)
    return responses.json({"group": body}, status=202)


def new_group(
    req: ApiRequest, session: orm.Session, fields: dict, group_type_id: str, type_ids: list[str]
) -> Group:
    """A ``creating`` group of the caller's, its quota taken (not yet added)."""
    quota.consume(session, runtime(req).settings, req.context.project_id, {"groups": 1})
    group = Group(
        id=str(uuid.uuid4()),
        project_id=req.context.project_id,
        user_id=req.context.user_id,
        name=_stripped(fields.get("name")),
        description=_stripped(fields.get("description")),
        status="creating",
        group_type_id=group_type_id,
        replication_status="disabled",
        created_at=timeutils.utcnow(),
    )
    session.add_all(models.GroupVolumeType(group_id=group.id, volume_type_id=t) for t in type_ids)
    return group


def _listed(req: ApiRequest, session: orm.Session) -> tuple[list[Group], listing.Paging]:
    require_version(req, mv.GROUP_VOLUME)
    authorize(req, "group:get_all")
    paging = listing.parse(req.query)
    select = sa.select(Group)
    if not all_projects(req):
        select = select.where(Group.project_id == req.context.project_id)
    select = select.where(*filter_conditions(req, Group, USER_FILTERS, ADMIN_FILTERS))
    return listing.page(session, select, Group, paging, SORTABLE), paging


def _listing(req: ApiRequest, collection: str, detailed: bool) -> Response:
    with runtime(req).database.reader() as session:
        rows, paging = _listed(req, session)
        items = [detail_view(req, session, g) if detailed else summary_view(g) for g in rows]
    body: dict[str, typing.Any] = {"groups": items}
    links = listing.next_links(req.base_url + "/v3", collection, req.query, rows, paging)
    if links:
        body["group_links"] = links
    return responses.json(body)


def list_groups(req: ApiRequest) -> Response:
    return _listing(req, "groups", detailed=False)


def list_groups_detail(req: ApiRequest) -> Response:
    return _listing(req, "groups/detail", detailed=True)


def show_group(req: ApiRequest) -> Response:
    require_version(req, mv.GROUP_VOLUME)
    with runtime(req).database.reader() as session:
        group = groups.find(session, req.params["group_id"], caller(req))
        authorize(req, "group:get", group.project_id)
        return responses.json({"group": detail_view(req, session, group)})


def _id_list(text: str | None) -> list[str]:
    return [part for part in (text or "").strip(",").split(",") if part]


def update_group(req: ApiRequest) -> Response:
    require_version(req, mv.GROUP_VOLUME)
    fields = req.validated(schemas.UPDATE)["group"]
    add, remove = _id_list(fields.get("add_volumes")), _id_list(fields.get("remove_volumes"))
    with runtime(req).database.transaction() as session:
        group = groups.find(session, req.params["group_id"], caller(req))
        authorize(req, "group:update", group.project_id)
        both = [volume_id for volume_id in add if volume_id in remove]
        if both:
            raise errors.invalid_volume(f"UUIDs {both} are in both add and remove volume list.")
        members = {v.id: v for v in groups.volumes_of(session, group.id)}
        add = [_joinable(req, session, group, v) for v in add if v not in members]
        remove = [_leavable(group, members, v) for v in remove]
        name, description = _renamed(group, fields)
        if name is None and description is None and not add and not remove:
            raise errors.invalid_group(
                f"Cannot update group {group.id} because no valid name, description, "
                "add_volumes, or remove_volumes were provided."
            )
        if add or remove:
            groups.move(session, "update", group.id, reason="Group status must be available.")
        if name is not None:
            group.name = name
        if description is not None:
            group.description = description
        group.updated_at = timeutils.utcnow()
    if add or remove:
        runtime(req).bus.cast(GROUPS, "update_group", group_id=group.id, add=add, remove=remove)
    return responses.no_content(202)


def _stripped(text: str | None) -> str | None:
    """Cinder trims names and descriptions (None stays None)."""
    return text.strip() if text else text


def _renamed(group: Group, fields: dict) -> tuple[str | None, str | None]:
    """The new name and description, None where unchanged."""
    name, description = _stripped(fields.get("name")), _stripped(fields.get("description"))
    return (
        None if name == group.name else name,
        None if description == group.description else description,
    )


def _joinable(req: ApiRequest, session: orm.Session, group: Group, volume_id: str) -> str:
    """Cinder's checks of a volume to add to the group."""
    prefix = f"Cannot add volume {volume_id} to group {group.id}"
    found = session.get(models.Volume, volume_id)
    if found is None or not (caller(req).is_admin or found.project_id == req.context.project_id):
        raise errors.invalid_volume(f"{prefix} because volume cannot be found.")
    if found.group_id:
        raise errors.invalid_volume(f"{prefix} because it is already in group {found.group_id}.")
    if found.project_id != group.project_id:
        raise errors.invalid_volume(f"{prefix} as they belong to different projects.")
    if found.volume_type_id not in groups.volume_type_ids(session, group.id):
        raise errors.invalid_volume(
            f"{prefix} because volume type {found.volume_type_id} is not supported by the group."
        )
    if found.status not in groups.ADD_VOLUME_STATUSES:
        raise errors.invalid_volume(
            f"{prefix} because volume is in an invalid state: {found.status}. "
            f"Valid states are: {groups.ADD_VOLUME_STATUSES}."
        )
    if _backend(req, found.host) != _backend(req, group.host):
        raise errors.invalid_volume("Volume is not local to this node.")
    return volume_id


def _backend(req: ApiRequest, host: str | None) -> str | None:
    backend = runtime(req).backends.for_host(host)
    return backend.name if backend else None


def _leavable(group: Group, members: dict[str, models.Volume], volume_id: str) -> str:
    prefix = f"Cannot remove volume {volume_id} from group {group.id}"
    if volume_id not in members:
        raise errors.invalid_volume(f"{prefix} because it is not in the group.")
    status = members[volume_id].status
    if status not in groups.REMOVE_VOLUME_STATUSES:
        raise errors.invalid_volume(
            f"{prefix} because volume is in an invalid state: {status}. "
            f"Valid states are: {groups.REMOVE_VOLUME_STATUSES}."
        )
    return volume_id


def delete_group(req: ApiRequest, group: Group, session: orm.Session) -> None:
    """The "delete" action: Cinder's checks, then every status change in
    this one transaction."""
    authorize(req, "group:delete", group.project_id)
    delete_volumes = as_bool(req.validated(schemas.DELETE)["delete"].get("delete-volumes", False))
    if not delete_volumes and group.status not in ("available", "error"):
        raise errors.invalid_group(
            f"Group status must be available or error, but current status is: {group.status}"
        )
    if session.scalar(sa.select(groups.has_group_snapshots(group.id))):
        raise errors.invalid_group("Group has existing snapshots.")
    members = groups.volumes_of(session, group.id)
    if members and not delete_volumes:
        raise errors.invalid_group(
            f"Group {group.id} still contains volumes. "
            "The delete-volumes flag is required to delete it."
        )
    for member in members:
        if member.attach_status == "attached":
            raise errors.invalid_group(
                f"Volume in group {group.id} is attached. Need to detach first."
            )
        volumes.move(
            session,
            "delete_with_group",
            member.id,
            where=[models.Volume.group_id == group.id],
            reason=f"Volume in group {group.id} is attached. Need to detach first.",
        )
    groups.move(
        session,
        "delete_with_volumes" if delete_volumes else "delete",
        group.id,
        where=[~groups.has_group_snapshots(group.id), ~groups.copied_from(group.id)],
        reason=f"Cannot delete group {group.id}. Group status must be available or error and "
        "must not have dependent group snapshots, and it cannot be the source for an ongoing "
        "group or group snapshot creation.",
    )


def reset_status(req: ApiRequest, group: Group, session: orm.Session) -> None:
    require_version(req, "3.20")
    authorize(req, "group:reset_status", group.project_id)
    status = req.validated(schemas.RESET_STATUS)["reset_status"]["status"].lower()
    groups.move(
        session,
        "reset_status",
        group.id,
        values={"status": status, "updated_at": timeutils.utcnow()},
        reason=f"Group status {status} is not valid.",
    )


def list_replication_targets(req: ApiRequest, group: Group, session: orm.Session) -> dict:
    """3.38. Only a group of a replication group type whose volume types
    replicate has targets; no backend here has a replication device, so
    such a group's list is empty."""
    require_version(req, "3.38")
    authorize(req, "group:list_replication_targets", group.project_id)
    req.validated(schemas.LIST_REPLICATION)
    enabled = "<is> True"
    if group_types.specs(session, group.group_type_id).get(REPLICATED_GROUP) != enabled:
        raise errors.bad_request(
            f"Invalid group type: Group {group.id} is not a replication group type."
        )
    for type_id in groups.volume_type_ids(session, group.id):
        if volume_types.extra_specs(session, type_id).get("replication_enabled") != enabled:
            raise errors.bad_request(
                f"Invalid volume type: Volume type {type_id} does not have "
                "'replication_enabled' spec key set to '<is> True'."
            )
    return {"replication_targets": []}


REPLICATED_GROUP = "consistent_group_replication_enabled"
# The group actions (POST /v3/groups/{id}/action), by body key; an action
# that answers with a body returns it.
ACTIONS: dict[str, typing.Callable[[ApiRequest, Group, orm.Session], dict | None]] = {
    "delete": delete_group,
    "reset_status": reset_status,
    "list_replication_targets": list_replication_targets,
}


def group_action(req: ApiRequest) -> Response:
    require_version(req, mv.GROUP_VOLUME)
    try:
        action = action_named(req, ACTIONS)
    except ApiError:
        req.require_auth()  # a caller without a token is told so first
        raise
    name = next(iter(req.json))
    with runtime(req).database.transaction() as session:
        group = groups.find(session, req.params["group_id"], caller(req))
        answer = action(req, group, session)
    if name == "delete":
        runtime(req).bus.cast(GROUPS, "delete_group", group_id=group.id)
    return responses.json(answer) if answer is not None else responses.no_content(202)


def check_group_of_new_volume(
    req: ApiRequest, session: orm.Session, request: volume_create.CreateRequest
) -> None:
    """A volume created in a group (Cinder's create-flow checks): the group
    takes new volumes, the type is given and one of the group's, and the
    volume goes to the group's zone and backend."""
    group = groups.find(session, request.body["group_id"], caller(req))
    if group.status not in groups.PROCEED_STATUSES:
        raise errors.invalid_group(
            f"Originating group status must be one of '{', '.join(groups.PROCEED_STATUSES)}' values"
        )
    if request.volume_type is None:
        raise errors.invalid_input(
            "volume_type must be provided when creating a volume in a group."
        )
    if request.volume_type.id not in groups.volume_type_ids(session, group.id):
        raise errors.invalid_input(
            f"Invalid volume_type provided: {request.volume_type.name} (requested type must be "
            "supported by this group)."
        )
    request.availability_zone = group.availability_zone
    request.backend = request.backend or _backend(req, group.host)


def create_from_source(req: ApiRequest) -> Response:
    """POST /v3/groups/action {"create-from-src"} (3.14): a new group with a
    copy of every volume of a group snapshot or of another group, on the
    same backend; the manager copies the bytes."""
    require_version(req, mv.GROUP_SNAPSHOTS)
    authorize(req, "group:create")
    fields = req.validated(schemas.CREATE_FROM_SOURCE)["create-from-src"]
    with runtime(req).database.transaction() as session:
        source, members = _source_of(req, session, fields)
        group = new_group(
            req, session, fields, source.group_type_id, groups.volume_type_ids(session, source.id)
        )
        group.availability_zone, group.host = source.availability_zone, source.host
        group.group_snapshot_id = fields.get("group_snapshot_id")
        group.source_group_id = fields.get("source_group_id")
        session.add(group)
        session.flush()
        copies = _copy_volumes(req, session, group, members)
        body = summary_view(group)
    runtime(req).bus.cast(
        GROUPS,
        "create_group_from_source",
        group_id=group.id,
        sources=copies,
        group_snapshot_id=group.group_snapshot_id,
    )
    return responses.json({"group": body}, status=202)


def _source_of(
    req: ApiRequest, session: orm.Session, fields: dict
) -> tuple[Group, list[tuple[str, str, int]]]:
    """The group the source belongs to, and (volume id, type id, size) of
    each volume to copy."""
    who = caller(req)
    if fields.get("group_snapshot_id"):
        found = group_snapshots.find(session, fields["group_snapshot_id"], who)
        if found.status != "available":
            raise errors.invalid_group_snapshot("Group snapshot status must be available.")
        members = [
            (m.volume_id, m.volume_type_id, m.volume_size)
            for m in group_snapshots.members(session, found.id)
        ]
        if not members:
            raise errors.invalid_group("Group snapshot is empty. No group will be created.")
        return groups.find(session, found.group_id, who), members
    source = groups.find(session, fields["source_group_id"], who)
    if source.status != "available":
        raise errors.invalid_group("Source group status must be available.")
    members = [(v.id, v.volume_type_id, v.size) for v in groups.volumes_of(session, source.id)]
    if not members:
        raise errors.invalid_group("Source Group is empty. No group will be created.")
    return source, members


def _copy_volumes(
    req: ApiRequest, session: orm.Session, group: Group, members: list[tuple[str, str, int]]
) -> dict[str, str]:
    """A ``creating`` volume in the new group for each source volume, with
    its quota; new volume id → source volume id."""
    deltas = groups.per_type_deltas(session, "volumes", ((t, size) for _, t, size in members))
    quota.consume(session, runtime(req).settings, req.context.project_id, deltas)
    copies = {volumes.new_id(): source_id for source_id, _, _ in members}
    by_source = {source_id: (type_id, size) for source_id, type_id, size in members}
    for new_id, source_id in copies.items():
        type_id, size = by_source[source_id]
        session.add(
            models.Volume(
                id=new_id,
                project_id=group.project_id,
                user_id=group.user_id,
                size=size,
                availability_zone=group.availability_zone,
                status="creating",
                attach_status="detached",
                volume_type_id=type_id,
                source_volid=None if group.group_snapshot_id else source_id,
                host=group.host,
                group_id=group.id,
                created_at=timeutils.utcnow(),
            )
        )
    return copies


volume_create.SOURCE_CHECKS["group_id"] = check_group_of_new_volume
volume.DELETE_GUARDS.append(groups.not_in_group)
