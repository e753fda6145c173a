"""/v2/images/{id}/members: sharing an image with other projects."""

from __future__ import annotations

from sqlalchemy import orm
from starlette.responses import Response

from pocketstack import timeutils
from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.image import errors, models, schemas
from pocketstack.image.handlers import authorize_image, caller, isotime, runtime
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


def _image(req: ApiRequest, session: orm.Session, rule: str) -> models.Image:
    image = images.find(session, req.params["image_id"])
    if image is None or not images.is_visible(session, image, caller(req)):
        req.require_auth()
        raise errors.not_found(f"Image {req.params['image_id']} not found.")
    authorize_image(req, rule, session, image)
    return image


def _shared(image: models.Image, action: str) -> None:
    if image.visibility != "shared":
        raise errors.forbidden(f"Not allowed to {action} members for image {image.id}.")


def create_member(req: ApiRequest) -> Response:
    body = req.validated(schemas.OBJECT)
    if "member" not in body:
        raise errors.bad_request("Member to be added not specified")
    if not body["member"]:
        raise errors.bad_request("Member can't be empty")
    if not isinstance(body["member"], str):
        raise errors.bad_request('Expected a member in the form: {"member": "image_id"}')
    with runtime(req).database.transaction() as session:
        image = _image(req, session, "add_member")
        _shared(image, "create")
        member = members.add(
            session, image, body["member"], runtime(req).settings.image.image_member_quota
        )
        return responses.json(view(member))


def list_members(req: ApiRequest) -> Response:
    with runtime(req).database.reader() as session:
        image = _image(req, session, "get_members")
        if image.visibility != "shared":
            raise errors.forbidden("Only shared images have members.")
        found = members.visible(session, image, caller(req))
        return responses.json(
            {"members": [view(m) for m in found], "schema": "/v2/schemas/members"}
        )


def show_member(req: ApiRequest) -> Response:
    with runtime(req).database.reader() as session:
        image = _image(req, session, "get_member")
        return responses.json(view(_member(req, session, image)))


def update_member(req: ApiRequest) -> Response:
    body = req.validated(schemas.OBJECT)
    if "status" not in body:
        raise errors.bad_request("Status not specified")
    with runtime(req).database.transaction() as session:
        image = _image(req, session, "modify_member")
        _shared(image, "update")
        member = _member(req, session, image)
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
        image = _image(req, session, "delete_member")
        _shared(image, "delete")
        session.delete(_member(req, session, image))
    return responses.no_content()


def _member(req: ApiRequest, session: orm.Session, image: models.Image) -> models.ImageMember:
    member_id = req.params["member_id"]
    found = members.visible(session, image, caller(req))
    for member in found:
        if member.member == member_id:
            return member
    raise errors.not_found(f"{member_id} not found in the member list of the image {image.id}.")
