"""Identity benchmark: start-up, idle memory, token issue and validation.

    python benchmarks/identity.py [--seconds 20] [--clients 8]

Starts ``pocketstack up`` serving identity alone on a free port with a fresh
data dir and prints: process start to ready (fresh data dir, then a restart
on the same dir), idle RSS, and token issue / token validate throughput and
p50/p99 latency with N concurrent keep-alive clients for T seconds, non-2xx
answers counted.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from loadgen import build_request, load  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(data_dir: Path, port: int) -> tuple[subprocess.Popen, float]:
    """Start the server; return it and the seconds until /identity/v3 is 200."""
    env = {**os.environ, "POCKETSTACK_SERVICES__ENABLED": "identity"}
    started = time.perf_counter()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pocketstack",
            "up",
            "--port",
            str(port),
            "--data-dir",
            str(data_dir),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    url = f"http://127.0.0.1:{port}/identity/v3"
    while True:
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return process, time.perf_counter() - started
        except OSError:
            if process.poll() is not None:
                raise SystemExit("pocketstack exited during start") from None
            time.sleep(0.005)


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def password_body(data_dir: Path, user: str, project: str) -> bytes:
    passwords = json.loads((data_dir / "secrets.json").read_text())
    return json.dumps(
        {
            "auth": {
                "identity": {
                    "methods": ["password"],
                    "password": {
                        "user": {
                            "name": user,
                            "domain": {"id": "default"},
                            "password": passwords[user],
                        }
                    },
                },
                "scope": {"project": {"name": project, "domain": {"id": "default"}}},
            }
        }
    ).encode()


def issue(base: str, body: bytes) -> str:
    request = urllib.request.Request(
        f"{base}/identity/v3/auth/tokens", data=body, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request) as response:
        return response.headers["X-Subject-Token"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        data_dir = Path(scratch)
        port = free_port()
        process, fresh = start(data_dir, port)
        process.terminate()
        process.wait()
        process, warm = start(data_dir, port)
        try:
            time.sleep(2)
            idle = rss_mib(process.pid)
            base = f"http://127.0.0.1:{port}"
            print(f"ready: {fresh:.2f} s from process start on a fresh data dir")
            print(f"ready: {warm:.2f} s from process start on restart (same data dir)")
            print(f"idle RSS: {idle:.1f} MiB")
            admin = issue(base, password_body(data_dir, "admin", "admin"))
            subject = issue(base, password_body(data_dir, "demo", "demo"))
            body = password_body(data_dir, "demo", "demo")
            url = f"{base}/identity/v3/auth/tokens"
            issue_request = build_request("POST", url, {"Content-Type": "application/json"}, body)
            validate_request = build_request(
                "GET", url, {"X-Auth-Token": admin, "X-Subject-Token": subject}
            )
            print(
                load(url, issue_request, args.clients, args.seconds).line(
                    f"token issue ({args.clients} clients, {args.seconds:.0f} s)"
                )
            )
            print(
                load(url, validate_request, args.clients, args.seconds).line(
                    f"token validate ({args.clients} clients, {args.seconds:.0f} s)"
                )
            )
            print(f"RSS after load: {rss_mib(process.pid):.1f} MiB")
        finally:
            process.terminate()
            process.wait()


if __name__ == "__main__":
    main()
