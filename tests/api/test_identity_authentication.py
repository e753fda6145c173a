"""POST /v3/auth/tokens: bodies Keystone refuses before it checks a password."""

from __future__ import annotations

import pytest

from tests.api.identity_people import V3, error

TOKENS = f"{V3}/auth/tokens"
CLIENT_IS_WRONG = (
    " The server could not comply with the request since it is either malformed or"
    " otherwise incorrect. The client is assumed to be in error."
)


def _password(user) -> dict:
    password = {} if user is None else {"user": user}
    return {"auth": {"identity": {"methods": ["password"], "password": password}}}


@pytest.mark.parametrize("body", [{}, {"auth": None}])
def test_a_body_without_auth(api, body):
    response = api.post(TOKENS, json=body)
    assert response.status_code == 400
    assert error(response)["message"] == "Expecting to find auth in request body." + CLIENT_IS_WRONG


@pytest.mark.parametrize(
    ("user", "missing"),
    [
        (None, "user in password"),
        ({"name": "demo", "password": "x"}, "domain in user"),
        ({"id": "", "password": "x"}, "id or name in user"),
        ({"name": "demo", "domain": {"id": ""}, "password": "x"}, "id or name in domain"),
    ],
)
def test_a_password_body_must_name_its_user(api, user, missing):
    response = api.post(TOKENS, json=_password(user))
    assert response.status_code == 400
    assert error(response)["message"] == f"Expecting to find {missing}." + CLIENT_IS_WRONG
