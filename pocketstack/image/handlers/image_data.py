"""/v2/images/{id}/file and /stage: image data streamed in and out."""

from __future__ import annotations

from starlette.responses import Response, StreamingResponse

from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.api.service import streams_body
from pocketstack.image import errors
from pocketstack.image.handlers import authorize_image, byte_range, caller, runtime, visible_image
from pocketstack.image.objects import data, quota
from pocketstack.image.objects import image as images
from pocketstack.image.stores import UnknownStore

MEBIBYTE = 1 << 20


@streams_body
def upload_image(req: ApiRequest) -> Response:
    _require_octet_stream(req)
    service = runtime(req)
    size = _declared_size(req)
    store_id = req.headers.get("x-image-meta-store", service.stores.default)
    with service.database.transaction() as session:
        image = visible_image(req, session)
        authorize_image(req, "upload_image", session, image)
        quota.enforce(
            session,
            service.limits,
            req.context.project_id,
            "image_size_total",
            (size or 0) // MEBIBYTE,
        )
        try:
            store = service.stores.get(store_id)
        except UnknownStore:
            raise errors.bad_request(f"Unknown scheme '{store_id}' found in URI") from None
        images.move(session, "upload", image.id)
        data.require_formats(image)
        quota.enforce(session, service.limits, req.context.project_id, "image_count_uploading")
    data.receive(
        service.database, store, image, req.body_stream(), service.settings.image.image_size_cap
    )
    return responses.no_content()


@streams_body
def stage_image(req: ApiRequest) -> Response:
    service = runtime(req)
    if "glance-direct" not in service.import_methods:
        raise errors.not_found("'glance-direct' method is not available at this site.")
    _require_octet_stream(req)
    size = _declared_size(req)
    with service.database.transaction() as session:
        image = visible_image(req, session)
        authorize_image(req, "modify_image", session, image)
        quota.enforce(
            session,
            service.limits,
            req.context.project_id,
            "image_stage_total",
            (size or 0) // MEBIBYTE,
        )
        if image.status != "queued":
            raise errors.status_transition(image.status, "uploading")
        images.move(session, "stage", image.id)
    data.receive(
        service.database,
        service.stores.staging,
        image,
        req.body_stream(),
        service.settings.image.image_size_cap,
        staging=True,
    )
    return responses.no_content()


def download_image(req: ApiRequest) -> Response:
    service = runtime(req)
    with service.database.reader() as session:
        image = visible_image(req, session)
        if image.status == "deactivated" and not caller(req).is_admin:
            raise errors.forbidden(
                "The requested image has been deactivated. Image data download is forbidden."
            )
        authorize_image(req, "download_image", session, image)
        locations = images.locations_of(session, image.id)
    stored = [(service.stores.for_url(loc.url), loc.url) for loc in locations]
    stored = [(store, url) for store, url in stored if store is not None and store.exists(url)]
    if image.status not in ("active", "deactivated") or not stored or image.size is None:
        return responses.no_content()
    store, url = stored[0]
    part = byte_range.requested(req.headers, image.size)
    offset, length = part or (0, image.size)
    headers = {"Content-Length": str(length)}
    if part is not None:
        headers["Content-Range"] = f"bytes {offset}-{offset + length - 1}/{image.size}"
    if image.checksum:
        headers["Content-MD5"] = image.checksum
    return StreamingResponse(
        store.read(url, offset, length),
        status_code=200 if part is None else 206,
        headers=headers,
        media_type="application/octet-stream",
    )


def _require_octet_stream(req: ApiRequest) -> None:
    content_type = req.headers.get("content-type", "").split(";")[0].strip()
    if content_type != "application/octet-stream":
        raise errors.unsupported_media_type(content_type, f"Invalid content type {content_type}")


def _declared_size(req: ApiRequest) -> int | None:
    """The size the client announces (Glance's _get_image_size, for quotas):
    x-openstack-image-size, else a non-zero Content-Length."""
    declared = req.headers.get("x-openstack-image-size")
    if declared is None:
        length = req.headers.get("content-length", "")
        return (int(length) or None) if length.isdigit() else None
    try:
        return int(declared)
    except ValueError:
        raise errors.bad_request("Invalid or missing image size in request headers.") from None
