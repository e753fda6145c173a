"""/v3/users/{id}/application_credentials and access_rules, and authenticating
with an application credential, as Keystone answers.

Each test gets its own user, holding ``member`` (so ``reader`` too) on its
own project, with a project-scoped password token.
"""

from __future__ import annotations

import dataclasses
import datetime

import pytest

from pocketstack import timeutils
from pocketstack.identity import models
from tests.api.identity_people import (
    V3,
    error,
    make_project,
    make_role,
    make_user,
    token,
    unique,
)

PASSWORD = "correct horse"
TOKENS = f"{V3}/auth/tokens"
FORBIDDEN = "You are not authorized to perform the requested action: {}."
NO_AUTH = "The request you have made requires authentication."
CLIENT_IS_WRONG = (
    " The server could not comply with the request since it is either malformed"
    " or otherwise incorrect. The client is assumed to be in error."
)


@dataclasses.dataclass
class Owner:
    user_id: str
    project_id: str
    headers: dict[str, str]

    @property
    def credentials(self) -> str:
        return f"{V3}/users/{self.user_id}/application_credentials"

    @property
    def access_rules(self) -> str:
        return f"{V3}/users/{self.user_id}/access_rules"


def _role_id(api, admin, name: str) -> str:
    return api.get(f"{V3}/roles?name={name}", headers=admin).json()["roles"][0]["id"]


def _grant(api, admin, project_id: str, user_id: str, role_id: str) -> str:
    url = f"{V3}/projects/{project_id}/users/{user_id}/roles/{role_id}"
    assert api.put(url, headers=admin).status_code == 204
    return url


@pytest.fixture
def owner(api, cloud, admin) -> Owner:
    user_id = make_user(cloud, password=PASSWORD)
    project_id = make_project(cloud)
    _grant(api, admin, project_id, user_id, _role_id(api, admin, "member"))
    scoped = token(api, user_id, PASSWORD, {"project": {"id": project_id}})
    return Owner(user_id, project_id, {"X-Auth-Token": scoped})


def _create(api, owner: Owner, headers=None, **fields) -> dict:
    body = {"application_credential": {"name": unique("ac"), **fields}}
    response = api.post(owner.credentials, headers=headers or owner.headers, json=body)
    assert response.status_code == 201, response.text
    return response.json()["application_credential"]


def _auth(**credential) -> dict:
    return {
        "auth": {
            "identity": {
                "methods": ["application_credential"],
                "application_credential": credential,
            }
        }
    }


def _issue(api, credential: dict):
    return api.post(TOKENS, json=_auth(id=credential["id"], secret=credential["secret"]))


def _token_for(api, credential: dict) -> str:
    response = _issue(api, credential)
    assert response.status_code == 201, response.text
    return response.headers["X-Subject-Token"]


# -- create, show, list, delete ------------------------------------------------


def test_create_returns_the_secret_once_and_the_token_roles(api, admin, owner):
    created = _create(api, owner, description="backups")
    names = {role["name"]: role for role in created["roles"]}
    assert set(names) == {"member", "reader"}
    assert names["member"] == {
        "id": _role_id(api, admin, "member"),
        "name": "member",
        "domain_id": None,
        "description": None,
        "options": {"immutable": True},
    }
    assert len(created["secret"]) == 86  # 64 random bytes, urlsafe base64 without padding
    assert created == {
        "id": created["id"],
        "name": created["name"],
        "description": "backups",
        "user_id": owner.user_id,
        "project_id": owner.project_id,
        "system": None,
        "expires_at": None,
        "unrestricted": False,
        "roles": created["roles"],
        "secret": created["secret"],
        "links": {"self": f"http://cloud.test{V3}/application_credentials/{created['id']}"},
    }
    shown = api.get(f"{owner.credentials}/{created['id']}", headers=owner.headers)
    assert shown.status_code == 200
    assert shown.json() == {
        "application_credential": {k: v for k, v in created.items() if k != "secret"}
    }
    assert (
        api.head(f"{owner.credentials}/{created['id']}", headers=owner.headers).status_code == 200
    )


def test_the_secret_is_stored_only_as_a_hash(api, cloud, owner):
    created = _create(api, owner, secret="supersecuresecret")
    assert created["secret"] == "supersecuresecret"
    with cloud.identity.store.read() as session:
        stored = session.get(models.ApplicationCredential, created["id"]).secret_hash
    assert stored.startswith("$argon2id$") and "supersecuresecret" not in stored


