"""/v3/auth: issue, validate, check and revoke tokens; what a token may scope to."""

from __future__ import annotations

import typing

from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from pocketstack.api import errors as api_errors
from pocketstack.api import responses
from pocketstack.api.auth import InvalidToken
from pocketstack.api.request import ApiRequest
from pocketstack.api.service import public
from pocketstack.identity import authentication, errors
from pocketstack.identity.handlers import domain, identity, link, project
from pocketstack.identity.listing import as_bool
from pocketstack.identity.objects import assignment, catalog
from pocketstack.identity.schemas import auth as schema
from pocketstack.identity.tokens import revocation
from pocketstack.identity.tokens.provider import FAILED, ValidatedToken

SUBJECT_TOKEN = "X-Subject-Token"
ACCESS_RULES_HEADER = "OpenStack-Identity-Access-Rules"
ACCESS_RULES_MIN_VERSION = 1.0


@public
def issue_token(req: ApiRequest) -> Response:
    body = req.validated(schema.token_issue)
    ident = identity(req)
    with ident.store.read() as session:
        payload = authentication.authenticate(session, ident.hasher, ident.tokens, body.get("auth"))
    try:
        token = ident.tokens.issue(payload)
    except InvalidToken as error:
        raise api_errors.Unauthorized(str(error)) from None
    return responses.raw_json(
        token.render(include_catalog="nocatalog" not in req.query),
        201,
        {SUBJECT_TOKEN: token.token_id},
    )


async def validate_token(req: ApiRequest) -> Response:
    """GET and HEAD: the subject token's current meaning (200) or 404."""
    rule = "identity:check_token" if req.method == "HEAD" else "identity:validate_token"
    subject = await _subject(req, rule)
    return responses.raw_json(
        subject.render(include_catalog="nocatalog" not in req.query),
        headers={SUBJECT_TOKEN: subject.token_id},
    )


def revoke_token(req: ApiRequest) -> Response:
    """DELETE: the subject token (and, by default, tokens made from it) stop."""
    subject = _validate_subject(req, "identity:revoke_token")
    cascade = as_bool(req.query.get("cascade", "true"))
    # The token itself, and with cascade the tokens whose chain it roots; a
    # rescoped token roots no chain, so its parent and siblings live on.
    audit_id = subject.payload.audit_ids[0]
    with identity(req).store.write() as session:
        revocation.record(session, audit_id=audit_id)
        if cascade:
            revocation.record(session, audit_chain_id=audit_id)
    return responses.no_content()


async def _subject(req: ApiRequest, rule: str) -> ValidatedToken:
    """The validated X-Subject-Token, with the fast path kept off threads."""
    tokens = identity(req).tokens
    token_id = req.headers.get(SUBJECT_TOKEN)
    allow_expired = as_bool(req.query.get("allow_expired", "false"))
    if token_id and not allow_expired and tokens.cached(token_id) is not None:
        return _authorized_subject(req, rule, tokens.validate(token_id))
    return await run_in_threadpool(_validate_subject, req, rule)


def _validate_subject(req: ApiRequest, rule: str) -> ValidatedToken:
    token_id = req.headers.get(SUBJECT_TOKEN)
    req.require_auth()
    if not token_id:
        # Keystone applies the rule with no subject to match: a token's owner
        # is refused (403), a caller the rule lets through learns of the 404.
        req.authorize(rule)
        raise _token_not_found("No token in the request")
    allow_expired = as_bool(req.query.get("allow_expired", "false"))
    try:
        validated = identity(req).tokens.validate(token_id, allow_expired=allow_expired)
    except InvalidToken as error:
        raise _token_not_found(str(error)) from None
    return _authorized_subject(req, rule, validated)


def _token_not_found(message: str) -> api_errors.NotFound:
    return api_errors.NotFound(message, code="identity.token.not_found")


def _authorized_subject(req: ApiRequest, rule: str, validated: ValidatedToken) -> ValidatedToken:
    req.authorize(rule, {"target": {"token": {"user_id": validated.payload.user_id}}})
    _require_access_rules_support(req, validated)
    return validated


def _require_access_rules_support(req: ApiRequest, validated: ValidatedToken) -> None:
    """A token bound by access rules is only vouched for to a caller that
    says it enforces them (keystonemiddleware sends the header)."""
    credential = validated.body.get("application_credential") or {}
    if "access_rules" not in credential:
        return
    try:
        supported = float(req.headers.get(ACCESS_RULES_HEADER, "0")) >= ACCESS_RULES_MIN_VERSION
    except ValueError:
        supported = False
    if not supported:
        raise _token_not_found(FAILED)


def get_catalog(req: ApiRequest) -> Response:
    req.authorize("identity:get_auth_catalog")
    project_id = req.context.project_id
    if not project_id:
        raise errors.forbidden("A project-scoped token is required to produce a service catalog.")
    with identity(req).store.read() as session:
        entries = catalog.build(session, project_id, req.context.user_id)
    return responses.json({"catalog": entries, "links": {"self": req.url.split("?")[0]}})


def get_projects(req: ApiRequest) -> Response:
    req.authorize("identity:get_auth_projects")
    with identity(req).store.read() as session:
        projects = [
            project.serialise(req, p, session)
            for p in assignment.projects_with_roles(session, req.context.user_id)
        ]
    return responses.json({"projects": projects, "links": _links(req)})


def get_domains(req: ApiRequest) -> Response:
    req.authorize("identity:get_auth_domains")
    with identity(req).store.read() as session:
        domains = [
            domain.serialise(req, d)
            for d in assignment.domains_with_roles(session, req.context.user_id)
        ]
    return responses.json({"domains": domains, "links": _links(req)})


def get_system(req: ApiRequest) -> Response:
    req.authorize("identity:get_auth_system")
    with identity(req).store.read() as session:
        has_system = bool(assignment.effective_role_ids(session, req.context.user_id, system=True))
    system: list[dict[str, typing.Any]] = [{"all": True}] if has_system else []
    return responses.json({"system": system, "links": {"self": link(req, "auth/system")}})


def _links(req: ApiRequest) -> dict[str, str | None]:
    return {"self": req.url.split("?")[0], "previous": None, "next": None}
