"""/v3/messages (3.3): what asynchronous requests that failed tell their
owner. A project sees its own messages only (admins all); lists filter on
the message filters and page from 3.5."""

from __future__ import annotations

import typing

import sqlalchemy as sa
from sqlalchemy import orm
from starlette.datastructures import QueryParams
from starlette.responses import Response

from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.block_storage import errors, models
from pocketstack.block_storage import microversions as mv
from pocketstack.block_storage.handlers import (
    at_least,
    authorize,
    caller,
    isotime,
    require_version,
    runtime,
)
from pocketstack.block_storage.objects import listing

Message = models.Message
# Cinder's default resource filters for messages.
FILTERS = ("resource_uuid", "resource_type", "event_id", "request_id", "message_level")
SORTABLE = ("created_at", "id", "event_id", "resource_type", "message_level", "request_id")


def message_view(req: ApiRequest, message: Message) -> dict[str, typing.Any]:
    base = req.base_url
    body: dict[str, typing.Any] = {
        "id": message.id,
        "event_id": message.event_id,
        "user_message": message.user_message,
        "message_level": message.message_level,
        "created_at": isotime(message.created_at),
        "guaranteed_until": isotime(message.expires_at),
        "request_id": message.request_id,
        "links": [
            {"href": f"{base}/v3/messages/{message.id}", "rel": "self"},
            {"href": f"{base}/messages/{message.id}", "rel": "bookmark"},
        ],
    }
    if message.resource_type:
        body["resource_type"] = message.resource_type
    if message.resource_uuid:
        body["resource_uuid"] = message.resource_uuid
    return body


def _find(req: ApiRequest, session: orm.Session) -> Message:
    message_id = req.params["message_id"]
    message = session.get(Message, message_id)
    if message is None or not (
        caller(req).is_admin or message.project_id == caller(req).project_id
    ):
        raise errors.not_found(f"Message {message_id} could not be found.")
    return message


def list_messages(req: ApiRequest) -> Response:
    require_version(req, mv.MESSAGES)
    authorize(req, "message:get_all")
    paging = listing.parse(req.query if at_least(req, mv.MESSAGES_PAGINATION) else QueryParams())
    select = sa.select(Message)
    if not caller(req).is_admin:
        select = select.where(Message.project_id == req.context.project_id)
    if at_least(req, mv.MESSAGES_PAGINATION):
        select = select.where(*_conditions(req))
    with runtime(req).database.reader() as session:
        rows = listing.page(session, select, Message, paging, SORTABLE)
        body: dict[str, typing.Any] = {"messages": [message_view(req, row) for row in rows]}
    next_links = listing.next_links(req.base_url + "/v3", "messages", req.query, rows, paging)
    if next_links:
        body["messages_links"] = next_links
    return responses.json(body)


def _conditions(req: ApiRequest) -> list[sa.ColumnElement[bool]]:
    like = at_least(req, mv.LIKE_FILTER)
    found, invalid = [], []
    for raw_key, value in req.query.multi_items():
        if raw_key in listing.PAGING_KEYS:
            continue
        key = raw_key[:-1] if like and raw_key.endswith("~") else raw_key
        if key not in FILTERS:
            invalid.append(raw_key)
            continue
        column = getattr(Message, key)
        found.append(column.contains(value, autoescape=True) if key != raw_key else column == value)
    if invalid and at_least(req, mv.RESOURCE_FILTER):
        raise errors.bad_request(
            f"Invalid filters {', '.join(invalid)} are found in query options."
        )
    return found


def show_message(req: ApiRequest) -> Response:
    require_version(req, mv.MESSAGES)
    with runtime(req).database.reader() as session:
        message = _find(req, session)
        authorize(req, "message:get", message.project_id)
        return responses.json({"message": message_view(req, message)})


def delete_message(req: ApiRequest) -> Response:
    require_version(req, mv.MESSAGES)
    with runtime(req).database.transaction() as session:
        message = _find(req, session)
        authorize(req, "message:delete", message.project_id)
        session.delete(message)
    return responses.no_content(204)
