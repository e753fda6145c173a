"""POST/GET/HEAD/DELETE /v3/auth/tokens and what a token may scope to."""

from __future__ import annotations

import dataclasses
import datetime

from pocketstack.identity import models
from pocketstack.identity.tokens.payload import Payload
from pocketstack.identity.tokens.provider import new_audit_id
from tests.api.identity_people import make_domain, make_project, make_user, token

TOKENS = "/identity/v3/auth/tokens"
PASSWORD = "correct horse"


def password_auth(user: str, password: str, scope=...) -> dict:
    """A password token request; without ``scope`` the body names none."""
    body = {
        "auth": {
            "identity": {
                "methods": ["password"],
                "password": {
                    "user": {"name": user, "domain": {"id": "default"}, "password": password}
                },
            }
        }
    }
    if scope is not ...:
        body["auth"]["scope"] = scope
    return body


def test_issue_project_scoped_token(api, cloud):
    response = api.post(
        TOKENS,
        json=password_auth(
            "demo",
            cloud.passwords["demo"],
            {"project": {"name": "demo", "domain": {"id": "default"}}},
        ),
    )
    assert response.status_code == 201
    token = response.json()["token"]
    assert response.headers["X-Subject-Token"]
    assert token["project"]["name"] == "demo"
    assert {r["name"] for r in token["roles"]} == {"member", "reader"}
    assert token["methods"] == ["password"]
    assert {e["type"] for e in token["catalog"]} == {
        "identity",
        "image",
        "block-storage",
        "volumev3",
        "object-store",
    }
    assert response.headers["x-openstack-request-id"].startswith("req-")


def test_default_project_scopes_a_token_without_scope(api, cloud):
    response = api.post(TOKENS, json=password_auth("demo", cloud.passwords["demo"]))
    assert response.json()["token"]["project"]["name"] == "demo"


def test_explicit_unscoped_token_has_no_catalog(api, cloud):
    response = api.post(TOKENS, json=password_auth("demo", cloud.passwords["demo"], "unscoped"))
    token = response.json()["token"]
    assert "project" not in token and "catalog" not in token and "roles" not in token


def test_wrong_password_is_401_in_keystone_format(api):
    response = api.post(TOKENS, json=password_auth("demo", "wrong"))
    assert response.status_code == 401
    assert response.json() == {
        "error": {
            "code": 401,
            "title": "Unauthorized",
            "message": "The request you have made requires authentication.",
        }
    }


def test_scope_without_roles_is_401(api, cloud):
    response = api.post(
        TOKENS,
        json=password_auth(
            "demo",
            cloud.passwords["demo"],
            {"project": {"name": "admin", "domain": {"id": "default"}}},
        ),
    )
    assert response.status_code == 401
    assert "has no access to project" in response.json()["error"]["message"]


def test_system_scope(api, cloud):
    response = api.post(
        TOKENS, json=password_auth("admin", cloud.passwords["admin"], {"system": {"all": True}})
    )
    assert response.status_code == 201
    assert response.json()["token"]["system"] == {"all": True}


