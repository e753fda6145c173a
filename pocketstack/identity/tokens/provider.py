"""Issue and validate tokens.

A token is a Fernet envelope around a ``Payload``. Validation opens it, checks
expiry and revocation, then looks up the user, scope, roles and catalog, so
the answer always reflects the current state of identity. Answers are cached
in memory per token until the identity store's next write.

Why a token does not validate is said in Keystone's words (they become the
404 of a validation request), never by quoting the token back.
"""

from __future__ import annotations

import dataclasses
import datetime
import secrets
import threading
import time
import typing

import orjson
from sqlalchemy import orm

from pocketstack import timeutils
from pocketstack.api.auth import InvalidToken
from pocketstack.api.context import AuthInfo
from pocketstack.config import IdentitySettings
from pocketstack.identity import models
from pocketstack.identity.objects import access_rule, assignment, catalog
from pocketstack.identity.store import IdentityStore
from pocketstack.identity.tokens import keys as fernet_keys
from pocketstack.identity.tokens.payload import Payload
from pocketstack.identity.tokens.revocation import RevocationList

ADMIN_PROJECT = ("admin", "default")
# Keystone's answer for a token that was valid once (expired, revoked, its
# user disabled or its roles gone).
FAILED = "Failed to validate token"
_CACHE_LIMIT = 10_000


@dataclasses.dataclass(frozen=True)
class ValidatedToken:
    token_id: str
    payload: Payload
    # The token body without the catalog, and the catalog beside it.
    body: dict[str, typing.Any]
    catalog: list[dict[str, typing.Any]] | None
    auth: AuthInfo

    def render(self, *, include_catalog: bool = True) -> bytes:
        """``{"token": …}`` as JSON, serialised once per token and variant."""
        key = "_json_with_catalog" if include_catalog else "_json_without_catalog"
        cached = self.__dict__.get(key)
        if cached is None:
            token = dict(self.body)
            if include_catalog and self.catalog is not None:
                token["catalog"] = self.catalog
            cached = orjson.dumps({"token": token})
            object.__setattr__(self, key, cached)
        return cached


def new_audit_id() -> str:
    """Keystone's audit ids: 16 random bytes, urlsafe base64 without padding."""
    return secrets.token_urlsafe(16)[:22]


