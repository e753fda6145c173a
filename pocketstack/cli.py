"""The ``pocketstack`` command.

``pocketstack up`` serves every API on one port in the foreground until
SIGINT or SIGTERM, and prints how to use it; ``pocketstack keys rotate``
rotates the Fernet token keys of a data dir (a running process follows).
"""

from __future__ import annotations

import argparse
import logging
import socket
import sys
import time
from pathlib import Path

from pocketstack import __version__


def main(argv: list[str] | None = None) -> None:
    started = time.perf_counter()
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        sys.exit(2)
    args.run(args, started)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pocketstack", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"pocketstack {__version__}")
    commands = parser.add_subparsers(dest="command")

    up = commands.add_parser("up", help="run the cloud in the foreground")
    up.add_argument("--host", help="address to listen on (default 127.0.0.1)")
    up.add_argument("--port", type=int, help="port to listen on; 0 picks a free one (default 8770)")
    up.add_argument("--data-dir", type=Path, help="where the cloud keeps its state")
    up.add_argument("--config", type=Path, help="a pocketstack.toml or INI file")
    up.add_argument("--admin-password", help="set the admin user's password")
    up.add_argument("--log-level", default="warning", help="debug, info, warning or error")
    up.set_defaults(run=_up)

    keys = commands.add_parser("keys", help="manage Fernet token keys")
    keys.add_argument("action", choices=["rotate"])
    keys.add_argument("--data-dir", type=Path)
    keys.add_argument("--config", type=Path)
    keys.set_defaults(run=_keys)
    return parser


def _settings(args: argparse.Namespace):  # noqa: ANN202 - the import is the point
    from pocketstack import config

    try:
        return config.load(
            args.config,
            data_dir=args.data_dir,
            server__host=getattr(args, "host", None),
            server__port=getattr(args, "port", None),
        )
    except config.SettingsError as error:
        sys.exit(f"pocketstack: {error}")


def _up(args: argparse.Namespace, started: float) -> None:
    logging.basicConfig(level=args.log_level.upper(), format="%(levelname)s %(name)s: %(message)s")
    settings = _settings(args)
    # Bind first so --port 0 knows its port before the catalog is written.
    listener = socket.create_server((settings.server.host, settings.server.port), backlog=2048)
    settings.server.port = listener.getsockname()[1]

    from pocketstack import server

    server.serve(settings, listener, args.admin_password, started)


def _keys(args: argparse.Namespace, _started: float) -> None:
    from pocketstack.identity.tokens.keys import KeyRepository

    settings = _settings(args)
    repository = KeyRepository(settings.data_dir / "fernet-keys", settings.identity.max_active_keys)
    repository.setup()
    repository.rotate()
    print(f"rotated the Fernet keys in {repository.directory}")
