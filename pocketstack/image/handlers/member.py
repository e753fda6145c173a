"""/v2/images/{id}/members: sharing an image with other projects."""

from __future__ import annotations

from sqlalchemy import orm
from starlette.responses import Response

from pocketstack import timeutils
from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.image import errors, models, schemas
from pocketstack.image.handlers import authorize_image, caller, isotime, runtime, visible_image
from pocketstack.image.objects import image as images
from pocketstack.image.objects import member as members
from pocketstack.image.schemas import member as rules


def view(member: models.ImageMember) -> dict:
    return {
        "created_at": isotime(member.created_at),
        "image_id": member.image_id,
        "member_id": member.member,
        "schema": "/v2/schemas/member",
        "status": member.status,
        "updated_at": isotime(member.updated_at),
    }


ONLY_SHARED = "Only shared images have members."
_MEMBER_FORM = 'Expected a member in the form: {"member": "image_id"}'


def _image(req: ApiRequest, session: orm.Session, action: str) -> models.Image:
    """Glance's order: the image (404), then whether it is shared (refused
    in the words of ``action``); the member rules are asked after."""
    image = visible_image(req, session, missing=errors.unknown_image)
    if image.visibility == "shared":
        return image
    if action == "show":  # Glance hides this refusal as a 404
        raise errors.not_found(ONLY_SHARED)
    if action == "list":
        raise errors.forbidden(f"Not allowed to list members for image {image.id}: {ONLY_SHARED}")
    raise errors.forbidden(f"Not allowed to {action} members for image {image.id}.")


def create_member(req: ApiRequest) -> Response:
    body = req.validated(schemas.ANY)
    if not isinstance(body, dict):
        raise errors.bad_request(_MEMBER_FORM)
    if "member" not in body:
        raise errors.bad_request("Member to be added not specified")
    if not body["member"]:
        raise errors.bad_request("Member can't be empty")
    if not isinstance(body["member"], str):
        raise errors.bad_request(_MEMBER_FORM)
    with runtime(req).database.transaction() as session:
        image = _image(req, session, "create")
        authorize_image(req, "add_member", session, image)
        member = members.add(
            session, image, body["member"], runtime(req).settings.image.image_member_quota
        )
        return responses.json(view(member))


def list_members(req: ApiRequest) -> Response:
    with runtime(req).database.reader() as session:
        image = _image(req, session, "list")
        authorize_image(req, "get_members", session, image)
        found = members.visible(session, image, caller(req))
        return responses.json(
            {"members": [view(m) for m in found], "schema": "/v2/schemas/members"}
        )


def show_member(req: ApiRequest) -> Response:
    with runtime(req).database.reader() as session:
        image = _image(req, session, "show")
        if not req.allowed("get_member", images.policy_target(session, image, caller(req))):
            raise errors.not_found(errors.denied_text("get_member"))
        return responses.json(view(_member(req, session, image)))


def update_member(req: ApiRequest) -> Response:
    body = req.validated(schemas.ANY)
    if not isinstance(body, dict):
        raise errors.bad_request('Expected a status in the form: {"status": "status"}')
    if "status" not in body:
        raise errors.bad_request("Status not specified")
    with runtime(req).database.transaction() as session:
        image = _image(req, session, "update")
        authorize_image(req, "get_member", session, image)
        member = _member(req, session, image)
        authorize_image(req, "modify_member", session, image)
        if body["status"] not in rules.STATUSES:
            raise errors.bad_request(
                'Incorrect request: Status must be "pending", "accepted" or "rejected".'
            )
        member.status = body["status"]
        member.updated_at = timeutils.utcnow()
        session.flush()
        return responses.json(view(member))


def delete_member(req: ApiRequest) -> Response:
    with runtime(req).database.transaction() as session:
        image = _image(req, session, "delete")
        authorize_image(req, "get_member", session, image)
        member = _member(req, session, image)
        authorize_image(req, "delete_member", session, image)
        session.delete(member)
    return responses.no_content()


def _member(req: ApiRequest, session: orm.Session, image: models.Image) -> models.ImageMember:
    member_id = req.params["member_id"]
    found = members.visible(session, image, caller(req))
    for member in found:
        if member.member == member_id:
            return member
    raise errors.not_found(f"{member_id} not found in the member list of the image {image.id}.")