def test_list_hides_secrets_and_filters_by_name(api, owner):
    first, second = _create(api, owner), _create(api, owner)
    listed = api.get(owner.credentials, headers=owner.headers).json()
    assert {c["id"] for c in listed["application_credentials"]} == {first["id"], second["id"]}
    assert all("secret" not in c for c in listed["application_credentials"])
    assert listed["links"]["self"] == f"http://cloud.test{owner.credentials}"
    named = api.get(f"{owner.credentials}?name={first['name']}", headers=owner.headers).json()
    assert [c["id"] for c in named["application_credentials"]] == [first["id"]]


def test_names_are_unique_per_user(api, owner):
    created = _create(api, owner)
    again = api.post(
        owner.credentials,
        headers=owner.headers,
        json={"application_credential": {"name": created["name"]}},
    )
    assert again.status_code == 409
    assert error(again)["message"] == (
        "Conflict occurred attempting to store application_credential - "
        f"Duplicate entry found with name {created['name']}."
    )


def test_requested_roles_must_be_in_the_token_and_bring_what_they_imply(api, admin, owner):
    by_name = _create(api, owner, roles=[{"name": "member"}])
    assert {r["name"] for r in by_name["roles"]} == {"member", "reader"}
    reader_only = _create(api, owner, roles=[{"id": _role_id(api, admin, "reader")}])
    assert [r["name"] for r in reader_only["roles"]] == ["reader"]
    body = {"application_credential": {"name": unique("ac"), "roles": [{"name": "admin"}]}}
    refused = api.post(owner.credentials, headers=owner.headers, json=body)
    assert refused.status_code == 400
    assert error(refused)["message"] == (
        "Invalid application credential: Cannot create an application credential with "
        "unassigned role"
    )


def test_a_role_name_must_name_one_role(api, admin, owner, cloud):
    body = {"application_credential": {"name": unique("ac"), "roles": [{"name": "no-such"}]}}
    missing = api.post(owner.credentials, headers=owner.headers, json=body)
    assert missing.status_code == 404
    assert error(missing)["message"] == "Role no-such is not defined"
    role = make_role(api, admin)
    domain_role = {"name": role["name"], "domain_id": "default"}
    assert api.post(f"{V3}/roles", headers=admin, json={"role": domain_role}).status_code == 201
    body["application_credential"]["roles"] = [{"name": role["name"]}]
    ambiguous = api.post(owner.credentials, headers=owner.headers, json=body)
    assert ambiguous.status_code == 400
    assert error(ambiguous)["message"] == (
        f"There are multiple role entities named '{role['name']}'. "
        "Please use ID instead of names to resolve the ambiguity."
    )


def test_expiry_is_checked_and_shown_without_a_zone(api, owner):
    later = (timeutils.utcnow() + datetime.timedelta(days=30)).replace(microsecond=0)
    created = _create(api, owner, expires_at=later.isoformat())
    assert created["expires_at"] == later.strftime("%Y-%m-%dT%H:%M:%S.000000")
    for value, message in (
        ("next tuesday", "Timestamp not in expected format."),
        ("2020-01-01T00:00:00Z", "The 'expires_at' must not be before now."),
    ):
        body = {"application_credential": {"name": unique("ac"), "expires_at": value}}
        response = api.post(owner.credentials, headers=owner.headers, json=body)
        assert response.status_code == 400
        assert error(response)["message"] == message + CLIENT_IS_WRONG


def test_body_is_checked_before_the_token(api, owner):
    response = api.post(owner.credentials, json={"application_credential": {"secret": "x"}})
    assert response.status_code == 400
    assert error(response)["message"] == (
        "Invalid input for field/attribute application_credential. Value: {'secret': 'x'}. "
        "'name' is a required property"
    )
    unknown = api.post(
        owner.credentials,
        headers=owner.headers,
        json={"application_credential": {"name": "x", "colour": "red"}},
    )
    assert unknown.status_code == 400
    assert api.get(owner.credentials).status_code == 401


