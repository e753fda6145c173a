"""An object: upload (PUT, streamed to a file), download (GET, with Range),
HEAD, POST (replace its metadata) and DELETE; static large objects too."""

from __future__ import annotations

import mimetypes
import re
from collections.abc import Iterator
from urllib.parse import unquote

from starlette.requests import ClientDisconnect
from starlette.responses import Response, StreamingResponse

from pocketstack.api.request import ApiRequest
from pocketstack.api.service import streams_body
from pocketstack.object_store import errors
from pocketstack.object_store.handlers import authorize, http_date, runtime
from pocketstack.object_store.handlers.info import MAX_FILE_SIZE
from pocketstack.object_store.models import StoredObject
from pocketstack.object_store.objects import container as containers
from pocketstack.object_store.objects import large, metadata
from pocketstack.object_store.objects import obj as objects
from pocketstack.object_store.objects.obj import Version, timestamp

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


@streams_body
def upload_object(req: ApiRequest) -> Response:
    project_id = authorize(req, "object_store:write")
    name = req.params["object"]
    objects.check_name(name)
    _refuse_expiry(req)
    meta = metadata.replacement(metadata.OBJECT, req.headers)
    if req.query.get("multipart-manifest") == "put":
        return _upload_manifest(req, project_id, name, meta)
    if "x-copy-from" in req.headers:
        return _copy(req, project_id, name)
    declared = _declared_length(req)
    with runtime(req).database.reader() as session:
        containers.find(session, project_id, req.params["container"])  # 404 before the bytes
    file, size, md5 = _write(req)
    problem = None
    if declared is not None and size != declared:
        problem = errors.client_disconnect()  # the body ended early
    elif req.headers.get("etag", md5).strip('"').lower() != md5:
        problem = errors.etag_mismatch()
    if problem is not None:
        runtime(req).files.remove(file)
        raise problem
    version = Version(size, md5, _content_type(req, name), meta, file=file)
    row = _store(req, project_id, name, version)
    return Response(status_code=201, headers=_stored_headers(row))


def download_object(req: ApiRequest) -> Response:
    project_id = authorize(req, "object_store:read")
    with runtime(req).database.reader() as session:
        row = _find(req, session, project_id)
        pieces = large.pieces(session, project_id, row)
    headers = _object_headers(row)
    if req.method == "HEAD":
        return Response(headers=headers)
    offset, length, status = _range(req.headers.get("range", ""), row.size)
    headers["Content-Length"] = str(length)
    if status == 206:
        headers["Content-Range"] = f"bytes {offset}-{offset + length - 1}/{row.size}"
    chunks = _read(runtime(req).files, pieces, offset, length)
    return StreamingResponse(chunks, status_code=status, headers=headers)


def update_object(req: ApiRequest) -> Response:
    project_id = authorize(req, "object_store:write")
    _refuse_expiry(req)
    meta = metadata.replacement(metadata.OBJECT, req.headers)
    with runtime(req).database.transaction() as session:
        container = containers.find(session, project_id, req.params["container"])
        content_type = req.headers.get("content-type")
        objects.replace_meta(session, container, req.params["object"], meta, content_type)
    return Response(status_code=202)


def delete_object(req: ApiRequest) -> Response:
    project_id = authorize(req, "object_store:write")
    with_segments = req.query.get("multipart-manifest") == "delete"
    with runtime(req).database.transaction() as session:
        container = containers.find(session, project_id, req.params["container"])
        row = objects.delete(session, container, req.params["object"])
        gone = [row]
        if with_segments:
            for segment in large.segments(session, project_id, row):
                session.delete(segment)
                gone.append(segment)
    for each in gone:
        runtime(req).files.remove(each.file)
    if not with_segments:
        return Response(status_code=204)
    # Swift answers a manifest delete as its bulk middleware does.
    summary = (
        f"Number Deleted: {len(gone)}\nNumber Not Found: 0\n"
        "Response Body: \nResponse Status: 200 OK\nErrors: \n"
    )
    return Response(summary.encode(), media_type="text/plain")


def _upload_manifest(req: ApiRequest, project_id: str, name: str, meta: dict) -> Response:
    body = b""
    for block in req.body_stream():
        body += block
        if len(body) > large.MAX_MANIFEST_SIZE:
            raise errors.too_large()
    entries = large.parse(body)
    with runtime(req).database.transaction() as session:
        manifest = large.resolve(session, project_id, entries)
    size = sum(segment["bytes"] for segment in manifest)
    version = Version(size, large.etag(manifest), _content_type(req, name), meta, manifest=manifest)
    row = _store(req, project_id, name, version)
    return Response(status_code=201, headers=_stored_headers(row))


