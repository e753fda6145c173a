"""POST/GET/HEAD/DELETE /v3/auth/tokens and what a token may scope to."""

from __future__ import annotations

TOKENS = "/identity/v3/auth/tokens"


def password_auth(user: str, password: str, scope=None) -> dict:
    body = {
        "auth": {
            "identity": {
                "methods": ["password"],
                "password": {"user": {"name": user, "domain": {"id": "default"}, "password": password}},
            }
        }
    }
    if scope is not None:
        body["auth"]["scope"] = scope
    return body


def test_issue_project_scoped_token(api, cloud):
    response = api.post(
        TOKENS,
        json=password_auth("demo", cloud.passwords["demo"], {"project": {"name": "demo", "domain": {"id": "default"}}}),
    )
    assert response.status_code == 201
    token = response.json()["token"]
    assert response.headers["X-Subject-Token"]
    assert token["project"]["name"] == "demo"
    assert {r["name"] for r in token["roles"]} == {"member", "reader"}
    assert token["methods"] == ["password"]
    assert {e["type"] for e in token["catalog"]} == {"identity", "image"}
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
        json=password_auth("demo", cloud.passwords["demo"], {"project": {"name": "admin", "domain": {"id": "default"}}}),
    )
    assert response.status_code == 401
    assert "has no access to project" in response.json()["error"]["message"]


def test_system_scope(api, cloud):
    response = api.post(TOKENS, json=password_auth("admin", cloud.passwords["admin"], {"system": {"all": True}}))
    assert response.status_code == 201
    assert response.json()["token"]["system"] == {"all": True}


def test_malformed_json_is_400(api):
    response = api.post(TOKENS, content=b"{not json", headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json()["error"]["message"].startswith("Expecting to find valid JSON in request body")


def test_validate_check_and_revoke(api, tokens):
    subject = tokens.issue("demo", "demo")
    own = {"X-Auth-Token": subject, "X-Subject-Token": subject}
    assert api.get(TOKENS, headers=own).status_code == 200
    assert api.head(TOKENS, headers=own).status_code == 200
    nocatalog = api.get(TOKENS + "?nocatalog", headers=own).json()["token"]
    assert "catalog" not in nocatalog
    other = tokens.issue("alt_demo", "alt_demo")
    forbidden = api.get(TOKENS, headers={"X-Auth-Token": other, "X-Subject-Token": subject})
    assert forbidden.status_code == 403
    assert api.delete(TOKENS, headers={**tokens.headers("admin"), "X-Subject-Token": subject}).status_code == 204
    admin = tokens.headers("admin")
    assert api.get(TOKENS, headers={**admin, "X-Subject-Token": subject}).status_code == 404
    assert api.get("/identity/v3/auth/catalog", headers={"X-Auth-Token": subject}).status_code == 401


def test_bad_token_is_401(api):
    response = api.get("/identity/v3/projects", headers={"X-Auth-Token": "nonsense"})
    assert response.status_code == 401


def test_version_documents(api):
    root = api.get("/")
    assert root.status_code == 300
    assert root.json()["versions"]["values"][0]["links"][0]["href"] == "http://cloud.test/identity/v3/"
    assert api.get("/identity").status_code == 300
    v3 = api.get("/identity/v3")
    assert v3.status_code == 200
    assert v3.json()["version"]["id"] == "v3.14"
