"""The image API's handlers, one module per entity, named as in the route table.

Every handler reads: path item → policy check (Glance's rule, and Glance's
habit of answering 404 for an image the caller may not even see) → body →
object call → serialise.
"""

from __future__ import annotations

import typing

from sqlalchemy import orm

from pocketstack.api import errors as api_errors
from pocketstack.api.request import ApiRequest
from pocketstack.image import errors, models
from pocketstack.image.objects import Caller
from pocketstack.image.objects import image as images

if typing.TYPE_CHECKING:
    from pocketstack.image.service import ImageRuntime


def runtime(req: ApiRequest) -> ImageRuntime:
    return req.service.runtime


def caller(req: ApiRequest) -> Caller:
    return Caller(req.context.project_id, req.allowed("context_is_admin"))


def authorize(req: ApiRequest, rule: str, target: dict | None = None) -> None:
    """A rule with no image behind it: 403 in Glance's words."""
    try:
        req.authorize(rule, target or {})
    except api_errors.Forbidden:
        raise errors.policy_denied(rule) from None


def authorize_image(req: ApiRequest, rule: str, session: orm.Session, image: models.Image) -> None:
    """Glance's ImageAPIPolicy: a refusal is a 404 unless the caller may see
    the image, so nobody learns of images they cannot see."""
    target = images.policy_target(session, image, caller(req))
    try:
        req.authorize(rule, target)
    except api_errors.Forbidden:
        if rule == "get_image" or not req.allowed("get_image", target):
            raise errors.not_found() from None
        raise errors.policy_denied(rule) from None


def visible_image(
    req: ApiRequest,
    session: orm.Session,
    missing: typing.Callable[[str], errors.GlanceError] = errors.image_not_found,
) -> models.Image:
    """The path's image, if the caller may see it and get_image allows it.
    ``missing`` words the 404 as Glance's handler for the call does."""
    image = images.find(session, req.params["image_id"])
    if image is None or not images.is_visible(session, image, caller(req)):
        req.require_auth()  # still 401 for a missing token
        raise missing(req.params["image_id"])
    authorize_image(req, "get_image", session, image)
    return image


def isotime(moment) -> str | None:
    """Glance's timestamps: seconds, with a Z."""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ") if moment is not None else None