class TokenProvider:
    def __init__(
        self, store: IdentityStore, keys: fernet_keys.KeyRepository, settings: IdentitySettings
    ) -> None:
        self.store = store
        self.keys = keys
        self.settings = settings
        self.revocations = RevocationList()
        self._cache: dict[str, tuple[int, float, ValidatedToken]] = {}
        self._lock = threading.Lock()

    # -- issue ---------------------------------------------------------------

    def issue(self, payload: Payload) -> ValidatedToken:
        """Mint a token for a payload the caller has authenticated and scoped."""
        token_id = self.keys.encrypt(payload.pack())
        with self.store.read() as session:
            return self._build(session, token_id, payload)

    def lifetime_from_now(self) -> tuple[datetime.datetime, datetime.datetime]:
        issued_at = timeutils.utcnow()
        return issued_at, issued_at + datetime.timedelta(seconds=self.settings.token_expiration)

    # -- validate ------------------------------------------------------------

    def cached(self, token_id: str) -> AuthInfo | None:
        entry = self._cache_get(token_id)
        return entry.auth if entry else None

    def validate(self, token_id: str, *, allow_expired: bool = False) -> ValidatedToken:
        """The token's current meaning; raise InvalidToken if it has none."""
        if not allow_expired:
            entry = self._cache_get(token_id)
            if entry is not None:
                return entry
        generation = self.store.generation
        payload = self._open(token_id)
        window = self.settings.allow_expired_window if allow_expired else 0
        if payload.expires_at + datetime.timedelta(seconds=window) <= timeutils.utcnow():
            raise InvalidToken(FAILED)
        with self.store.read() as session:
            self.revocations.refresh(session, generation)
            validated = self._build(session, token_id, payload)
        if self.revocations.is_revoked(
            payload, validated.auth.user_domain_id, validated.auth.project_domain_id
        ):
            raise InvalidToken(FAILED)
        if not allow_expired:
            self._cache_put(token_id, generation, validated)
        return validated

    def _open(self, token_id: str) -> Payload:
        try:
            return Payload.unpack(self.keys.decrypt(token_id))
        except (fernet_keys.InvalidToken, ValueError, UnicodeError, TypeError):
            raise InvalidToken("Could not recognize Fernet token") from None

    def _cache_get(self, token_id: str) -> ValidatedToken | None:
        entry = self._cache.get(token_id)
        if entry is None:
            return None
        generation, stored_at, validated = entry
        if (
            generation != self.store.generation
            or time.monotonic() - stored_at > self.settings.token_cache_seconds
            or validated.payload.expires_at <= timeutils.utcnow()
        ):
            self._cache.pop(token_id, None)
            return None
        return validated

    def _cache_put(self, token_id: str, generation: int, validated: ValidatedToken) -> None:
        with self._lock:
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            self._cache[token_id] = (generation, time.monotonic(), validated)

    # -- the token's meaning -------------------------------------------------

    def _build(self, session: orm.Session, token_id: str, payload: Payload) -> ValidatedToken:
        user = session.get(models.User, payload.user_id)
        if user is None:
            raise InvalidToken(f"Could not find user: {payload.user_id}.")
        if not user.enabled:
            raise InvalidToken(FAILED)
        user_domain = _enabled_domain(session, user.domain_id)
        body: dict[str, typing.Any] = {
            "methods": list(payload.methods),
            "user": {
                "domain": {"id": user_domain.id, "name": user_domain.name},
                "id": user.id,
                "name": user.name,
                "password_expires_at": timeutils.iso_micro_z(user.password_expires_at),
            },
            "audit_ids": list(payload.audit_ids),
            "expires_at": timeutils.iso_micro_z(payload.expires_at),
            "issued_at": timeutils.iso_micro_z(payload.issued_at),
        }
        auth_fields: dict[str, typing.Any] = {}
        project_catalog_id = None
        if payload.system:
            roles = assignment.effective_roles(session, user.id, system=True)
            body["system"] = {"all": True}
            auth_fields["system_scope"] = payload.system
        elif payload.domain_id:
            domain = _enabled_domain(session, payload.domain_id)
            roles = assignment.effective_roles(session, user.id, domain_id=domain.id)
            body["domain"] = {"id": domain.id, "name": domain.name}
            auth_fields.update(domain_id=domain.id, domain_name=domain.name)
        elif payload.project_id:
            project = session.get(models.Project, payload.project_id)
            if project is None:
                raise InvalidToken(f"Could not find project: {payload.project_id}.")
            if not project.enabled:
                raise InvalidToken(_disabled("project", project.id))
            project_domain = _enabled_domain(session, project.domain_id)
            roles = assignment.effective_roles(session, user.id, project_id=project.id)
            is_admin_project = (project.name, project_domain.id) == ADMIN_PROJECT
            body["project"] = {
                "domain": {"id": project_domain.id, "name": project_domain.name},
                "id": project.id,
                "name": project.name,
            }
            body["is_domain"] = False
            body["is_admin_project"] = is_admin_project
            auth_fields.update(
                project_id=project.id,
                project_name=project.name,
                project_domain_id=project_domain.id,
                project_domain_name=project_domain.name,
                is_admin_project=is_admin_project,
            )
            project_catalog_id = project.id
        else:
            roles = []
        if payload.application_credential_id:
            roles = self._application_credential_roles(session, payload, body, roles)
        scoped = bool(payload.system or payload.domain_id or payload.project_id)
        if scoped:
            if not roles:
                raise InvalidToken(FAILED)
            body["roles"] = [{"id": r.id, "name": r.name} for r in roles]
        auth = AuthInfo(
            token=token_id,
            user_id=user.id,
            user_name=user.name,
            user_domain_id=user_domain.id,
            user_domain_name=user_domain.name,
            roles=tuple(r.name for r in roles),
            role_ids=tuple(r.id for r in roles),
            expires_at=body["expires_at"],
            audit_ids=payload.audit_ids,
            application_credential_id=payload.application_credential_id,
            token_body=body,
            **auth_fields,
        )
        return ValidatedToken(
            token_id=token_id,
            payload=payload,
            body=body,
            catalog=catalog.build(session, project_catalog_id, user.id) if scoped else None,
            auth=auth,
        )

    def _application_credential_roles(
        self,
        session: orm.Session,
        payload: Payload,
        body: dict[str, typing.Any],
        user_roles: list[models.Role],
    ) -> list[models.Role]:
        credential = session.get(models.ApplicationCredential, payload.application_credential_id)
        if credential is None:
            raise InvalidToken(
                f"Could not find Application Credential: {payload.application_credential_id}."
            )
        if credential.expires_at is not None and credential.expires_at <= timeutils.utcnow():
            raise InvalidToken(FAILED)
        body["application_credential"] = {
            "id": credential.id,
            "name": credential.name,
            "restricted": not credential.unrestricted,
        }
        rules = access_rule.of_credential(session, credential.id)
        if rules:
            body["application_credential"]["access_rules"] = [access_rule.as_dict(r) for r in rules]
        # The credential's roles, as far as the user still holds them.
        delegated = set(credential.role_ids)
        return [role for role in user_roles if role.id in delegated]


def _enabled_domain(session: orm.Session, domain_id: str) -> models.Domain:
    domain = session.get(models.Domain, domain_id)
    if domain is None:
        raise InvalidToken(f"Could not find domain: {domain_id}.")
    if not domain.enabled:
        raise InvalidToken(_disabled("domain", domain_id))
    return domain


def _disabled(kind: str, ident: str) -> str:
    return f"Unable to validate token because {kind} {ident} is disabled"