def test_only_a_project_token_of_the_user_creates(api, tokens, owner):
    body = {"application_credential": {"name": unique("ac")}}
    rule = "identity:create_application_credential"
    for headers in (tokens.headers("admin"), tokens.headers("admin", system=True)):
        response = api.post(owner.credentials, headers=headers, json=body)
        assert response.status_code == 403
        assert error(response)["message"] == FORBIDDEN.format(rule)


def test_credentials_are_private_to_their_user(api, tokens, owner, cloud, admin):
    created = _create(api, owner)
    other = Owner(make_user(cloud, password=PASSWORD), owner.project_id, {})
    _grant(api, admin, owner.project_id, other.user_id, _role_id(api, admin, "member"))
    other.headers = {
        "X-Auth-Token": token(api, other.user_id, PASSWORD, {"project": {"id": owner.project_id}})
    }
    rule = "identity:get_application_credential"
    # Naming oneself in the path does not open another's credential.
    for path in (f"{other.credentials}/{created['id']}", f"{owner.credentials}/{created['id']}"):
        response = api.get(path, headers=other.headers)
        assert response.status_code == 403
        assert error(response)["message"] == FORBIDDEN.format(rule)
    listed = api.get(owner.credentials, headers=other.headers)
    assert listed.status_code == 403
    assert error(listed)["message"] == FORBIDDEN.format("identity:list_application_credentials")
    deleted = api.delete(f"{other.credentials}/{created['id']}", headers=other.headers)
    assert deleted.status_code == 403
    # Admins and system readers see anyone's.
    for headers in (tokens.headers("admin"), tokens.headers("admin", system=True)):
        assert api.get(f"{owner.credentials}/{created['id']}", headers=headers).status_code == 200


def test_missing_credential_is_404(api, owner):
    path = f"{owner.credentials}/nothing-here"
    for method in ("GET", "HEAD", "DELETE"):
        response = api.request(method, path, headers=owner.headers)
        assert response.status_code == 404
    response = api.get(path, headers=owner.headers)
    assert error(response)["message"] == "Could not find Application Credential: nothing-here."


def test_credentials_cannot_be_changed(api, owner):
    created = _create(api, owner)
    body = {"application_credential": {"description": "new"}}
    response = api.patch(f"{owner.credentials}/{created['id']}", headers=owner.headers, json=body)
    assert response.status_code == 405


# -- authenticating with one ---------------------------------------------------


def test_a_token_from_a_credential_is_scoped_to_its_project(api, owner):
    created = _create(api, owner, roles=[{"name": "reader"}])
    response = _issue(api, created)
    assert response.status_code == 201
    body = response.json()["token"]
    assert body["methods"] == ["application_credential"]
    assert body["project"]["id"] == owner.project_id
    assert body["user"]["id"] == owner.user_id
    assert [r["name"] for r in body["roles"]] == ["reader"]
    assert body["application_credential"] == {
        "id": created["id"],
        "name": created["name"],
        "restricted": True,
    }
    subject = response.headers["X-Subject-Token"]
    # It works as any token does: here it validates itself.
    checked = api.get(TOKENS, headers={"X-Auth-Token": subject, "X-Subject-Token": subject})
    assert checked.status_code == 200


def test_a_credential_by_name_needs_its_user(api, cloud, owner):
    created = _create(api, owner)
    with cloud.identity.store.read() as session:
        user_name = session.get(models.User, owner.user_id).name
    by_id = _auth(name=created["name"], user={"id": owner.user_id}, secret=created["secret"])
    assert api.post(TOKENS, json=by_id).status_code == 201
    by_name = _auth(
        name=created["name"],
        user={"name": user_name, "domain": {"id": "default"}},
        secret=created["secret"],
    )
    assert api.post(TOKENS, json=by_name).status_code == 201
    answers = [
        (
            _auth(name=created["name"], secret="s"),
            400,
            "Expecting to find user in application credential." + CLIENT_IS_WRONG,
        ),
        (
            _auth(secret="s"),
            400,
            "Expecting to find name or ID in application credential." + CLIENT_IS_WRONG,
        ),
        (
            _auth(name=created["name"], user={"name": user_name}, secret="s"),
            400,
            "Expecting to find domain in user." + CLIENT_IS_WRONG,
        ),
        (_auth(name="other", user={"id": owner.user_id}, secret=created["secret"]), 401, NO_AUTH),
        (
            _auth(
                name=created["name"],
                user={"name": "nobody", "domain": {"id": "default"}},
                secret="s",
            ),
            404,
            "Could not find user: nobody.",
        ),
    ]
    for body, status, message in answers:
        response = api.post(TOKENS, json=body)
        assert response.status_code == status, body
        assert error(response)["message"] == message


