"""Alembic migrations, run programmatically for one service's database.

Each service keeps its history in ``<service>/migrations`` with an ``env.py``
that only calls ``run_migrations()``; ``upgrade()`` brings a database to head.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command, context
from alembic.config import Config

from pocketstack.db import Database


def upgrade(database: Database, migrations: Path) -> None:
    """Apply every migration in ``migrations`` not yet applied."""
    with database.engine.begin() as connection:
        config = Config()
        config.set_main_option("script_location", str(migrations))
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def run_migrations(target_metadata: sa.MetaData) -> None:
    """The body of every service's ``env.py``: migrate on the given connection."""
    connection = context.config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds tables instead.
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()
