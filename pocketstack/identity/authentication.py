"""Who is authenticating, and for which scope: the body of POST /v3/auth/tokens.

Methods are password, token and application_credential. Any failure to prove
an identity is Keystone's 401 without detail (it must not tell an attacker
which part was wrong); a body that is not shaped as Keystone expects is its
400. Which scope the token gets is ``scoping``'s.
"""

from __future__ import annotations

import dataclasses
import datetime
import typing

import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack import timeutils
from pocketstack.api import errors as api_errors
from pocketstack.api.auth import InvalidToken
from pocketstack.identity import errors, models, scoping
from pocketstack.identity.objects import application_credential as application_credentials
from pocketstack.identity.objects import assignment
from pocketstack.identity.objects import domain as domains
from pocketstack.identity.passwords import Hasher
from pocketstack.identity.tokens.payload import Payload
from pocketstack.identity.tokens.provider import TokenProvider, new_audit_id

Body = dict[str, typing.Any]
METHODS = ("password", "token", "application_credential")


@dataclasses.dataclass
class _Proof:
    user: models.User
    methods: list[str]
    expires_at: datetime.datetime | None = None
    parent_audit_id: str | None = None
    credential: models.ApplicationCredential | None = None


def authenticate(
    session: orm.Session, hasher: Hasher, tokens: TokenProvider, auth: Body | None
) -> Payload:
    """The payload of the token this request earns; raises 400/401."""
    if not auth:
        raise errors.ValidationError.expecting("auth", "request body")
    _check_id_or_name(auth)
    identity = auth["identity"]
    _check_methods(identity)
    credential = scope = None
    # Keystone settles the scope (or the credential's) before authenticating.
    if "application_credential" in identity["methods"]:
        if "scope" in auth:
            raise api_errors.Unauthorized(
                "Error authenticating with application credential: "
                "Application credentials cannot request a scope."
            )
        credential = _application_credential(session, identity["application_credential"])
    else:
        scope = scoping.requested(session, auth)
    proof = _prove_identity(session, hasher, tokens, auth, credential)
    issued_at, expires_at = tokens.lifetime_from_now()
    if proof.expires_at is not None:
        expires_at = min(expires_at, proof.expires_at)
    if proof.credential is not None:
        fields = {
            "project_id": proof.credential.project_id,
            "application_credential_id": proof.credential.id,
        }
    else:
        fields = scoping.granted(session, proof.user, scope)
    audit_ids = (new_audit_id(),) + ((proof.parent_audit_id,) if proof.parent_audit_id else ())
    return Payload(
        user_id=proof.user.id,
        methods=tuple(proof.methods),
        issued_at=issued_at,
        expires_at=expires_at,
        audit_ids=audit_ids,
        **fields,
    )


def _check_methods(identity: Body) -> None:
    """Every method named has its part of the body (400), and is one we
    support (401), checked in that order."""
    methods = identity["methods"]
    for method in methods:
        if method not in identity:
            raise errors.ValidationError.expecting(method, "identity")
    if not methods or any(m not in METHODS for m in methods):
        raise api_errors.Unauthorized("Attempted to authenticate with an unsupported method.")


def _prove_identity(
    session: orm.Session,
    hasher: Hasher,
    tokens: TokenProvider,
    auth: Body,
    credential: models.ApplicationCredential | None,
) -> _Proof:
    identity = auth["identity"]
    if "token" in identity["methods"]:
        return _by_token(tokens, identity["token"]["id"], session, auth.get("scope"))
    if credential is not None:
        secret = identity["application_credential"].get("secret") or ""
        return _by_application_credential(session, hasher, credential, secret)
    return _by_password(session, hasher, identity["password"])


def _by_password(session: orm.Session, hasher: Hasher, password: Body) -> _Proof:
    if "user" not in password:
        raise errors.ValidationError.expecting("user", "password")
    user_ref = password["user"]
    user = _password_user(session, user_ref)
    # Verify even for an unknown user so timing does not tell which it was.
    valid = hasher.verify(user.password_hash if user else None, user_ref.get("password") or "")
    if user is None or not valid:
        raise api_errors.Unauthorized()
    _require_enabled(session, user)
    if user.password_expires_at is not None and user.password_expires_at <= timeutils.utcnow():
        raise api_errors.Unauthorized(
            f"The password is expired and needs to be changed for user: {user.id}."
        )
    return _Proof(user=user, methods=["password"])


