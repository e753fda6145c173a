"""POST /v2/images/{id}/import: interoperable image import.

The API checks the request, moves the image to ``importing`` (copy-image
leaves it active), records an ``api_image_import`` task and casts it on the
bus; the image manager does the slow part.
"""

from __future__ import annotations

import typing
from urllib.parse import urlparse

from sqlalchemy import orm
from starlette.responses import Response

from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.image import errors, models, schemas
from pocketstack.image.handlers import authorize_image, runtime, visible_image
from pocketstack.image.objects import image as images
from pocketstack.image.objects import quota
from pocketstack.image.objects import task as tasks
from pocketstack.image.schemas.import_ import METHODS


def import_image(req: ApiRequest) -> Response:
    body = req.validated(schemas.OBJECT)
    method, uri = _method(req, body)
    service = runtime(req)
    with service.database.transaction() as session:
        quota.enforce(session, service.limits, req.context.project_id, "image_size_total")
        image = visible_image(req, session)
        _check_status(image, method)
        authorize_image(
            req, "copy_image" if method == "copy-image" else "modify_image", session, image
        )
        properties = images.properties_of(session, image.id)
        if "os_glance_import_task" in properties:
            raise errors.conflict(
                f"Image {image.id} could not be imported. It is already "
                "being imported by another task."
            )
        stores = _stores(req, session, body, image, method)
        if not stores:
            return responses.json({}, 202)
        if method == "web-download" and not service.web_download_allowed(uri):
            raise errors.bad_request(f"URI for web-download does not pass filtering: {uri}")
        task = tasks.create(
            session,
            "api_image_import",
            req.context.project_id,
            image.id,
            {"image_id": image.id, "import_req": body, "backend": stores},
            req.context.request_id,
            req.context.user_id,
        )
        properties.update(
            os_glance_import_task=task.id,
            os_glance_importing_to_stores=",".join(stores),
            os_glance_failed_import="",
        )
        images.set_properties(session, image.id, properties)
        if method != "copy-image":
            images.move(session, "import", image.id)
    service.bus.cast("image", "run_import", task_id=task.id)
    return responses.json({}, 202)


def _method(req: ApiRequest, body: dict) -> tuple[str, str | None]:
    method = body.get("method")
    if not isinstance(method, dict):
        raise errors.bad_request("Import request requires a 'method' field.")
    name = method.get("name")
    if name is None:
        raise errors.bad_request("Import request requires a 'name' field.")
    if name not in METHODS or name not in runtime(req).import_methods:
        raise errors.bad_request(f"Unknown import method name '{name}'.")
    for flag in ("all_stores_must_succeed", "all_stores"):
        if flag in body and not isinstance(body[flag], bool):
            raise errors.bad_request(f"'{flag}' must be boolean value only")
    return name, method.get("uri")


def _check_status(image: models.Image, method: str) -> None:
    problem = None
    if image.status == "active" and method != "copy-image":
        problem = "Image with status active cannot be target for import"
    elif image.status != "active" and method == "copy-image":
        problem = "Only images with status active can be targeted for copying"
    elif image.status != "queued" and method in ("web-download", "glance-download"):
        problem = f"Image needs to be in 'queued' state to use '{method}' method"
    elif image.status != "uploading" and method == "glance-direct":
        problem = "Image needs to be staged before 'glance-direct' method can be used"
    elif not image.container_format:
        problem = "'container_format' needs to be set before import"
    elif not image.disk_format:
        problem = "'disk_format' needs to be set before import"
    if problem:
        raise errors.conflict(problem)


def _stores(
    req: ApiRequest, session: orm.Session, body: dict, image: models.Image, method: str
) -> list[str]:
    configured = runtime(req).stores.stores
    _check_selectors(req, body)
    if body.get("all_stores"):
        wanted = list(configured)
    elif body.get("stores"):
        wanted = list(body["stores"])
    else:
        wanted = [req.headers.get("x-image-meta-store", runtime(req).stores.default)]
    for store in wanted:
        if store not in configured:
            raise errors.conflict(f"Unknown scheme '{store}' found in URI")
    if method != "copy-image":
        return wanted
    present = {loc.meta_data.get("store") for loc in images.locations_of(session, image.id)}
    if body.get("all_stores"):
        return [s for s in wanted if s not in present]
    for store in wanted:
        if store in present:
            raise errors.bad_request(f"Image is already present at store '{store}'")
    return wanted


def _check_selectors(req: ApiRequest, body: dict) -> None:
    """Stores are chosen one way only: all of them, a list, or the header."""
    header = "x-image-meta-store" in req.headers
    if body.get("all_stores") and ("stores" in body or header):
        raise errors.bad_request(
            "All_stores parameter can't be used with x-image-meta-store header or stores parameter"
        )
    if not body.get("all_stores") and "stores" in body and header:
        raise errors.bad_request(
            "Stores parameter and x-image-meta-store header can't be both specified"
        )


def uri_allowed(uri: typing.Any, hosts: set[str], schemes: set[str], ports: set[int]) -> bool:
    """The web-download filter: scheme, host and port must all be allowed."""
    if not isinstance(uri, str):
        return False
    try:
        parsed = urlparse(uri)
        port = parsed.port or {"http": 80, "https": 443}.get(parsed.scheme)
    except ValueError:
        return False
    return parsed.scheme in schemes and (parsed.hostname or "") in hosts and port in ports
