"""The task bus: how an API hands work to a scheduler or a manager.

Shaped like oslo.messaging's RPC so that a RabbitMQ implementation can stand
in for the in-process one without touching any service:

- ``cast(target, method, **kwargs)``: fire and forget;
- ``call(target, method, timeout=…, **kwargs)``: wait for the answer;
- ``serve(target, endpoint)``: a manager's public methods answer on a target
  such as ``"volume"`` (any host) or ``"volume.host@backend"`` (that one);
- ``every(seconds, name, fn)``: a periodic task (reclaim, heal, reconcile).

Arguments and results must survive a round trip through JSON, because on a
real broker they cross a process boundary; the in-process bus enforces it.
"""

from __future__ import annotations

import typing


class NoSuchTarget(LookupError):
    """Nothing serves the target a message was sent to."""


class TaskBus(typing.Protocol):
    def serve(self, target: str, endpoint: object) -> None: ...

    def cast(self, target: str, method: str, **kwargs: typing.Any) -> None: ...

    def call(
        self, target: str, method: str, *, timeout: float = 60.0, **kwargs: typing.Any
    ) -> typing.Any: ...

    def every(self, seconds: float, name: str, fn: typing.Callable[[], None]) -> None: ...

    def start(self) -> None: ...

    def stop(self) -> None: ...