def test_a_wrong_secret_or_unknown_id_fails(api, owner):
    created = _create(api, owner)
    wrong = api.post(TOKENS, json=_auth(id=created["id"], secret="wrong"))
    assert wrong.status_code == 401
    assert error(wrong)["message"] == NO_AUTH
    assert wrong.headers["WWW-Authenticate"].startswith("Keystone uri=")
    unknown = api.post(TOKENS, json=_auth(id="nothing-here", secret="x"))
    assert unknown.status_code == 404
    assert error(unknown)["message"] == "Could not find Application Credential: nothing-here."


def test_a_credential_cannot_choose_a_scope(api, owner):
    created = _create(api, owner)
    body = _auth(id=created["id"], secret=created["secret"])
    body["auth"]["scope"] = {"project": {"id": owner.project_id}}
    response = api.post(TOKENS, json=body)
    assert response.status_code == 401
    assert error(response)["message"] == (
        "Error authenticating with application credential: "
        "Application credentials cannot request a scope."
    )


def test_a_credential_token_cannot_be_exchanged(api, owner):
    subject = _token_for(api, _create(api, owner))
    body = {"auth": {"identity": {"methods": ["token"], "token": {"id": subject}}}}
    response = api.post(TOKENS, json=body)
    assert response.status_code == 403
    assert error(response)["message"] == FORBIDDEN.format(
        "Using a delegated token to create another token is not allowed."
    )


def test_a_token_never_outlives_its_credential(api, owner):
    soon = (timeutils.utcnow() + datetime.timedelta(minutes=5)).replace(microsecond=0)
    created = _create(api, owner, expires_at=soon.isoformat() + "Z")
    body = _issue(api, created).json()["token"]
    assert body["expires_at"] == soon.strftime("%Y-%m-%dT%H:%M:%S.000000Z")


def test_an_expired_credential_stops_working(api, cloud, owner):
    created = _create(api, owner)
    subject = _token_for(api, created)
    with cloud.identity.store.write() as session:
        credential = session.get(models.ApplicationCredential, created["id"])
        credential.expires_at = timeutils.utcnow() - datetime.timedelta(seconds=1)
    assert api.get(TOKENS, headers={**owner.headers, "X-Subject-Token": subject}).status_code == 404
    response = _issue(api, created)
    assert response.status_code == 401
    assert error(response)["message"] == NO_AUTH


def test_a_restricted_credential_cannot_manage_credentials(api, owner):
    created = _create(api, owner)
    headers = {"X-Auth-Token": _token_for(api, created)}
    message = FORBIDDEN.format(
        "Using method 'application_credential' is not allowed for managing additional "
        "application credentials."
    )
    refused = api.post(
        owner.credentials, headers=headers, json={"application_credential": {"name": "x"}}
    )
    assert refused.status_code == 403
    assert error(refused)["message"] == message
    deleted = api.delete(f"{owner.credentials}/{created['id']}", headers=headers)
    assert deleted.status_code == 403
    assert error(deleted)["message"] == message
    # Reading is allowed.
    assert api.get(owner.credentials, headers=headers).status_code == 200


def test_an_unrestricted_credential_may_manage_credentials(api, owner):
    created = _create(api, owner, unrestricted=True)
    headers = {"X-Auth-Token": _token_for(api, created)}
    assert _issue(api, created).json()["token"]["application_credential"]["restricted"] is False
    child = _create(api, owner, headers=headers)
    assert api.delete(f"{owner.credentials}/{child['id']}", headers=headers).status_code == 204


def test_deleting_a_credential_ends_its_tokens(api, owner):
    created = _create(api, owner)
    subject = _token_for(api, created)
    as_subject = {**owner.headers, "X-Subject-Token": subject}
    assert api.get(TOKENS, headers=as_subject).status_code == 200
    assert api.get(owner.credentials, headers={"X-Auth-Token": subject}).status_code == 200
    assert (
        api.delete(f"{owner.credentials}/{created['id']}", headers=owner.headers).status_code == 204
    )
    assert api.get(TOKENS, headers=as_subject).status_code == 404
    assert api.get(owner.credentials, headers={"X-Auth-Token": subject}).status_code == 401
    assert _issue(api, created).status_code == 404


