"""Handlers of Swift's v1 API: path item → policy check → object call → headers.

Swift says most things in headers: counts, metadata, ETags. The helpers here
are the ones every level (account, container, object) shares.
"""

from __future__ import annotations

import datetime
import email.utils
import typing

import orjson
from starlette.responses import Response

from pocketstack.api.request import ApiRequest
from pocketstack.object_store import errors

if typing.TYPE_CHECKING:
    from pocketstack.object_store.service import ObjectStoreRuntime

ACCOUNT_PREFIX = "AUTH_"
MAX_ACCOUNT_LENGTH = 256


def runtime(req: ApiRequest) -> ObjectStoreRuntime:
    return req.service.runtime


def authorize(req: ApiRequest, rule: str) -> str:
    """The project whose account the path names, once ``rule`` allows the
    caller there (another project's account is a 403, as keystoneauth
    answers); an account outside the AUTH_ prefix is not served here."""
    account = req.params["account"]
    project_id = account.removeprefix(ACCOUNT_PREFIX)
    req.authorize(rule, {"project_id": project_id})
    if not account.startswith(ACCOUNT_PREFIX) or not project_id:
        raise errors.not_found()
    if len(account.encode()) > MAX_ACCOUNT_LENGTH:
        raise errors.bad_request(
            f"Account name length of {len(account.encode())} longer than {MAX_ACCOUNT_LENGTH}"
        )
    if any("\x00" in value for value in req.params.values()):
        raise errors.precondition_failed("Invalid UTF8 or contains NULL")
    return project_id


def http_date(moment: datetime.datetime) -> str:
    return email.utils.format_datetime(moment.replace(tzinfo=datetime.UTC), usegmt=True)


def listing_time(moment: datetime.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%f")


def listing(req: ApiRequest, entries: list[typing.Any], headers: dict[str, str]) -> Response:
    """A listing as JSON (format=json, or Accept: application/json) or as
    plain names, one a line; an empty plain listing is a 204."""
    wanted = req.query.get("format", "").lower()
    accept = req.headers.get("accept", "")
    if wanted == "json" or (not wanted and "application/json" in accept):
        body = orjson.dumps(entries)
        return Response(body, headers=headers, media_type="application/json; charset=utf-8")
    names = [entry.get("name") or entry.get("subdir") for entry in entries]
    if not names:
        return Response(status_code=204, headers=headers)
    text = "".join(f"{name}\n" for name in names)
    return Response(text.encode(), headers=headers, media_type="text/plain; charset=utf-8")
