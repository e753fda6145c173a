"""/v3/users/{user_id}/application_credentials.

A credential is authorised against its owner, whatever user the path names
(Keystone reads the owner from the credential, so naming oneself in the path
opens no one else's). Only a project-scoped token creates one, for its own
user, bound to its project; a token made from a restricted credential may
not manage credentials. The secret is shown once, in the creation answer.
"""

from __future__ import annotations

import typing

from sqlalchemy import orm
from starlette.responses import Response

from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.identity import errors, listing, models, query
from pocketstack.identity.handlers import identity, link, require_token
from pocketstack.identity.handlers import role as role_handlers
from pocketstack.identity.objects import access_rule as access_rules
from pocketstack.identity.objects import application_credential as credentials
from pocketstack.identity.objects import role as roles
from pocketstack.identity.schemas import application_credential as schema

# Keystone's wire form of ``expires_at`` here: no zone letter.
TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%f"


def serialise(
    req: ApiRequest, session: orm.Session, credential: models.ApplicationCredential
) -> dict[str, typing.Any]:
    expires_at = credential.expires_at
    body: dict[str, typing.Any] = {
        "id": credential.id,
        "name": credential.name,
        "description": credential.description,
        "user_id": credential.user_id,
        "project_id": credential.project_id,
        "system": credential.system,
        "expires_at": expires_at.strftime(TIME_FORMAT) if expires_at else None,
        "unrestricted": credential.unrestricted,
        "roles": _roles(session, credential.role_ids),
        # Keystone's link leaves the user out.
        "links": {"self": link(req, f"application_credentials/{credential.id}")},
    }
    rules = access_rules.of_credential(session, credential.id)
    if rules:
        body["access_rules"] = [access_rules.as_dict(rule) for rule in rules]
    return body


def list_application_credentials(req: ApiRequest) -> Response:
    query.validated(req, schema.list_query)
    user_id = req.params["user_id"]
    req.authorize("identity:list_application_credentials", {"user_id": user_id})
    with identity(req).store.read() as session:
        refs = [serialise(req, session, c) for c in credentials.list_for_user(session, user_id)]
    refs = listing.apply_filters(refs, req, ("name",))
    return responses.json(listing.collection(req, "application_credentials", refs))


def create_application_credential(req: ApiRequest) -> Response:
    user_id = req.params["user_id"]
    fields = dict(req.validated(schema.create)["application_credential"])
    req.authorize("identity:create_application_credential", {"user_id": user_id})
    _require_unrestricted(req)
    auth = req.context.auth
    if auth.user_id != user_id:
        raise errors.forbidden_action("Cannot create an application credential for another user.")
    secret = fields.get("secret") or credentials.new_secret()
    secret_hash = identity(req).hasher.hash(secret)
    with identity(req).store.write() as session:
        role_ids = credentials.delegated_role_ids(session, fields.get("roles"), auth.role_ids)
        columns = {
            "name": fields["name"],
            "description": fields.get("description"),
            "user_id": user_id,
            "project_id": auth.project_id,
            "system": fields.get("system"),
            "expires_at": credentials.expiry(fields.get("expires_at")),
            # Keystone stores a null (shown as such); the column says false.
            "unrestricted": bool(fields.get("unrestricted")),
            "secret_hash": secret_hash,
        }
        credential = credentials.create(session, columns, role_ids, fields.get("access_rules", ()))
        body = serialise(req, session, credential)
    return responses.json({"application_credential": {**body, "secret": secret}}, 201)


def get_application_credential(req: ApiRequest) -> Response:
    with identity(req).store.read() as session:
        credential = _authorized(req, session, "identity:get_application_credential")
        return responses.json({"application_credential": serialise(req, session, credential)})


def delete_application_credential(req: ApiRequest) -> Response:
    with identity(req).store.write() as session:
        credential = _authorized(req, session, "identity:delete_application_credential")
        _require_unrestricted(req)
        credentials.delete(session, credential)
    return responses.no_content()


def _authorized(req: ApiRequest, session: orm.Session, rule: str) -> models.ApplicationCredential:
    """The credential in the path, checked against the rule as its owner's;
    a missing one is a 404 only to those the rule lets ask about the path's user."""
    require_token(req)
    credential_id = req.params["application_credential_id"]
    credential = session.get(models.ApplicationCredential, credential_id)
    owner = credential.user_id if credential else req.params["user_id"]
    req.authorize(rule, {"user_id": owner, "application_credential_id": credential_id})
    if credential is None:
        raise errors.not_found("Application Credential", credential_id)
    return credential


def _require_unrestricted(req: ApiRequest) -> None:
    token = req.context.auth.token_body
    if (token.get("application_credential") or {}).get("restricted"):
        raise errors.forbidden_action(
            "Using method 'application_credential' is not allowed for managing "
            "additional application credentials."
        )


def _roles(session: orm.Session, role_ids: list[str]) -> list[dict[str, typing.Any]]:
    """The credential's roles in its own order; a role deleted since is gone."""
    found = {role.id: role for role in roles.by_ids(session, role_ids)}
    return [role_handlers.target(found[role_id]) for role_id in role_ids if role_id in found]
