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

from pocketstack.object_store import errors
from pocketstack.object_store.models import StoredObject
from pocketstack.object_store.objects import container as containers
from pocketstack.object_store.objects import obj as objects

MAX_SEGMENTS = 1000
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
        raise errors.bad_request("Manifest must be valid JSON.\n") from None
    if not isinstance(entries, list) or not entries or len(entries) > MAX_SEGMENTS:
        raise errors.bad_request(f"Manifest must be a list of 1 to {MAX_SEGMENTS} segments.\n")
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict) or not isinstance(entry.get("path"), str):
            raise errors.bad_request(f"Index {index}: expected a path to a segment.\n")
        if entry.get("size_bytes") is not None and not isinstance(entry["size_bytes"], int):
            raise errors.bad_request(f"Index {index}: invalid size_bytes.\n")
        if entry.get("etag") is not None and not isinstance(entry["etag"], str):
            raise errors.bad_request(f"Index {index}: invalid etag.\n")
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
