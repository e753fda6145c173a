"""Every service's migration history is linear, numbered, and reaches its models."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
import sqlalchemy as sa

from pocketstack.db import Database, migrate
from tests.unit.test_meta import SERVICES


def _migrations(service: str) -> Path:
    return Path(importlib.import_module(f"pocketstack.{service}").__path__[0]) / "migrations"


@pytest.mark.parametrize("service", SERVICES)
def test_history_is_linear_and_numbered(service):
    files = sorted((_migrations(service) / "versions").glob("*.py"))
    assert files
    previous = None
    for path in files:
        text = path.read_text()
        number = path.name[:4]
        assert re.match(r"\d{4}_", path.name), path.name
        assert f"revision = {number!r}" in text.replace('"', "'"), path.name
        assert f"down_revision = {previous!r}" in text.replace('"', "'"), path.name
        previous = number


@pytest.mark.parametrize("service", SERVICES)
def test_upgrade_creates_every_table_of_the_models(service, tmp_path):
    database = Database(f"sqlite:///{tmp_path}/{service}.sqlite")
    migrate.upgrade(database, _migrations(service))
    assert migrate.current_revision(database) == migrate.head_revision(_migrations(service))
    metadata = importlib.import_module(f"pocketstack.{service}.models").Base.metadata
    assert set(metadata.tables) <= set(sa.inspect(database.engine).get_table_names())
    migrate.upgrade(database, _migrations(service))  # at head: nothing to do