def _copy(req: ApiRequest, project_id: str, name: str) -> Response:
    """PUT with X-Copy-From: the source's bytes (a large object's whole
    content) and metadata, the request's own metadata over it."""
    source_container, _, source_name = (
        unquote(req.headers["x-copy-from"]).lstrip("/").partition("/")
    )
    if not source_container or not source_name:
        raise errors.precondition_failed(
            "X-Copy-From header must be of the form <container name>/<object name>"
        )
    with runtime(req).database.reader() as session:
        source = objects.find(
            session, containers.find(session, project_id, source_container), source_name
        )
        pieces = large.pieces(session, project_id, source)
    fresh = req.headers.get("x-fresh-metadata", "").lower() in ("true", "1", "yes")
    meta = {} if fresh else dict(source.meta)
    meta.update(metadata.replacement(metadata.OBJECT, req.headers))
    metadata.check(metadata.OBJECT, meta)
    files = runtime(req).files
    file, size, md5 = files.write(_read(files, pieces, 0, source.size), MAX_FILE_SIZE)
    content_type = req.headers.get("content-type") or source.content_type
    row = _store(req, project_id, name, Version(size, md5, content_type, meta, file=file))
    headers = _stored_headers(row) | {"X-Copied-From": f"{source_container}/{source_name}"}
    return Response(status_code=201, headers=headers)


def _write(req: ApiRequest) -> tuple[str, int, str]:
    try:
        return runtime(req).files.write(req.body_stream(), MAX_FILE_SIZE)
    except OverflowError:
        raise errors.too_large() from None
    except ClientDisconnect:
        raise errors.client_disconnect() from None


def _store(req: ApiRequest, project_id: str, name: str, version: Version) -> StoredObject:
    """Commit the object's row; the file it replaced goes once committed."""
    files = runtime(req).files
    try:
        with runtime(req).database.transaction() as session:
            container = containers.find(session, project_id, req.params["container"])
            row, replaced = objects.put(session, container, name, version)
    except BaseException:
        files.remove(version.file)
        raise
    files.remove(replaced)
    return row


def _find(req: ApiRequest, session, project_id: str) -> StoredObject:
    container = containers.find(session, project_id, req.params["container"])
    return objects.find(session, container, req.params["object"])


def _refuse_expiry(req: ApiRequest) -> None:
    """No expirer runs here, so an expiry asked for is refused, not ignored."""
    if "x-delete-at" in req.headers or "x-delete-after" in req.headers:
        raise errors.bad_request("Object expiry (X-Delete-At, X-Delete-After) is not supported")


def _declared_length(req: ApiRequest) -> int | None:
    """Content-Length, or None for a chunked body; Swift wants one of them."""
    length = req.headers.get("content-length")
    if length is None:
        if "chunked" not in req.headers.get("transfer-encoding", "").lower():
            raise errors.length_required()
        return None
    if not length.isdigit():
        raise errors.bad_request("Invalid Content-Length")
    if int(length) > MAX_FILE_SIZE:
        raise errors.too_large()
    return int(length)


def _content_type(req: ApiRequest, name: str) -> str:
    given = req.headers.get("content-type", "")
    detect = req.headers.get("x-detect-content-type", "").lower() in ("true", "1", "yes")
    if given and not detect:
        return given
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def _stored_headers(row: StoredObject) -> dict[str, str]:
    return {"Etag": row.etag, "Last-Modified": http_date(row.last_modified)}


def _object_headers(row: StoredObject) -> dict[str, str]:
    headers = {
        "Content-Length": str(row.size),
        "Content-Type": row.content_type,
        "Etag": row.etag,
        "Last-Modified": http_date(row.last_modified),
        "X-Timestamp": timestamp(row.last_modified),
        "Accept-Ranges": "bytes",
        **metadata.response_headers(row.meta),
    }
    if row.manifest is not None:
        headers["X-Static-Large-Object"] = "True"
    return headers


def _range(header: str, size: int) -> tuple[int, int, int]:
    """(offset, length, status) for one byte range; others are ignored, as
    the RFC lets a server ignore a Range it does not serve."""
    match = _RANGE.match(header.strip())
    if not match or size == 0 or match.groups() == ("", ""):
        return 0, size, 200
    first, last = match.groups()
    if first == "":
        start = max(size - int(last), 0)
        end = size - 1
    else:
        start = int(first)
        end = min(int(last), size - 1) if last else size - 1
        if last and int(last) < start:
            return 0, size, 200
    if start >= size:
        raise errors.range_not_satisfiable(size)
    return start, end - start + 1, 206


def _read(files, pieces: list[large.Piece], offset: int, length: int) -> Iterator[bytes]:
    for piece in pieces:
        if length <= 0:
            return
        if offset >= piece.size:
            offset -= piece.size
            continue
        take = min(piece.size - offset, length)
        yield from files.read(piece.file, offset, take)
        length -= take
        offset = 0
