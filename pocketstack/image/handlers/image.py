"""/v2/images: create, list, show, update (JSON patch), delete, actions, tags."""

from __future__ import annotations

import typing
from urllib.parse import urlencode

from sqlalchemy import orm
from starlette.responses import Response

from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.image import errors, models, schemas
from pocketstack.image.handlers import (
    authorize,
    authorize_image,
    caller,
    isotime,
    runtime,
    visible_image,
)
from pocketstack.image.objects import image as images
from pocketstack.image.objects import listing, patch, quota, update
from pocketstack.image.schemas import image as rules

ATTRIBUTES = (
    "name",
    "disk_format",
    "container_format",
    "visibility",
    "size",
    "virtual_size",
    "status",
    "checksum",
    "protected",
    "min_ram",
    "min_disk",
    "owner",
    "os_hidden",
    "os_hash_algo",
    "os_hash_value",
)


def view(req: ApiRequest, session: orm.Session, image: models.Image) -> dict[str, typing.Any]:
    """Glance's image view: custom properties, then the attributes, links and stores."""
    body: dict[str, typing.Any] = images.properties_of(session, image.id)
    body.update({key: getattr(image, key) for key in ATTRIBUTES})
    body.update(
        id=image.id, created_at=isotime(image.created_at), updated_at=isotime(image.updated_at)
    )
    locations = images.locations_of(session, image.id)
    body["tags"] = images.tags_of(session, image.id)
    body.update(
        {
            "self": f"/v2/images/{image.id}",
            "file": f"/v2/images/{image.id}/file",
            "schema": "/v2/schemas/image",
        }
    )
    stores = [loc.meta_data.get("store") for loc in locations if loc.meta_data.get("store")]
    if stores:
        body["stores"] = ",".join(stores)
    return body


def create_image(req: ApiRequest) -> Response:
    body = dict(req.validated(schemas.OBJECT))
    for key in rules.DISALLOWED:
        if key in body:
            raise errors.read_only(key)
    schemas.check("image", body)
    tags = body.pop("tags", [])
    fields = {key: body.pop(key) for key in rules.BASE if key in body and key != "tags"}
    for key in body:
        if len(key) > 255:
            raise errors.bad_request("Custom property should not be greater than 255 characters.")
        if key in rules.RESERVED or key.startswith(rules.RESERVED_NAMESPACE):
            raise errors.reserved(key, as_detail=True)
    fields.setdefault("owner", req.context.project_id)
    target = {
        "project_id": fields["owner"],
        "owner": fields["owner"],
        "visibility": fields.get("visibility") or "private",
    }
    _authorize_create(req, target)
    _authorize_visibility(req, fields.get("visibility"), target)
    for key in rules.CREATE_READ_ONLY:
        if key in body:
            raise errors.read_only(key)
    if "locations" in body:  # reserved by Glance's image factory, after the API's checks
        raise errors.reserved("locations")
    for key in ("min_disk", "min_ram"):
        if (fields.get(key) or 0) < 0:
            raise errors.bad_request(
                f"Invalid value '{fields[key]}' for parameter '{key}': Cannot be a negative value"
            )
    settings = runtime(req).settings.image
    _check_counts(settings, body, tags)
    with runtime(req).database.transaction() as session:
        quota.enforce(session, runtime(req).limits, req.context.project_id, "image_count_total", 1)
        image = images.create(session, fields, body, tags)
        headers = {
            "Location": f"{req.base_url}/v2/images/{image.id}",
            "OpenStack-image-import-methods": settings.enabled_import_methods,
            "OpenStack-image-store-ids": ",".join(runtime(req).stores.stores),
        }
        return responses.json(view(req, session, image), 201, headers)


def list_images(req: ApiRequest) -> Response:
    authorize(req, "get_images", {"project_id": req.context.project_id})
    query = _query(req)
    with runtime(req).database.reader() as session:
        page, more = listing.run(session, caller(req), query)
        body: dict[str, typing.Any] = {
            "images": [view(req, session, image) for image in page],
            "first": "/v2/images",
            "schema": "/v2/schemas/images",
        }
    params = [(k, v) for k, v in req.query.multi_items() if k != "marker"]
    if params:
        body["first"] = f"/v2/images?{urlencode(params)}"
    if more:
        body["next"] = f"/v2/images?{urlencode([*params, ('marker', page[-1].id)])}"
    return responses.json(body)


