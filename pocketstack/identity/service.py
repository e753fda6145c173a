"""The identity service assembled: database, keys, tokens, policy and API."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

from pocketstack.api import errors as api_errors
from pocketstack.api.context import AuthInfo
from pocketstack.api.policy import Policy
from pocketstack.api.service import BodyErrors, ServiceApi
from pocketstack.component import CatalogEntry, Component
from pocketstack.config import Settings
from pocketstack.db import Database, migrate
from pocketstack.identity import bootstrap, errors, policies
from pocketstack.identity.passwords import Hasher
from pocketstack.identity.routes import ROUTES
from pocketstack.identity.store import IdentityStore
from pocketstack.identity.tokens.keys import KeyRepository
from pocketstack.identity.tokens.provider import TokenProvider

PREFIX = "/identity"
CATALOG = CatalogEntry(type="identity", name="keystone", path=PREFIX)


@dataclasses.dataclass
class Identity:
    settings: Settings
    store: IdentityStore
    hasher: Hasher
    tokens: TokenProvider
    credential_keys: KeyRepository


class LocalTokenValidator:
    """The auth middleware's validator when identity runs in this process."""

    def __init__(self, tokens: TokenProvider) -> None:
        self.tokens = tokens

    def cached(self, token: str) -> AuthInfo | None:
        return self.tokens.cached(token)

    def validate(self, token: str) -> AuthInfo:
        return self.tokens.validate(token).auth


def build(settings: Settings) -> tuple[Component, Identity]:
    database = Database(settings.database_url("identity"))
    migrate.upgrade(database, Path(__file__).parent / "migrations")
    token_keys = KeyRepository(settings.data_dir / "fernet-keys", settings.identity.max_active_keys)
    token_keys.setup()
    credential_keys = KeyRepository(
        settings.data_dir / "credential-keys", settings.identity.max_active_keys
    )
    credential_keys.setup()
    store = IdentityStore(database)
    identity = Identity(
        settings=settings,
        store=store,
        hasher=Hasher(settings.identity),
        tokens=TokenProvider(store, token_keys, settings.identity),
        credential_keys=credential_keys,
    )
    api = ServiceApi(
        name="identity",
        routes=ROUTES,
        formatter=api_errors.keystone_format,
        policy=Policy(policies.rules(), settings.data_dir / settings.policy.file),
        body_errors=BodyErrors(
            missing=None,
            malformed=errors.malformed_body,
            invalid=errors.invalid_body,
            unsupported_media_type=errors.unsupported_media_type,
        ),
        max_body_size=settings.api.max_request_body_size,
        enforce_policy_checks=settings.api.enforce_policy_checks,
        json_object_bodies_only=True,
        runtime=identity,
    )
    component = Component(
        prefix=PREFIX, api=api, service_user="keystone", catalog=(CATALOG,), stop=database.dispose
    )
    return component, identity


def bootstrap_cloud(
    identity: Identity, components: Sequence[Component], admin_password: str | None
) -> dict[str, str]:
    """Create what DevStack would; returns every bootstrap user's password."""
    settings = identity.settings
    service_users = [c.service_user for c in components]
    passwords = bootstrap.load_secrets(
        settings.data_dir, bootstrap.user_names(service_users), admin_password
    )
    with identity.store.write() as session:
        bootstrap.run(
            session,
            identity.hasher,
            passwords,
            service_users,
            [entry for c in components for entry in c.catalog],
            settings.public_url,
            settings.identity.region,
            admin_password_given=bool(admin_password),
        )
    return passwords
