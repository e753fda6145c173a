"""Static large objects: a manifest object read as its segments in order.

The manifest (``PUT ?multipart-manifest=put``) lists segments by path
(``/container/object``) with optional ``etag`` and ``size_bytes``; each must
exist in the same account and match. The large object's ETag is the MD5 of
its segments' ETags, quoted, as Swift gives it. Reading resolves the
segments as they are then; a segment gone or changed since is a 409.
Segments may themselves be large objects, to a depth of ten.
"""

from __future__ import annotations

import dataclasses
import hashlib
import typing

import orjson
from sqlalchemy import orm

from pocketstack.api import validation
from pocketstack.object_store import errors
from pocketstack.object_store.models import StoredObject
from pocketstack.object_store.objects import container as containers
from pocketstack.object_store.objects import obj as objects
from pocketstack.object_store.schemas import manifest as manifest_schema

MAX_SEGMENTS = manifest_schema.MAX_SEGMENTS
MAX_MANIFEST_SIZE = 8 * 1024 * 1024
MAX_DEPTH = 10


@dataclasses.dataclass(frozen=True)
class Piece:
    """A stretch of one data file that a large object is read from."""

    file: str
    size: int


def parse(body: bytes) -> list[dict[str, typing.Any]]:
    try:
        entries = orjson.loads(body)
    except orjson.JSONDecodeError:
        raise errors.malformed_body() from None
    try:
        validation.check(manifest_schema.MANIFEST, entries)
    except validation.SchemaError as error:
        where = f"Index {error.path.split('/')[0]}: " if error.path else ""
        raise errors.bad_request(f"{where}{error.message}\n") from None
    return entries


def resolve(session: orm.Session, project_id: str, entries: list[dict]) -> list[dict]:
    """The manifest to store, each segment checked against what exists."""
    manifest, problems = [], []
    for entry in entries:
        path = entry["path"]
        segment = _segment(session, project_id, path)
        if segment is None:
            problems.append(f"{path}, 404 Not Found")
            continue
        if entry.get("size_bytes") is not None and entry["size_bytes"] != segment.size:
            problems.append(f"{path}, Size Mismatch")
        if entry.get("etag") and entry["etag"].strip('"') != segment.etag.strip('"'):
            problems.append(f"{path}, Etag Mismatch")
        manifest.append({"path": path, "bytes": segment.size, "hash": segment.etag.strip('"')})
    if problems:
        raise errors.SwiftError(
            400, "Errors:\n" + "\n".join(problems) + "\n", content_type="text/plain"
        )
    return manifest


def etag(manifest: list[dict]) -> str:
    joined = "".join(segment["hash"] for segment in manifest)
    return '"' + hashlib.md5(joined.encode(), usedforsecurity=False).hexdigest() + '"'


def pieces(session: orm.Session, project_id: str, row: StoredObject, depth: int = 0) -> list[Piece]:
    """The data files ``row`` is read from, in order."""
    if row.manifest is None:
        assert row.file is not None
        return [Piece(row.file, row.size)]
    if depth >= MAX_DEPTH:
        raise errors.conflict()
    found: list[Piece] = []
    for segment in row.manifest:
        current = _segment(session, project_id, segment["path"])
        if current is None or current.etag.strip('"') != segment["hash"]:
            raise errors.conflict()
        found.extend(pieces(session, project_id, current, depth + 1))
    return found


def segments(session: orm.Session, project_id: str, row: StoredObject) -> list[StoredObject]:
    """The segment objects a manifest names that still exist (for deleting)."""
    return [
        segment
        for entry in row.manifest or []
        if (segment := _segment(session, project_id, entry["path"])) is not None
    ]


def _segment(session: orm.Session, project_id: str, path: str) -> StoredObject | None:
    container_name, _, name = path.lstrip("/").partition("/")
    if not container_name or not name:
        return None
    try:
        container = containers.find(session, project_id, container_name)
        return objects.find(session, container, name)
    except errors.SwiftError:
        return None
