"""POST /v3/auth/tokens: the scope a body asks for, and the default project."""

from __future__ import annotations

import pytest

from tests.api.identity_people import V3, error, make_domain, make_project, make_user
from tests.api.test_identity_tokens import password_auth

TOKENS = f"{V3}/auth/tokens"
PASSWORD = "correct horse"
NOT_ONE_SCOPE = (
    "Expecting to find system, project, domain, OS-TRUST:trust or unscoped in scope."
    " The server could not comply with the request since it is either malformed or"
    " otherwise incorrect. The client is assumed to be in error."
)


def _issue(api, cloud, scope=..., user: str = "demo"):
    return api.post(TOKENS, json=password_auth(user, cloud.passwords.get(user, PASSWORD), scope))


@pytest.mark.parametrize(
    "scope",
    [
        {"project": {"name": "demo", "domain": {"id": "default"}}, "domain": {"id": "default"}},
        {},
        {"colour": {"id": "default"}},
        "sideways",
    ],
)
def test_a_scope_names_exactly_one_kind(api, cloud, scope):
    response = _issue(api, cloud, scope)
    assert response.status_code == 400
    assert error(response)["message"] == NOT_ONE_SCOPE


@pytest.mark.parametrize("scope", [[], 5, None])
def test_a_scope_is_an_object_or_a_string(api, cloud, scope):
    assert _issue(api, cloud, scope).status_code == 400


def test_a_project_named_in_an_unknown_domain_is_401(api, cloud):
    response = _issue(api, cloud, {"project": {"name": "demo", "domain": {"name": "nowhere"}}})
    assert response.status_code == 401


def test_a_project_named_without_its_domain_is_400(api, cloud):
    response = _issue(api, cloud, {"project": {"name": "demo"}})
    assert response.status_code == 400
    assert error(response)["message"].startswith("Expecting to find domain in project.")


def test_trusts_are_not_offered(api, cloud):
    response = _issue(api, cloud, {"OS-TRUST:trust": {"id": "abc"}})
    assert response.status_code == 404
    assert error(response)["message"] == "Could not find trust: abc."


def test_a_default_project_in_a_disabled_domain_gives_an_unscoped_token(api, cloud, admin):
    domain_id = make_domain(cloud)
    project_id = make_project(cloud, domain_id)
    user_id = make_user(cloud, password=PASSWORD)
    member = api.get(f"{V3}/roles?name=member", headers=admin).json()["roles"][0]["id"]
    api.put(f"{V3}/projects/{project_id}/users/{user_id}/roles/{member}", headers=admin)
    api.patch(
        f"{V3}/users/{user_id}", headers=admin, json={"user": {"default_project_id": project_id}}
    )
    name = api.get(f"{V3}/users/{user_id}", headers=admin).json()["user"]["name"]
    assert _issue(api, cloud, user=name).json()["token"]["project"]["id"] == project_id
    api.patch(f"{V3}/domains/{domain_id}", headers=admin, json={"domain": {"enabled": False}})
    response = _issue(api, cloud, user=name)
    assert response.status_code == 201
    assert "project" not in response.json()["token"]
