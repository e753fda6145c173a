"""The request a handler sees: context, parameters, body, policy and schemas.

Handlers run in a worker thread with the body already read, so they are plain
functions: path item → ``authorize`` → ``validated`` → object call → serialise.
A handler marked ``streams_body`` reads its body instead as a stream of
blocks (``req.body_stream()``), in constant memory, from the same thread.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator

import anyio.from_thread
import orjson
from starlette.datastructures import Headers, QueryParams
from starlette.requests import Request

from pocketstack.api import errors, validation
from pocketstack.api.context import RequestContext
from pocketstack.api.microversion import Version

if typing.TYPE_CHECKING:
    from pocketstack.api.service import ServiceApi


class BodyStream:
    """A request body read block by block from a worker thread.

    Each block is gathered on the event loop until it holds ``block_size``
    bytes (or the body ends), so a worker thread pays one hop per block rather
    than one per network read; at most one block is held in memory.
    """

    block_size = 1 << 20

    def __init__(self, request: Request) -> None:
        self._chunks = request.stream()
        self._ended = False

    def __iter__(self) -> Iterator[bytes]:
        while not self._ended:
            block = anyio.from_thread.run(self._next_block)
            if block:
                yield block

    async def _next_block(self) -> bytes:
        parts: list[bytes] = []
        size = 0
        while size < self.block_size:
            try:
                chunk = await self._chunks.__anext__()
            except StopAsyncIteration:
                self._ended = True
                break
            parts.append(chunk)
            size += len(chunk)
        return b"".join(parts)


class ApiRequest:
    def __init__(
        self,
        request: Request,
        body: bytes,
        service: ServiceApi,
        stream: BodyStream | None = None,
    ) -> None:
        self._request = request
        self.body = body
        self._stream = stream
        self.service = service
        self.context: RequestContext = request.scope["pocketstack.context"]
        self.params: dict[str, str] = request.path_params
        self.microversion: Version | None = None
        self.schema_checked = False
        self.json_read = False
        self._json: typing.Any = None

    @property
    def method(self) -> str:
        return self._request.method

    @property
    def headers(self) -> Headers:
        return self._request.headers

    @property
    def query(self) -> QueryParams:
        return self._request.query_params

    @property
    def url(self) -> str:
        return str(self._request.url)

    @property
    def base_url(self) -> str:
        """The service's own root URL as the client reached it (no slash)."""
        return self.service.public_url(self._request)

    def body_stream(self) -> BodyStream:
        """The body as blocks of bytes, for handlers marked ``streams_body``;
        a client that goes away mid-body raises starlette's ClientDisconnect."""
        if self._stream is None:
            raise RuntimeError("the handler is not marked streams_body")
        return self._stream

    @property
    def json(self) -> typing.Any:
        """The parsed body; 400 in the service's words if it is not JSON."""
        self.json_read = True
        return self._parsed()

    def is_json_object(self) -> bool:
        """Whether the body is a JSON object (400 if it is not JSON at all)."""
        return isinstance(self._parsed(), dict)

    def _parsed(self) -> typing.Any:
        if self._json is None:
            if not self.body:
                if self.service.body_errors.missing is not None:
                    raise self.service.body_errors.missing()
                self._json = {}
                return self._json
            try:
                self._json = orjson.loads(self.body)
            except orjson.JSONDecodeError:
                raise self.service.body_errors.malformed() from None
        return self._json

    def validated(self, schema: typing.Mapping[str, typing.Any]) -> typing.Any:
        """The body, checked against ``schema``; 400 naming the first problem."""
        document = self.json
        self.schema_checked = True
        try:
            validation.check(schema, document)
        except validation.SchemaError as error:
            raise self.service.body_errors.invalid(error) from None
        return document

    def authorize(self, rule: str, target: typing.Mapping[str, typing.Any] | None = None) -> None:
        self.service.policy.authorize(rule, self.context, target)

    def allowed(self, rule: str, target: typing.Mapping[str, typing.Any] | None = None) -> bool:
        """A second, quieter policy question (e.g. may this caller see all)."""
        return self.service.policy.check(rule, self.context, target)

    def require_auth(self) -> None:
        """For the few calls any authenticated user may make without a rule."""
        self.context.policy_checked = True
        if not self.context.is_authenticated:
            raise errors.Unauthorized()