def test_deletion_records_a_revocation_event(api, cloud, owner):
    created = _create(api, owner)
    assert (
        api.delete(f"{owner.credentials}/{created['id']}", headers=owner.headers).status_code == 204
    )
    with cloud.identity.store.read() as session:
        events = session.query(models.RevocationEvent).filter_by(
            application_credential_id=created["id"]
        )
        assert events.count() == 1


def test_losing_the_roles_on_the_project_ends_the_credential(api, admin, owner):
    created = _create(api, owner, roles=[{"name": "member"}])
    subject = _token_for(api, created)
    member = _role_id(api, admin, "member")
    api.delete(
        f"{V3}/projects/{owner.project_id}/users/{owner.user_id}/roles/{member}", headers=admin
    )
    assert api.get(TOKENS, headers={**admin, "X-Subject-Token": subject}).status_code == 404
    response = _issue(api, created)
    assert response.status_code == 401
    assert error(response)["message"] == NO_AUTH


def test_a_token_carries_only_the_roles_still_held(api, admin, owner):
    extra = make_role(api, admin)
    grant = _grant(api, admin, owner.project_id, owner.user_id, extra["id"])
    scoped = token(api, owner.user_id, PASSWORD, {"project": {"id": owner.project_id}})
    created = _create(api, owner, headers={"X-Auth-Token": scoped})
    assert extra["name"] in {r["name"] for r in created["roles"]}
    assert api.delete(grant, headers=admin).status_code == 204
    roles = {r["name"] for r in _issue(api, created).json()["token"]["roles"]}
    assert roles == {"member", "reader"}


# -- access rules --------------------------------------------------------------

RULE = {"service": "compute", "path": "/v2.1/servers", "method": "GET"}


def test_access_rules_are_made_through_credentials_and_shared(api, owner):
    first = _create(api, owner, access_rules=[RULE])
    (rule,) = first["access_rules"]
    assert rule == {"id": rule["id"], **RULE}
    second = _create(api, owner, access_rules=[dict(RULE)])
    assert second["access_rules"] == [rule]
    by_id = _create(api, owner, access_rules=[{"id": rule["id"]}])
    assert by_id["access_rules"] == [rule]
    listed = api.get(owner.access_rules, headers=owner.headers).json()
    link = f"http://cloud.test{V3}/access_rules/{rule['id']}"
    assert listed["access_rules"] == [{**rule, "links": {"self": link}}]
    shown = api.get(f"{owner.access_rules}/{rule['id']}", headers=owner.headers)
    assert shown.json() == {"access_rule": {**rule, "links": {"self": link}}}
    filtered = api.get(f"{owner.access_rules}?method=POST", headers=owner.headers).json()
    assert filtered["access_rules"] == []


def test_a_rule_in_use_cannot_be_deleted(api, owner):
    created = _create(api, owner, access_rules=[RULE])
    rule_path = f"{owner.access_rules}/{created['access_rules'][0]['id']}"
    refused = api.delete(rule_path, headers=owner.headers)
    assert refused.status_code == 403
    assert error(refused)["message"] == "May not delete access rule in use"
    assert (
        api.delete(f"{owner.credentials}/{created['id']}", headers=owner.headers).status_code == 204
    )
    assert api.delete(rule_path, headers=owner.headers).status_code == 204
    missing = api.get(rule_path, headers=owner.headers)
    assert missing.status_code == 404
    assert error(missing)["message"] == (
        f"Could not find Access Rule: {created['access_rules'][0]['id']}."
    )


def test_another_users_rule_cannot_be_used_or_seen(api, cloud, admin, owner):
    created = _create(api, owner, access_rules=[RULE])
    rule_id = created["access_rules"][0]["id"]
    other = make_user(cloud, password=PASSWORD)
    _grant(api, admin, owner.project_id, other, _role_id(api, admin, "member"))
    headers = {"X-Auth-Token": token(api, other, PASSWORD, {"project": {"id": owner.project_id}})}
    body = {"application_credential": {"name": unique("ac"), "access_rules": [{"id": rule_id}]}}
    taken = api.post(f"{V3}/users/{other}/application_credentials", headers=headers, json=body)
    assert taken.status_code == 404
    assert error(taken)["message"] == f"Could not find Access Rule: {rule_id}."
    peeked = api.get(f"{owner.access_rules}/{rule_id}", headers=headers)
    assert peeked.status_code == 403
    assert error(peeked)["message"] == FORBIDDEN.format("identity:get_access_rule")
    # Naming oneself in the path finds only one's own rules.
    own_path = api.get(f"{V3}/users/{other}/access_rules/{rule_id}", headers=headers)
    assert own_path.status_code == 404


