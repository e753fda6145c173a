"""A small HTTP/1.1 load generator: N keep-alive connections for T seconds.

Written for these benchmarks so that anyone can run them with nothing but
pocketstack's own dependencies; it runs in its own process (on uvloop) so
its work is not counted against the server's.
"""

from __future__ import annotations

import asyncio
import dataclasses
import multiprocessing
import time
import urllib.parse


@dataclasses.dataclass
class Result:
    requests: int
    non_2xx: int
    seconds: float
    latencies: list[float]

    @property
    def rate(self) -> float:
        return self.requests / self.seconds

    def percentile(self, fraction: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0

    def line(self, label: str) -> str:
        return (
            f"{label}: {self.rate:,.1f} req/s, p50 {self.percentile(0.5) * 1000:.2f} ms, "
            f"p99 {self.percentile(0.99) * 1000:.2f} ms, non-2xx {self.non_2xx} of {self.requests}"
        )


async def _client(host: str, port: int, request: bytes, deadline: float, out: Result) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    while time.monotonic() < deadline:
        started = time.perf_counter()
        writer.write(request)
        status_line = await reader.readline()
        length = 0
        while (line := await reader.readline()) not in (b"\r\n", b""):
            if line[:15].lower() == b"content-length:":
                length = int(line[15:])
        await reader.readexactly(length)
        out.latencies.append(time.perf_counter() - started)
        out.requests += 1
        if status_line[9:10] != b"2":
            out.non_2xx += 1
    writer.close()


async def _run(url: str, request: bytes, clients: int, seconds: float) -> Result:
    parsed = urllib.parse.urlsplit(url)
    result = Result(0, 0, seconds, [])
    deadline = time.monotonic() + seconds
    await asyncio.gather(
        *(_client(parsed.hostname, parsed.port, request, deadline, result) for _ in range(clients))
    )
    return result


def build_request(method: str, url: str, headers: dict[str, str], body: bytes = b"") -> bytes:
    parsed = urllib.parse.urlsplit(url)
    lines = [f"{method} {parsed.path or '/'} HTTP/1.1", f"Host: {parsed.netloc}"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def _child(url: str, request: bytes, clients: int, seconds: float, queue) -> None:
    try:
        import uvloop

        uvloop.install()
    except ImportError:
        pass
    queue.put(asyncio.run(_run(url, request, clients, seconds)))


def load(url: str, request: bytes, clients: int = 8, seconds: float = 20.0) -> Result:
    """Run the load in a separate process and return what it measured."""
    queue: multiprocessing.Queue = multiprocessing.Queue()
    process = multiprocessing.Process(target=_child, args=(url, request, clients, seconds, queue))
    process.start()
    result = queue.get()
    process.join()
    return result