def show_image(req: ApiRequest) -> Response:
    with runtime(req).database.reader() as session:
        image = visible_image(req, session)
        return responses.json(view(req, session, image))


def update_image(req: ApiRequest) -> Response:
    content_type = req.headers.get("content-type", "").split(";")[0].strip()
    if content_type not in rules.PATCH_MEDIA_TYPES:
        allowed = ", ".join(sorted(rules.PATCH_MEDIA_TYPES))
        raise errors.unsupported_media_type(
            content_type,
            f"Image PATCH expects Content-Type one of: {allowed}",
            {"Accept-Patch": allowed},
        )
    changes = patch.parse(req.validated(schemas.ANY), rules.PATCH_MEDIA_TYPES[content_type])
    with runtime(req).database.transaction() as session:
        image = visible_image(req, session)
        update.apply(session, image, changes, _Permissions(req, session, image))
        return responses.json(view(req, session, image))


def delete_image(req: ApiRequest) -> Response:
    with runtime(req).database.transaction() as session:
        image = visible_image(req, session, missing=errors.nothing_to_delete)
        authorize_image(req, "delete_image", session, image)
        urls = images.delete(session, image)
        staged = runtime(req).stores.staging.url_for(image.id)
    for url in [*urls, staged]:
        store = runtime(req).stores.for_url(url) or runtime(req).stores.staging
        store.delete(url)
    return responses.no_content()


def deactivate_image(req: ApiRequest) -> Response:
    return _activation(req, "deactivate", "active", "deactivated")


def reactivate_image(req: ApiRequest) -> Response:
    return _activation(req, "reactivate", "deactivated", "active")


def _activation(req: ApiRequest, action: str, source: str, target: str) -> Response:
    with runtime(req).database.transaction() as session:
        image = visible_image(req, session)
        authorize_image(req, action, session, image)
        if image.status == target:  # Glance treats a repeat as done
            return responses.no_content()
        if image.status != source:
            raise errors.forbidden(f"Not allowed to {action} image in status '{image.status}'")
        images.move(session, action, image.id)
    return responses.no_content()


def add_tag(req: ApiRequest) -> Response:
    schemas.check("image", {"tags": [req.params["tag"]]})
    with runtime(req).database.transaction() as session:
        image = visible_image(req, session, missing=errors.unknown_image)
        authorize_image(req, "modify_image", session, image)
        tags = images.tags_of(session, image.id)
        if req.params["tag"] not in tags:
            limit = runtime(req).settings.image.image_tag_quota
            if 0 <= limit < len(tags) + 1:
                raise errors.too_large(
                    f"Image tag limit exceeded for image {image.id}: The limit has been "
                    f"exceeded on the number of allowed image tags. Attempted: "
                    f"{len(tags) + 1}, Maximum: {limit}:"
                )
            images.set_tags(session, image.id, [*tags, req.params["tag"]])
            images.touch(session, image)
    return responses.no_content()


def delete_tag(req: ApiRequest) -> Response:
    with runtime(req).database.transaction() as session:
        image = visible_image(req, session, missing=errors.unknown_image)
        authorize_image(req, "modify_image", session, image)
        tags = images.tags_of(session, image.id)
        if req.params["tag"] not in tags:
            raise errors.not_found()
        images.set_tags(session, image.id, [t for t in tags if t != req.params["tag"]])
        images.touch(session, image)
    return responses.no_content()


class _Permissions:
    """What a patch may do, asked of the policy as Glance's update_property does."""

    def __init__(self, req: ApiRequest, session: orm.Session, image: models.Image) -> None:
        self.req, self.session, self.image = req, session, image

    @property
    def is_admin(self) -> bool:
        return caller(self.req).is_admin

    def update_property(self, name: str, value: typing.Any = None) -> None:
        """Glance's update_property: visibility's own rule first, then modify_image."""
        if name == "visibility":
            target = images.policy_target(self.session, self.image, caller(self.req))
            _authorize_visibility(self.req, value, target)
        authorize_image(self.req, "modify_image", self.session, self.image)

    def locations(self, rule: str) -> None:
        authorize_image(self.req, rule, self.session, self.image)

    @property
    def settings(self):
        return runtime(self.req).settings.image


