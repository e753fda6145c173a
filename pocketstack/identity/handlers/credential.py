"""/v3/credentials.

Their owner manages them. A list shows each caller only the credentials the
``get_credential`` rule lets it see. Delegated tokens (an application
credential's) may not touch credentials at all: a credential would outlive
the delegation.
"""

from __future__ import annotations

import typing

from sqlalchemy import orm
from starlette.responses import Response

from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.identity import errors, listing, models, query
from pocketstack.identity.handlers import identity, link, normalized
from pocketstack.identity.objects import credential as credentials
from pocketstack.identity.schemas import credential as schema
from pocketstack.identity.tokens.keys import KeyRepository

FILTERS = ("user_id", "type")
# Token methods that prove who the user is; any other one is a delegation.
PRIMARY_METHODS = frozenset({"password", "token"})


def target(keys: KeyRepository, credential: models.Credential) -> dict[str, typing.Any]:
    """The credential as Keystone hands it to policy, blob decrypted."""
    return {
        **credential.extra,
        "id": credential.id,
        "user_id": credential.user_id,
        "project_id": credential.project_id,
        "type": credential.type,
        "blob": credentials.blob_of(keys, credential),
    }


def serialise(req: ApiRequest, credential: dict[str, typing.Any]) -> dict[str, typing.Any]:
    return {**credential, "links": {"self": link(req, f"credentials/{credential['id']}")}}


def list_credentials(req: ApiRequest) -> Response:
    query.validated(req, schema.list_query)
    auth = req.context.auth
    own = {"target": {"credential": {"user_id": auth.user_id}}} if auth else None
    req.authorize("identity:list_credentials", None if req.context.is_system_scope else own)
    keys = identity(req).credential_keys
    with identity(req).store.read() as session:
        refs = [target(keys, c) for c in credentials.list_credentials(session)]
    refs = listing.apply_filters(refs, req, FILTERS)
    visible = [
        serialise(req, ref)
        for ref in refs
        if _primary_auth(req)
        and req.allowed("identity:get_credential", {"target": {"credential": ref}})
    ]
    return responses.json(listing.collection(req, "credentials", visible))


def get_credential(req: ApiRequest) -> Response:
    keys = identity(req).credential_keys
    with identity(req).store.read() as session:
        found = _authorized(req, session, "identity:get_credential")
        return responses.json({"credential": serialise(req, target(keys, found))})


def create_credential(req: ApiRequest) -> Response:
    fields = normalized(req.validated(schema.create)["credential"])
    req.authorize("identity:create_credential", {"target": {"credential": fields}})
    _require_primary_auth(req)
    keys = identity(req).credential_keys
    with identity(req).store.write() as session:
        created = credentials.create(session, keys, fields)
        return responses.json({"credential": serialise(req, target(keys, created))}, 201)


def update_credential(req: ApiRequest) -> Response:
    blob = req.validated(schema.update)["credential"]["blob"]
    keys = identity(req).credential_keys
    with identity(req).store.write() as session:
        found = _authorized(req, session, "identity:update_credential")
        credentials.update_blob(session, keys, found, blob)
        return responses.json({"credential": serialise(req, target(keys, found))})


def delete_credential(req: ApiRequest) -> Response:
    with identity(req).store.write() as session:
        credentials.delete(session, _authorized(req, session, "identity:delete_credential"))
    return responses.no_content()


def _authorized(req: ApiRequest, session: orm.Session, rule: str) -> models.Credential:
    """The credential in the path, once the rule allows the caller to act on
    it with a token that is not a delegation."""
    credential_id = req.params["credential_id"]
    found = session.get(models.Credential, credential_id)
    keys = identity(req).credential_keys
    req.authorize(
        rule, {"target": {"credential": target(keys, found)} if found is not None else {}}
    )
    found = credentials.find(session, credential_id)
    _require_primary_auth(req)
    return found


def _primary_auth(req: ApiRequest) -> bool:
    methods = req.context.auth.token_body.get("methods") or []
    return bool(methods) and PRIMARY_METHODS.issuperset(methods)


def _require_primary_auth(req: ApiRequest) -> None:
    if not _primary_auth(req):
        raise errors.forbidden(
            "You are not authorized to perform the requested action:"
            " Delegated tokens cannot access credentials directly."
        )
