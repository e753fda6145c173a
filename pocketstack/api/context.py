"""Who is asking: the request context every handler and policy check reads."""

from __future__ import annotations

import dataclasses
import typing


@dataclasses.dataclass(frozen=True)
class AuthInfo:
    """What a validated token says about its holder.

    Built by the identity service's token validator; the auth middleware puts
    it on the request context for every service.
    """

    token: str
    user_id: str
    user_name: str
    user_domain_id: str
    user_domain_name: str
    roles: tuple[str, ...]
    role_ids: tuple[str, ...]
    expires_at: str
    audit_ids: tuple[str, ...]
    project_id: str | None = None
    project_name: str | None = None
    project_domain_id: str | None = None
    project_domain_name: str | None = None
    domain_id: str | None = None
    domain_name: str | None = None
    system_scope: str | None = None
    is_admin_project: bool = False
    application_credential_id: str | None = None
    # The whole validated token body, for handlers that return it (Keystone).
    token_body: typing.Mapping[str, typing.Any] = dataclasses.field(
        default_factory=dict, repr=False, compare=False
    )

    @property
    def scope_type(self) -> str | None:
        if self.system_scope:
            return "system"
        if self.domain_id:
            return "domain"
        if self.project_id:
            return "project"
        return None


@dataclasses.dataclass
class RequestContext:
    request_id: str
    auth: AuthInfo | None = None
    # Why the token presented could not be used, if one was presented.
    auth_failure: str | None = None
    # Set by the first policy check; tests fail requests that ran none.
    policy_checked: bool = False

    @property
    def is_authenticated(self) -> bool:
        return self.auth is not None

    @property
    def user_id(self) -> str | None:
        return self.auth.user_id if self.auth else None

    @property
    def project_id(self) -> str | None:
        return self.auth.project_id if self.auth else None

    @property
    def roles(self) -> tuple[str, ...]:
        return self.auth.roles if self.auth else ()

    @property
    def is_system_scope(self) -> bool:
        return bool(self.auth and self.auth.system_scope)

    def policy_credentials(self) -> dict[str, typing.Any]:
        """The creds dict oslo.policy checks rules against."""
        auth = self.auth
        if auth is None:
            return {"roles": []}
        return {
            "user_id": auth.user_id,
            "user_domain_id": auth.user_domain_id,
            "project_id": auth.project_id,
            "project_domain_id": auth.project_domain_id,
            "domain_id": auth.domain_id,
            "system_scope": auth.system_scope,
            "roles": list(auth.roles),
            "is_admin_project": auth.is_admin_project,
            # Keystone's rules also read the token's scope as token.*.
            "token": {
                "domain": {"id": auth.domain_id},
                "project": {"domain": {"id": auth.project_domain_id}},
            },
        }
