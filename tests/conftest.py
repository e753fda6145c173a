"""Fixtures: a whole cloud in this process, reached through HTTP.

``cloud`` builds the application on a fresh data dir and database; ``api`` is
an HTTP client bound to it (Starlette's TestClient, which runs the lifespan);
``tokens`` issues tokens for the bootstrap users. API tests run once per
database backend in POCKETSTACK_TEST_BACKENDS (default: sqlite,postgresql);
a backend that is asked for but unreachable fails the run rather than
skipping it.
"""

from __future__ import annotations

import os
import socket
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
import uvicorn
from starlette.testclient import TestClient

from pocketstack import app, config

POSTGRES_ADMIN_URL = os.environ.get(
    "POCKETSTACK_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
BACKENDS = os.environ.get("POCKETSTACK_TEST_BACKENDS", "sqlite,postgresql").split(",")


def _postgres_template(tmp_path: Path) -> Iterator[str]:
    """A connection template whose {service} databases are created and dropped."""
    prefix = f"pst_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    created: list[str] = []

    def create(service: str) -> None:
        name = f"{prefix}_{service}"
        with admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        created.append(name)

    for service in (
        "identity",
        "image",
        "block_storage",
        "object_store",
        "compute",
        "network",
        "placement",
    ):
        create(service)
    # Built as text: SQLAlchemy's URL rendering would escape the braces.
    yield POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{prefix}_{{service}}"
    with admin.connect() as connection:
        for name in created:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()


@pytest.fixture(scope="module", params=BACKENDS)
def database_template(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    if request.param == "sqlite":
        yield config.DatabaseSettings().connection
    elif request.param == "postgresql":
        yield from _postgres_template(tmp_path_factory.mktemp("pg"))
    else:
        raise ValueError(f"unknown test backend {request.param!r}")


def make_settings(
    data_dir: Path, connection: str, port: int = 8770, **overrides: object
) -> config.Settings:
    """Settings for an in-process cloud: cheap password hashing (the same
    code path, a lower cost) and every request checked for a policy check."""
    return config.load(
        environ={},
        data_dir=data_dir,
        server__port=port,
        database__connection=connection,
        api__enforce_policy_checks=True,
        identity__password_hash_time_cost=1,
        identity__password_hash_memory_kib=1024,
        identity__password_hash_parallelism=1,
        **overrides,
    )


@pytest.fixture(scope="module")
def cloud(tmp_path_factory: pytest.TempPathFactory, database_template: str) -> Iterator[app.Cloud]:
    """The cloud, also served on a loopback port: the tests talk to it in
    process, but its services call each other through their public
    endpoints with openstacksdk, which needs a real socket."""
    yield from serve_cloud(tmp_path_factory.mktemp("cloud"), database_template)


def serve_cloud(data_dir: Path, database_template: str, **overrides: object) -> Iterator[app.Cloud]:
    """Build a cloud with test settings (plus ``section__key`` overrides) and
    serve it on a loopback port until the generator is closed."""
    listener = socket.create_server(("127.0.0.1", 0))
    settings = make_settings(data_dir, database_template, listener.getsockname()[1], **overrides)
    built = app.build(settings)
    server = uvicorn.Server(uvicorn.Config(built.asgi, lifespan="off", log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    yield built
    server.should_exit = True
    thread.join()
    built.stop()


@pytest.fixture(scope="module")
def api(cloud: app.Cloud) -> Iterator[TestClient]:
    with TestClient(cloud.asgi, base_url="http://cloud.test") as client:
        yield client


class Tokens:
    """Issue tokens for the bootstrap users; cached per user and scope."""

    def __init__(self, api: TestClient, passwords: dict[str, str]) -> None:
        self.api = api
        self.passwords = passwords
        self._cache: dict[tuple, str] = {}

    def issue(
        self,
        user: str,
        project: str | None = None,
        *,
        system: bool = False,
        domain: str | None = None,
    ) -> str:
        key = (user, project, system, domain)
        if key not in self._cache:
            scope: dict | str
            if system:
                scope = {"system": {"all": True}}
            elif domain:
                scope = {"domain": {"id": domain}}
            elif project:
                scope = {"project": {"name": project, "domain": {"id": "default"}}}
            else:
                scope = "unscoped"
            body = {
                "auth": {
                    "identity": {
                        "methods": ["password"],
                        "password": {
                            "user": {
                                "name": user,
                                "domain": {"id": "default"},
                                "password": self.passwords[user],
                            }
                        },
                    },
                    "scope": scope,
                }
            }
            response = self.api.post("/identity/v3/auth/tokens", json=body)
            assert response.status_code == 201, response.text
            self._cache[key] = response.headers["X-Subject-Token"]
        return self._cache[key]

    def headers(self, user: str = "admin", project: str | None = None, **kwargs) -> dict[str, str]:
        if project is None and not kwargs:
            project = {"admin": "admin", "demo": "demo", "alt_demo": "alt_demo"}.get(user)
        return {"X-Auth-Token": self.issue(user, project, **kwargs)}


@pytest.fixture(scope="module")
def tokens(api: TestClient, cloud: app.Cloud) -> Tokens:
    return Tokens(api, cloud.passwords)


@pytest.fixture
def admin(tokens: Tokens) -> dict[str, str]:
    return tokens.headers("admin")


@pytest.fixture
def demo(tokens: Tokens) -> dict[str, str]:
    return tokens.headers("demo")
