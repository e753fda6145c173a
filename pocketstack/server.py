"""Run the cloud under uvicorn on an already-bound socket."""

from __future__ import annotations

import signal
import socket
import time

import uvicorn

from pocketstack import app, clouds_yaml
from pocketstack.config import Settings
from pocketstack.identity.service import PREFIX as IDENTITY_PREFIX


class _Server(uvicorn.Server):
    """uvicorn, announcing readiness once it accepts requests."""

    def __init__(self, config: uvicorn.Config, launched_at: float) -> None:
        super().__init__(config)
        self.launched_at = launched_at

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if not self.should_exit:
            elapsed = time.perf_counter() - self.launched_at
            print(f"pocketstack is ready ({elapsed:.2f}s after start; Ctrl-C stops it)", flush=True)


def _functional(settings: Settings) -> dict[str, str]:
    """What openstacksdk's functional suites read from clouds.yaml."""
    if settings.services.serves("image") and settings.image.bootstrap_image:
        from pocketstack.image.bootstrap import NAME  # only when image is served

        return {"image_name": NAME}
    return {}


def _service_flags(settings: Settings) -> dict[str, bool]:
    """openstacksdk's cloud layer asks ``has_service("volume")``, which it
    answers from config alone ("volume" is not an official service type):
    say so when block storage is served."""
    if settings.services.serves("block_storage"):
        return {"has_volume": True}
    return {}


def serve(
    settings: Settings, listener: socket.socket, admin_password: str | None, started: float
) -> None:
    cloud = app.build(settings, admin_password)
    identity_url = settings.public_url + IDENTITY_PREFIX
    clouds_path = settings.data_dir / "clouds.yaml"
    clouds_yaml.write(
        clouds_path,
        clouds_yaml.render(
            identity_url,
            cloud.passwords,
            settings.identity.region,
            functional=_functional(settings),
            service_flags=_service_flags(settings),
        ),
    )
    print(
        f"pocketstack serves OpenStack at {settings.public_url}\n"
        f"  identity:    {identity_url}/v3\n"
        f"  clouds.yaml: {clouds_path}\n"
        f"  data dir:    {settings.data_dir}\n\n"
        f"  export OS_CLIENT_CONFIG_FILE={clouds_path} OS_CLOUD=pocketstack\n"
        f"  openstack token issue\n",
        flush=True,
    )
    config = uvicorn.Config(
        cloud.asgi,
        lifespan="on",
        log_level="warning",
        access_log=False,
        timeout_graceful_shutdown=10,
    )
    server = _Server(config, started)
    # uvicorn stops gracefully on SIGINT/SIGTERM and then raises the signal
    # again for the handler that was there before it; make that a no-op so a
    # stop the user asked for ends in a clean exit, not a death by signal.
    for stop_signal in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop_signal, lambda *_: None)
    server.run(sockets=[listener])