def test_a_rule_must_be_named_or_spelled_out(api, owner):
    body = {"application_credential": {"name": "x", "access_rules": [{"service": "compute"}]}}
    response = api.post(owner.credentials, headers=owner.headers, json=body)
    assert response.status_code == 400
    body["application_credential"]["access_rules"] = [{**RULE, "method": "FETCH"}]
    response = api.post(owner.credentials, headers=owner.headers, json=body)
    assert response.status_code == 400
    assert "'FETCH' is not one of" in error(response)["message"]


def test_the_system_reads_anyones_rules(api, tokens, owner):
    _create(api, owner, access_rules=[RULE])
    listed = api.get(owner.access_rules, headers=tokens.headers("admin", system=True))
    assert [r["service"] for r in listed.json()["access_rules"]] == ["compute"]
    project_admin = api.get(owner.access_rules, headers=tokens.headers("admin"))
    assert project_admin.status_code == 403


def test_a_token_bound_by_rules_carries_them_and_needs_a_middleware_that_knows(api, owner):
    created = _create(api, owner, access_rules=[RULE])
    response = _issue(api, created)
    assert (
        response.json()["token"]["application_credential"]["access_rules"]
        == created["access_rules"]
    )
    subject = response.headers["X-Subject-Token"]
    headers = {**owner.headers, "X-Subject-Token": subject}
    refused = api.get(TOKENS, headers=headers)
    assert refused.status_code == 404
    assert error(refused)["message"] == "Failed to validate token"
    allowed = api.get(TOKENS, headers={**headers, "OpenStack-Identity-Access-Rules": "1.0"})
    assert allowed.status_code == 200


def test_a_token_bound_by_rules_makes_only_the_requests_they_name(api, owner):
    rules = [
        {"service": "identity", "path": "/v3/users/*/application_credentials", "method": "GET"},
        {"service": "image", "path": "/image/v2/**", "method": "GET"},
    ]
    headers = {"X-Auth-Token": _token_for(api, _create(api, owner, access_rules=rules))}
    # Paths as the service sees them, or as they arrived: both name the endpoint.
    assert api.get(owner.credentials, headers=headers).status_code == 200
    assert api.get("/image/v2/images", headers=headers).status_code == 200
    for method, path in (
        ("GET", f"{V3}/auth/projects"),
        ("HEAD", owner.credentials),
        ("POST", owner.credentials),
        ("GET", f"{owner.credentials}/x"),
    ):
        body = {"application_credential": {"name": unique("ac")}}
        refused = api.request(method, path, headers=headers, json=body)
        assert refused.status_code == 401, (method, path)
    assert error(api.get(f"{V3}/auth/projects", headers=headers))["message"] == NO_AUTH
    # Validating a token is always allowed.
    subject = {**headers, "X-Subject-Token": headers["X-Auth-Token"]}
    assert (
        api.get(TOKENS, headers={**subject, "OpenStack-Identity-Access-Rules": "1.0"}).status_code
        == 200
    )


@pytest.mark.parametrize("ending", ["disable", "delete"])
def test_a_disabled_or_deleted_user_loses_credentials_and_rules(api, cloud, admin, owner, ending):
    created = _create(api, owner, access_rules=[RULE])
    subject = _token_for(api, created)
    user_url = f"{V3}/users/{owner.user_id}"
    if ending == "disable":
        response = api.patch(user_url, headers=admin, json={"user": {"enabled": False}})
        assert response.status_code == 200
    else:
        assert api.delete(user_url, headers=admin).status_code == 204
    assert api.get(TOKENS, headers={**admin, "X-Subject-Token": subject}).status_code == 404
    with cloud.identity.store.read() as session:
        for model in (models.ApplicationCredential, models.AccessRule):
            assert session.query(model).filter_by(user_id=owner.user_id).count() == 0
    assert _issue(api, created).status_code == 404