def test_malformed_json_is_400(api):
    response = api.post(TOKENS, content=b"{not json", headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json()["error"]["message"].startswith(
        "Expecting to find valid JSON in request body"
    )


def test_validate_check_and_revoke(api, tokens, cloud):
    # A token of its own: the shared ones must outlive this test.
    subject = api.post(TOKENS, json=password_auth("demo", cloud.passwords["demo"])).headers[
        "X-Subject-Token"
    ]
    own = {"X-Auth-Token": subject, "X-Subject-Token": subject}
    assert api.get(TOKENS, headers=own).status_code == 200
    assert api.head(TOKENS, headers=own).status_code == 200
    nocatalog = api.get(TOKENS + "?nocatalog", headers=own).json()["token"]
    assert "catalog" not in nocatalog
    other = tokens.issue("alt_demo", "alt_demo")
    forbidden = api.get(TOKENS, headers={"X-Auth-Token": other, "X-Subject-Token": subject})
    assert forbidden.status_code == 403
    assert (
        api.delete(
            TOKENS, headers={**tokens.headers("admin"), "X-Subject-Token": subject}
        ).status_code
        == 204
    )
    admin = tokens.headers("admin")
    assert api.get(TOKENS, headers={**admin, "X-Subject-Token": subject}).status_code == 404
    assert (
        api.get("/identity/v3/auth/catalog", headers={"X-Auth-Token": subject}).status_code == 401
    )


def test_bad_token_is_401(api):
    response = api.get("/identity/v3/projects", headers={"X-Auth-Token": "nonsense"})
    assert response.status_code == 401


def test_version_documents(api):
    root = api.get("/")
    assert root.status_code == 300
    assert (
        root.json()["versions"]["values"][0]["links"][0]["href"] == "http://cloud.test/identity/v3/"
    )
    assert api.get("/identity").status_code == 300
    v3 = api.get("/identity/v3")
    assert v3.status_code == 200
    assert v3.json()["version"]["id"] == "v3.14"


def _crafted_token(cloud, **changes) -> str:
    """A token minted directly by the provider, for times a test cannot wait for."""
    tokens = cloud.identity.tokens
    with cloud.identity.store.read() as session:
        demo = session.query(models.User).filter_by(name="demo").one()
        project = session.query(models.Project).filter_by(name="demo").one()
    now = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
    payload = Payload(
        user_id=demo.id,
        methods=("password",),
        issued_at=now - datetime.timedelta(hours=2),
        expires_at=now - datetime.timedelta(hours=1),
        audit_ids=(new_audit_id(),),
        project_id=project.id,
    )
    return tokens.keys.encrypt(dataclasses.replace(payload, **changes).pack())


def test_expired_token_is_401_and_404_as_subject(api, cloud, admin):
    expired = _crafted_token(cloud)
    assert (
        api.get("/identity/v3/auth/catalog", headers={"X-Auth-Token": expired}).status_code == 401
    )
    assert api.get(TOKENS, headers={**admin, "X-Subject-Token": expired}).status_code == 404
    allowed = api.get(TOKENS + "?allow_expired=1", headers={**admin, "X-Subject-Token": expired})
    assert allowed.status_code == 200
    assert allowed.json()["token"]["project"]["name"] == "demo"


def test_token_auth_keeps_the_original_expiry_and_audit_chain(api, tokens):
    original = tokens.issue("demo", "demo")
    own = {"X-Auth-Token": original, "X-Subject-Token": original}
    first = api.get(TOKENS, headers=own).json()["token"]
    body = {
        "auth": {"identity": {"methods": ["token"], "token": {"id": original}}, "scope": "unscoped"}
    }
    response = api.post(TOKENS, json=body)
    assert response.status_code == 201
    second = response.json()["token"]
    assert second["expires_at"] == first["expires_at"]
    assert second["audit_ids"][1] == first["audit_ids"][0]
    assert second["methods"] == ["token", "password"]


def test_a_disabled_project_cannot_be_scoped_to(api, admin):
    created = api.post(
        "/identity/v3/projects", headers=admin, json={"project": {"name": "to-disable"}}
    )
    project_id = created.json()["project"]["id"]
    patch = api.patch(
        f"/identity/v3/projects/{project_id}", headers=admin, json={"project": {"enabled": False}}
    )
    assert patch.status_code == 200 and patch.json()["project"]["enabled"] is False
    scoped = api.post(
        "/identity/v3/auth/tokens",
        json={
            "auth": {
                "identity": {"methods": ["token"], "token": {"id": admin["X-Auth-Token"]}},
                "scope": {"project": {"id": project_id}},
            }
        },
    )
    assert scoped.status_code == 401
    assert scoped.json()["error"]["message"] == f"Project is disabled: {project_id}"


def test_revoking_with_cascade_false_keeps_rescoped_tokens(api, cloud, admin):
    parent = api.post(TOKENS, json=password_auth("alt_demo", cloud.passwords["alt_demo"])).headers[
        "X-Subject-Token"
    ]
    body = {"auth": {"identity": {"methods": ["token"], "token": {"id": parent}}}}
    child = api.post(TOKENS, json=body).headers["X-Subject-Token"]
    response = api.delete(TOKENS + "?cascade=false", headers={**admin, "X-Subject-Token": parent})
    assert response.status_code == 204
    assert api.get(TOKENS, headers={**admin, "X-Subject-Token": parent}).status_code == 404
    assert api.get(TOKENS, headers={**admin, "X-Subject-Token": child}).status_code == 200
    api.delete(TOKENS, headers={**admin, "X-Subject-Token": child})


def test_a_system_token_cannot_be_rescoped_to_a_project(api, tokens):
    system = tokens.issue("admin", system=True)
    body = {
        "auth": {
            "identity": {"methods": ["token"], "token": {"id": system}},
            "scope": {"project": {"name": "admin", "domain": {"id": "default"}}},
        }
    }
    response = api.post(TOKENS, json=body)
    assert response.status_code == 403
    assert response.json()["error"]["message"] == (
        "You are not authorized to perform the requested action: Using a system-scoped token"
        " to create a project-scoped or domain-scoped token is not allowed.."
    )


def test_allow_expired_reaches_back_only_through_the_window(api, cloud, admin):
    now = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
    window = datetime.timedelta(seconds=cloud.settings.identity.allow_expired_window)
    long_gone = _crafted_token(
        cloud,
        issued_at=now - window - datetime.timedelta(hours=2),
        expires_at=now - window - datetime.timedelta(minutes=1),
    )
    headers = {**admin, "X-Subject-Token": long_gone}
    assert api.get(TOKENS + "?allow_expired=1", headers=headers).status_code == 404


def test_revoking_a_rescoped_token_leaves_its_parent_and_siblings(api, cloud, admin):
    parent = api.post(TOKENS, json=password_auth("alt_demo", cloud.passwords["alt_demo"])).headers[
        "X-Subject-Token"
    ]
    body = {"auth": {"identity": {"methods": ["token"], "token": {"id": parent}}}}
    child, sibling = (api.post(TOKENS, json=body).headers["X-Subject-Token"] for _ in range(2))
    assert api.delete(TOKENS, headers={**admin, "X-Subject-Token": child}).status_code == 204
    assert api.get(TOKENS, headers={**admin, "X-Subject-Token": child}).status_code == 404
    assert api.get(TOKENS, headers={**admin, "X-Subject-Token": parent}).status_code == 200
    assert api.get(TOKENS, headers={**admin, "X-Subject-Token": sibling}).status_code == 200
    # Revoking the root still ends the whole chain.
    assert api.delete(TOKENS, headers={**admin, "X-Subject-Token": parent}).status_code == 204
    assert api.get(TOKENS, headers={**admin, "X-Subject-Token": sibling}).status_code == 404


def _member_token(api, admin, cloud, domain_id: str = "default") -> tuple[str, str]:
    """A new user's token scoped to a new project in ``domain_id``: (project id, token)."""
    user_id = make_user(cloud, domain_id, password=PASSWORD)
    project_id = make_project(cloud, domain_id)
    member = api.get("/identity/v3/roles?name=member", headers=admin).json()["roles"][0]["id"]
    grant = f"/identity/v3/projects/{project_id}/users/{user_id}/roles/{member}"
    assert api.put(grant, headers=admin).status_code == 204
    return project_id, token(api, user_id, PASSWORD, {"project": {"id": project_id}})


def test_a_disabled_project_suspends_its_tokens_until_enabled_again(api, cloud, admin):
    project_id, subject = _member_token(api, admin, cloud)
    url = f"/identity/v3/projects/{project_id}"
    check = {**admin, "X-Subject-Token": subject}
    api.patch(url, headers=admin, json={"project": {"enabled": False}})
    suspended = api.get(TOKENS, headers=check)
    assert suspended.status_code == 404
    assert suspended.json()["error"]["message"] == (
        f"Unable to validate token because project {project_id} is disabled"
    )
    api.patch(url, headers=admin, json={"project": {"enabled": True}})
    assert api.get(TOKENS, headers=check).status_code == 200


def test_a_disabled_domain_suspends_its_tokens_until_enabled_again(api, cloud, admin):
    domain_id = make_domain(cloud)
    _, subject = _member_token(api, admin, cloud, domain_id)
    url = f"/identity/v3/domains/{domain_id}"
    check = {**admin, "X-Subject-Token": subject}
    api.patch(url, headers=admin, json={"domain": {"enabled": False}})
    assert api.get(TOKENS, headers=check).status_code == 404
    api.patch(url, headers=admin, json={"domain": {"enabled": True}})
    assert api.get(TOKENS, headers=check).status_code == 200


def test_a_subject_that_does_not_validate_is_404_without_quoting_it(api, cloud, admin):
    expired = _crafted_token(cloud)
    revoked = api.post(TOKENS, json=password_auth("demo", cloud.passwords["demo"])).headers[
        "X-Subject-Token"
    ]
    api.delete(TOKENS, headers={**admin, "X-Subject-Token": revoked})
    cases = {
        "garbage": "Could not recognize Fernet token",
        expired: "Failed to validate token",
        revoked: "Failed to validate token",
    }
    for subject, message in cases.items():
        response = api.get(TOKENS, headers={**admin, "X-Subject-Token": subject})
        assert response.status_code == 404
        assert response.json()["error"]["message"] == message


def test_without_a_subject_token_an_admin_gets_404_and_a_member_403(api, admin, demo):
    for method, rule in (("GET", "validate_token"), ("DELETE", "revoke_token")):
        missing = api.request(method, TOKENS, headers=admin)
        assert missing.status_code == 404
        assert missing.json()["error"]["message"] == "No token in the request"
        refused = api.request(method, TOKENS, headers=demo)
        assert refused.status_code == 403
        assert refused.json()["error"]["message"] == (
            f"You are not authorized to perform the requested action: identity:{rule}."
        )
    assert api.head(TOKENS, headers=admin).status_code == 404
    assert api.head(TOKENS, headers=demo).status_code == 403