def _authorize_create(req: ApiRequest, target: dict) -> None:
    """add_image; refused for another project's image in Glance's words."""
    if not req.allowed("add_image", target):
        req.require_auth()
        if target["owner"] != req.context.project_id:
            raise errors.forbidden(
                detail=f"You are not permitted to create images owned by '{target['owner']}'"
            )
    authorize(req, "add_image", target)


def _authorize_visibility(req: ApiRequest, visibility: str | None, target: dict) -> None:
    if visibility == "public":
        authorize(req, "publicize_image", target)
    elif visibility == "community":
        authorize(req, "communitize_image", target)


def _check_counts(settings, properties: dict, tags: list) -> None:
    for limit, count, kind in (
        (settings.image_property_quota, len(properties), "properties"),
        (settings.image_tag_quota, len(set(tags)), "tags"),
    ):
        if 0 <= limit < count:
            raise errors.limit_exceeded_count(kind, count, limit)


def _query(req: ApiRequest) -> listing.Query:
    params = req.query
    filters = {
        k: v
        for k, v in params.items()
        if k not in ("limit", "marker", "member_status", "tag", "sort", "sort_key", "sort_dir")
    }
    visibility = filters.get("visibility")
    if visibility and visibility not in (*rules.VISIBILITIES, "all"):
        raise errors.bad_request(f"Invalid visibility value: {visibility}")
    if "changes-since" in filters:
        raise errors.bad_request('The "changes-since" filter is no longer available on v2.')
    member_status = params.get("member_status", "accepted")
    if member_status not in rules.MEMBER_STATUSES:
        raise errors.bad_request(f"Invalid status: {member_status}")
    limit = params.get("limit")
    if limit is not None:
        try:
            limit = int(limit)
        except ValueError:
            raise errors.bad_request("limit param must be an integer") from None
        if limit < 0:
            raise errors.bad_request("limit param must be positive")
    sort, tiebreak = _sorting(req)
    return listing.Query(
        filters,
        [t.strip() for t in params.getlist("tag")],
        member_status,
        sort,
        limit,
        params.get("marker"),
        tiebreak,
    )


def _sorting(req: ApiRequest) -> tuple[list[tuple[str, str]], str]:
    """The sort keys with their directions, and the direction of Glance's
    tie-breakers (the one direction given, else desc)."""
    params = req.query
    if "sort" in params:
        if "sort_key" in params or "sort_dir" in params:
            raise errors.bad_request("Old and new sorting syntax cannot be combined")
        pairs = [item.partition(":")[::2] for item in params["sort"].strip().split(",")]
        checked = [(_sort_key(k.strip()), _sort_dir(d.strip() or "desc")) for k, d in pairs]
        keys, dirs = [k for k, _ in checked], [d for _, d in checked]
    else:
        keys = [_sort_key(k.strip()) for k in params.getlist("sort_key")] or ["created_at"]
        dirs = [_sort_dir(d.strip()) for d in params.getlist("sort_dir")] or ["desc"]
        if len(dirs) > 1 and len(dirs) != len(keys):
            raise errors.bad_request("Number of sort dirs does not match the number of sort keys")
    tiebreak = dirs[0] if len(dirs) == 1 else "desc"
    if len(dirs) == 1:
        dirs = dirs * len(keys)
    return list(zip(keys, dirs, strict=False)), tiebreak


def _sort_key(key: str) -> str:
    if key not in rules.SORT_KEYS:
        raise errors.bad_request(
            f"Invalid sort key: {key}. It must be one of the following: "
            f"{', '.join(rules.SORT_KEYS)}."
        )
    return key


def _sort_dir(direction: str) -> str:
    if direction not in ("asc", "desc"):
        raise errors.bad_request(f"Invalid sort direction: {direction}")
    return direction
