"""Alembic migrations, run programmatically for one service's database.

Each service keeps its history in ``<service>/migrations`` with an ``env.py``
that only calls ``run_migrations()``. Histories are linear and numbered: a
revision's id is its file's four-digit prefix (``0002_add_tags.py`` is
"0002", revising "0001"), so ``upgrade()`` can tell a database at head
without importing Alembic, which keeps restarts fast.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from pocketstack.db import Database


def head_revision(migrations: Path) -> str:
    return max(p.name[:4] for p in (migrations / "versions").glob("[0-9][0-9][0-9][0-9]_*.py"))


def current_revision(database: Database) -> str | None:
    with database.engine.connect() as connection:
        if not sa.inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(database: Database, migrations: Path) -> None:
    """Apply every migration in ``migrations`` not yet applied."""
    if current_revision(database) == head_revision(migrations):
        return
    from alembic import command
    from alembic.config import Config

    with database.engine.begin() as connection:
        config = Config()
        config.set_main_option("script_location", str(migrations))
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def run_migrations(target_metadata: sa.MetaData) -> None:
    """The body of every service's ``env.py``: migrate on the given connection."""
    from alembic import context

    connection = context.config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds tables instead.
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()
