"""Multi-backend scheduling: the weigher spreads volumes by free space, a
type's volume_backend_name picks its backend, and no fitting backend is an
error with a user message (shared/seeds/002)."""

from __future__ import annotations

import uuid

import pytest
import sqlalchemy as sa
from starlette.testclient import TestClient

from pocketstack.block_storage import models
from tests.api.block_storage import create_volume, make_type, runtime_of
from tests.conftest import Tokens, serve_cloud


@pytest.fixture(scope="module")
def two_backends(tmp_path_factory, database_template):
    yield from serve_cloud(
        tmp_path_factory.mktemp("two-backends"),
        database_template,
        block_storage__enabled_backends="fast:file,slow:file",
        block_storage__backend_capacity_gib=20,
        block_storage__storage_availability_zone="zone-a",
    )


@pytest.fixture(scope="module")
def client(two_backends):
    with TestClient(two_backends.asgi, base_url="http://cloud.test") as client:
        yield client


@pytest.fixture(scope="module")
def admin(client, two_backends):
    return Tokens(client, two_backends.passwords).headers("admin")


def _type_for_backend(cloud, backend_name: str) -> str:
    name = f"on-{backend_name}-{uuid.uuid4().hex[:6]}"
    make_type(cloud, name, backend_name)
    return name


def test_the_weigher_places_each_volume_on_the_freest_backend(client, admin):
    first = create_volume(client, admin, size=5)
    second = create_volume(client, admin, size=5)
    hosts = {first["os-vol-host-attr:host"], second["os-vol-host-attr:host"]}
    assert hosts == {"pocketstack@fast#fast", "pocketstack@slow#slow"}
    assert first["availability_zone"] == "zone-a"


def test_a_types_backend_name_picks_the_backend(client, admin, two_backends):
    volume = create_volume(
        client, admin, size=1, volume_type=_type_for_backend(two_backends, "slow")
    )
    assert volume["os-vol-host-attr:host"] == "pocketstack@slow#slow"


def test_no_fitting_backend_is_an_error_with_a_user_message(client, admin, two_backends):
    runtime = runtime_of(two_backends)
    volume_type = _type_for_backend(two_backends, "none")
    volume = create_volume(client, admin, expect="error", size=1, volume_type=volume_type)
    create_volume(client, admin, expect="error", size=21)
    with runtime.database.reader() as session:
        messages = session.scalars(
            sa.select(models.Message).where(models.Message.resource_uuid == volume["id"])
        ).all()
    assert [(m.event_id, m.user_message) for m in messages] == [
        (
            "VOLUME_VOLUME_001_003",
            "schedule allocate volume:Could not find any available weighted backend.",
        )
    ]
