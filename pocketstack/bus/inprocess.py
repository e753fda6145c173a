"""The embedded task bus: worker threads in this process.

Casts run on a thread pool and calls wait for their result. Arguments go
through JSON exactly as they would on a broker, so code that works here works
on RabbitMQ.
"""

from __future__ import annotations

import concurrent.futures
import logging
import threading
import typing

import orjson

from pocketstack.bus import NoSuchTarget

LOG = logging.getLogger(__name__)


class InProcessBus:
    def __init__(self, workers: int = 8) -> None:
        self._endpoints: dict[str, object] = {}
        self._pool = concurrent.futures.ThreadPoolExecutor(
            max_workers=workers, thread_name_prefix="bus"
        )
        self._periodic: list[tuple[float, str, typing.Callable[[], None]]] = []
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []
        self._pending: set[concurrent.futures.Future] = set()
        self._lock = threading.Lock()

    def serve(self, target: str, endpoint: object) -> None:
        self._endpoints[target] = endpoint

    def cast(self, target: str, method: str, **kwargs: typing.Any) -> None:
        future = self._submit(target, method, kwargs)
        with self._lock:
            self._pending.add(future)
        future.add_done_callback(self._finished_cast)

    def call(
        self, target: str, method: str, *, timeout: float = 60.0, **kwargs: typing.Any
    ) -> typing.Any:
        result = self._submit(target, method, kwargs).result(timeout=timeout)
        return orjson.loads(orjson.dumps(result))

    def every(self, seconds: float, name: str, fn: typing.Callable[[], None]) -> None:
        self._periodic.append((seconds, name, fn))

    def start(self) -> None:
        for seconds, name, fn in self._periodic:
            thread = threading.Thread(
                target=self._run_periodic, args=(seconds, name, fn), name=name, daemon=True
            )
            thread.start()
            self._threads.append(thread)

    def stop(self) -> None:
        """Stop periodic tasks and wait for casts already accepted."""
        self._stopping.set()
        for thread in self._threads:
            thread.join()
        self._pool.shutdown(wait=True)

    def drain(self, timeout: float = 30.0) -> None:
        """Wait until every cast sent so far has finished (for tests)."""
        with self._lock:
            pending = list(self._pending)
        concurrent.futures.wait(pending, timeout=timeout)

    def _submit(
        self, target: str, method: str, kwargs: dict[str, typing.Any]
    ) -> concurrent.futures.Future:
        endpoint = self._endpoints.get(target)
        if endpoint is None:
            raise NoSuchTarget(target)
        function = getattr(endpoint, method)
        arguments = orjson.loads(orjson.dumps(kwargs))
        return self._pool.submit(function, **arguments)

    def _finished_cast(self, future: concurrent.futures.Future) -> None:
        with self._lock:
            self._pending.discard(future)
        error = future.exception()
        if error is not None:
            LOG.error("task failed", exc_info=error)

    def _run_periodic(self, seconds: float, name: str, fn: typing.Callable[[], None]) -> None:
        while not self._stopping.wait(seconds):
            try:
                fn()
            except Exception:
                LOG.exception("periodic task %s failed", name)