def _by_token(
    tokens: TokenProvider, token_id: str, session: orm.Session, scope: typing.Any
) -> _Proof:
    try:
        original = tokens.validate(token_id)
    except InvalidToken:
        raise api_errors.Unauthorized() from None
    if original.payload.system and isinstance(scope, dict) and ({"project", "domain"} & set(scope)):
        raise errors.forbidden_action(
            "Using a system-scoped token to create a project-scoped or domain-scoped token"
            " is not allowed."
        )
    if original.payload.application_credential_id:
        # A delegated token may never be exchanged for another, wider one.
        raise errors.forbidden_action(
            "Using a delegated token to create another token is not allowed."
        )
    user = session.get(models.User, original.payload.user_id)
    if user is None:
        raise api_errors.Unauthorized()
    methods = list(original.payload.methods)
    if "token" not in methods:
        methods.insert(0, "token")
    return _Proof(
        user=user,
        methods=methods,
        expires_at=original.payload.expires_at,
        parent_audit_id=original.payload.audit_ids[-1],
    )


def _application_credential(session: orm.Session, ref: Body) -> models.ApplicationCredential:
    """The credential named, looked up as Keystone does before any secret is
    checked: an unknown id is a 404; a name needs its user, and must match."""
    if ref.get("id"):
        return application_credentials.find(session, ref["id"])
    if not ref.get("name"):
        raise errors.ValidationError.expecting("name or ID", "application credential")
    user_ref = ref.get("user")
    if not user_ref:
        raise errors.ValidationError.expecting("user", "application credential")
    user_id = user_ref.get("id")
    if not user_id:
        user = _user_by_name(session, user_ref)
        if user is None:
            raise errors.not_found("user", user_ref.get("name"))
        user_id = user.id
    found = application_credentials.named(session, user_id, ref["name"])
    if len(found) != 1:
        raise api_errors.Unauthorized()
    return found[0]


def _password_user(session: orm.Session, ref: Body) -> models.User | None:
    """The user a password body names, as Keystone reads it: a name (with its
    domain) before an id; a body naming neither is a 400."""
    if not ref.get("id") and not ref.get("name"):
        raise errors.ValidationError.expecting("id or name", "user")
    if ref.get("name"):
        return _user_by_name(session, ref)
    return session.get(models.User, ref["id"])


def _user_by_name(session: orm.Session, ref: Body) -> models.User | None:
    """400 without a domain, 401 for one that is unknown or disabled."""
    if "domain" not in ref:
        raise errors.ValidationError.expecting("domain", "user")
    domain_ref = ref["domain"]
    if not domain_ref.get("id") and not domain_ref.get("name"):
        raise errors.ValidationError.expecting("id or name", "domain")
    domain = domains.lookup(session, domain_ref)
    if domain is None or not domain.enabled:
        raise api_errors.Unauthorized()
    return session.scalars(
        sa.select(models.User).where(
            models.User.domain_id == domain.id, models.User.name == ref.get("name")
        )
    ).first()


def _by_application_credential(
    session: orm.Session, hasher: Hasher, credential: models.ApplicationCredential, secret: str
) -> _Proof:
    """Keystone says nothing of why: an unknown owner, a disabled one, a wrong
    secret, an expired credential or one whose roles are all gone are one 401."""
    user = session.get(models.User, credential.user_id)
    domain = session.get(models.Domain, user.domain_id) if user else None
    valid = hasher.verify(credential.secret_hash, secret)
    expired = credential.expires_at is not None and credential.expires_at <= timeutils.utcnow()
    if not (user and user.enabled and domain and domain.enabled and valid) or expired:
        raise api_errors.Unauthorized()
    held = assignment.effective_role_ids(session, user.id, project_id=credential.project_id)
    if not held & set(credential.role_ids):
        raise api_errors.Unauthorized()
    return _Proof(
        user=user,
        methods=["application_credential"],
        expires_at=credential.expires_at,
        credential=credential,
    )


def _require_enabled(session: orm.Session, user: models.User) -> None:
    domain = session.get(models.Domain, user.domain_id)
    if not user.enabled or domain is None or not domain.enabled:
        raise api_errors.Unauthorized(f"The account is disabled for user: {user.id}.")


def _check_id_or_name(auth: Body) -> None:
    """Keystone's checks beyond the schema: each reference needs an id or name."""
    checks = [
        ("identity/password/user", auth["identity"].get("password", {}).get("user")),
        (
            "identity/password/user/domain",
            (auth["identity"].get("password", {}).get("user") or {}).get("domain"),
        ),
    ]
    scope = auth.get("scope")
    if isinstance(scope, dict):
        project = scope.get("project")
        checks += [
            ("scope/project", project),
            ("scope/project/domain", (project or {}).get("domain")),
            ("scope/domain", scope.get("domain")),
        ]
    for field, ref in checks:
        if ref is not None and "id" not in ref and "name" not in ref:
            raise errors.ValidationError(
                f"Invalid input for field {field}: id or name must be present."
            )
