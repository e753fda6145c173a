"""The object store assembled: database, data files, policy and API.

Swift's v1 API at /object/v1/AUTH_<project id>, with its capabilities at
/object/info. Every request's work is done within it, as Swift does it:
there is no manager and nothing asynchronous.
"""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

import sqlalchemy as sa

from pocketstack.api.policy import Policy
from pocketstack.api.service import BodyErrors, ServiceApi
from pocketstack.component import CatalogEntry, Component, Plumbing
from pocketstack.db import Database, migrate
from pocketstack.object_store import errors, policies
from pocketstack.object_store.models import StoredObject
from pocketstack.object_store.routes import ROUTES
from pocketstack.object_store.store import ObjectFiles

LOG = logging.getLogger(__name__)

PREFIX = "/object"
# The identity catalog puts the caller's project id in the account.
CATALOG = CatalogEntry(type="object-store", name="swift", path=PREFIX + "/v1/AUTH_$(project_id)s")


@dataclasses.dataclass
class ObjectStoreRuntime:
    database: Database
    files: ObjectFiles

    def recover(self) -> None:
        """Settle what a crash left: staged writes and files no row names."""
        with self.database.reader() as session:
            known = set(
                session.scalars(sa.select(StoredObject.file).where(StoredObject.file.is_not(None)))
            )
        removed = self.files.sweep(known)
        if removed:
            LOG.info("object store: removed %d data files no object names", removed)


def build(plumbing: Plumbing) -> Component:
    settings = plumbing.settings
    database = Database(settings.database_url("object_store"))
    migrate.upgrade(database, Path(__file__).parent / "migrations")
    runtime = ObjectStoreRuntime(database, ObjectFiles(settings.data_dir / "objects"))
    api = ServiceApi(
        name="object_store",
        routes=ROUTES,
        formatter=errors.swift_format,
        policy=Policy(policies.rules(), settings.data_dir / settings.policy.file),
        body_errors=BodyErrors(
            missing=None,
            malformed=errors.malformed_body,
            invalid=lambda e: errors.bad_request(e.message),
        ),
        max_body_size=settings.api.max_request_body_size,
        enforce_policy_checks=settings.api.enforce_policy_checks,
        runtime=runtime,
    )
    return Component(
        prefix=PREFIX,
        api=api,
        service_user="swift",
        catalog=(CATALOG,),
        start=runtime.recover,
        stop=database.dispose,
    )
