"""/v3/credentials, as Keystone answers: owners, ec2 ids, encryption at rest."""

from __future__ import annotations

import hashlib
import json

import pytest

from pocketstack.identity import models
from pocketstack.identity.objects import new_id
from tests.api.identity_people import V3, error, make_project, make_user, token, unique

CREDENTIALS = f"{V3}/credentials"
TOKENS = f"{V3}/auth/tokens"
PASSWORD = "correct horse"
FORBIDDEN = "You are not authorized to perform the requested action: {}."
CLIENT_IS_WRONG = (
    " The server could not comply with the request since it is either malformed or otherwise"
    " incorrect. The client is assumed to be in error."
)


def _create(api, headers, **fields) -> dict:
    response = api.post(CREDENTIALS, headers=headers, json={"credential": fields})
    assert response.status_code == 201, response.text
    return response.json()["credential"]


def _ec2_blob(**extra) -> str:
    return json.dumps({"access": unique("access"), "secret": "s3cr3t", **extra})


@pytest.fixture(scope="module")
def demo_project(api, tokens) -> str:
    admin = tokens.headers("admin")
    return api.get(f"{V3}/projects?name=demo", headers=admin).json()["projects"][0]["id"]


@pytest.fixture(scope="module")
def member(api, tokens, cloud, demo_project) -> dict:
    """A user of its own with the member role on the demo project, and its token."""
    admin = tokens.headers("admin")
    user_id = make_user(cloud, password=PASSWORD)
    member_role = api.get(f"{V3}/roles?name=member", headers=admin).json()["roles"][0]["id"]
    grant = f"{V3}/projects/{demo_project}/users/{user_id}/roles/{member_role}"
    assert api.put(grant, headers=admin).status_code == 204
    scoped = token(api, user_id, PASSWORD, {"project": {"id": demo_project}})
    return {"id": user_id, "headers": {"X-Auth-Token": scoped}}


def test_create_returns_keystone_body(api, admin, member):
    response = api.post(
        CREDENTIALS,
        headers=admin,
        json={"credential": {"type": "totp", "user_id": member["id"], "blob": "seed", "x": 1}},
    )
    assert response.status_code == 201
    credential = response.json()["credential"]
    assert credential == {
        "id": credential["id"],
        "user_id": member["id"],
        "project_id": None,
        "type": "totp",
        "blob": "seed",
        "x": 1,
        "links": {"self": f"http://cloud.test/identity/v3/credentials/{credential['id']}"},
    }
    assert len(credential["id"]) == 32
    fetched = api.get(f"{CREDENTIALS}/{credential['id']}", headers=admin).json()
    assert fetched == {"credential": credential}


def test_an_id_in_the_body_is_ignored(api, admin, member):
    created = _create(api, admin, type="cert", user_id=member["id"], blob="b", id="mine")
    assert created["id"] != "mine"


def test_blob_is_encrypted_at_rest(api, admin, cloud, member):
    created = _create(api, admin, type="cert", user_id=member["id"], blob="very secret bytes")
    with cloud.identity.store.read() as session:
        stored = session.get(models.Credential, created["id"]).encrypted_blob
    assert "very secret" not in stored
    assert cloud.identity.credential_keys.decrypt(stored) == b"very secret bytes"


def test_ec2_id_is_the_sha256_of_the_access_key(api, admin, member, demo_project):
    blob = _ec2_blob()
    created = _create(
        api, admin, type="ec2", user_id=member["id"], project_id=demo_project, blob=blob
    )
    access = json.loads(blob)["access"]
    assert created["id"] == hashlib.sha256(access.encode()).hexdigest()
    assert created["blob"] == blob
    again = api.post(
        CREDENTIALS,
        headers=admin,
        json={
            "credential": {"type": "ec2", "user_id": member["id"], "project_id": "p", "blob": blob}
        },
    )
    assert again.status_code == 409
    assert error(again)["message"] == (
        "Conflict occurred attempting to store credential - Duplicate entry found with ID "
        f"{created['id']}."
    )


@pytest.mark.parametrize(
    ("blob", "message"),
    [
        ("not json", "Invalid blob in credential"),
        ("[]", "Expecting to find blob in credential." + CLIENT_IS_WRONG),
        ('{"secret": "s"}', "Expecting to find access in credential." + CLIENT_IS_WRONG),
    ],
)
def test_ec2_blob_must_hold_an_access_key(api, admin, member, blob, message):
    body = {"type": "ec2", "user_id": member["id"], "project_id": "p", "blob": blob}
    response = api.post(CREDENTIALS, headers=admin, json={"credential": body})
    assert response.status_code == 400
    assert error(response)["message"] == message


def test_ec2_needs_a_project(api, admin, member):
    body = {"type": "ec2", "user_id": member["id"], "blob": _ec2_blob()}
    response = api.post(CREDENTIALS, headers=admin, json={"credential": body})
    assert response.status_code == 400
    assert error(response)["message"].startswith("Invalid input for field/attribute credential.")
    assert error(response)["message"].endswith("'project_id' is a required property")


def test_required_attributes(api, admin):
    response = api.post(CREDENTIALS, headers=admin, json={"credential": {"type": "x", "blob": "b"}})
    assert response.status_code == 400
    assert error(response)["message"] == (
        "Invalid input for field/attribute credential. Value: {'type': 'x', 'blob': 'b'}. "
        "'user_id' is a required property"
    )


def test_owner_creates_for_itself_only(api, member, cloud):
    own = _create(api, member["headers"], type="totp", user_id=member["id"], blob="b")
    assert own["user_id"] == member["id"]
    other = {"type": "totp", "user_id": make_user(cloud), "blob": "b"}
    refused = api.post(CREDENTIALS, headers=member["headers"], json={"credential": other})
    assert refused.status_code == 403
    assert error(refused)["message"] == FORBIDDEN.format("identity:create_credential")


def test_list_shows_each_caller_only_what_it_may_see(api, admin, member, cloud):
    mine = _create(api, member["headers"], type="totp", user_id=member["id"], blob="b")
    someone = make_user(cloud)
    theirs = _create(api, admin, type="cert", user_id=someone, blob="b")
    seen = {c["id"] for c in api.get(CREDENTIALS, headers=member["headers"]).json()["credentials"]}
    assert mine["id"] in seen and theirs["id"] not in seen
    every = {c["id"] for c in api.get(CREDENTIALS, headers=admin).json()["credentials"]}
    assert {mine["id"], theirs["id"]} <= every
    by_user = api.get(f"{CREDENTIALS}?user_id={someone}", headers=admin).json()["credentials"]
    assert [c["id"] for c in by_user] == [theirs["id"]]
    by_type = api.get(f"{CREDENTIALS}?type=totp&user_id={member['id']}", headers=admin).json()
    assert {c["type"] for c in by_type["credentials"]} == {"totp"}
    asked = api.get(f"{CREDENTIALS}?user_id={someone}", headers=member["headers"]).json()
    assert asked["credentials"] == []


def test_system_reader_reads_everyone_s(api, admin, tokens, member):
    created = _create(api, admin, type="cert", user_id=member["id"], blob="b")
    system = tokens.headers("admin", system=True)
    assert api.get(f"{CREDENTIALS}/{created['id']}", headers=system).status_code == 200
    assert created["id"] in {
        c["id"] for c in api.get(CREDENTIALS, headers=system).json()["credentials"]
    }


def test_another_user_s_credential_is_403_and_a_missing_one_404_for_admin(
    api, admin, member, cloud
):
    theirs = _create(api, admin, type="cert", user_id=make_user(cloud), blob="b")
    url = f"{CREDENTIALS}/{theirs['id']}"
    for method, rule in (("GET", "get"), ("PATCH", "update"), ("DELETE", "delete")):
        body = {"credential": {"blob": "x"}} if method == "PATCH" else None
        response = api.request(method, url, headers=member["headers"], json=body)
        assert response.status_code == 403
        assert error(response)["message"] == FORBIDDEN.format(f"identity:{rule}_credential")
    missing = api.get(f"{CREDENTIALS}/nothing", headers=admin)
    assert missing.status_code == 404
    assert error(missing)["message"] == "Could not find credential: nothing."
    assert api.get(f"{CREDENTIALS}/nothing", headers=member["headers"]).status_code == 403


def test_owner_updates_the_blob_only(api, member):
    own = _create(api, member["headers"], type="totp", user_id=member["id"], blob="old")
    url = f"{CREDENTIALS}/{own['id']}"
    response = api.patch(url, headers=member["headers"], json={"credential": {"blob": "new"}})
    assert response.status_code == 200
    assert response.json()["credential"] == {**own, "blob": "new"}
    retyped = api.patch(url, headers=member["headers"], json={"credential": {"type": "ec2"}})
    assert retyped.status_code == 400
    assert error(retyped)["message"] == (
        "Invalid input for field/attribute credential. Value: {'type': 'ec2'}. "
        "Additional properties are not allowed ('type' was unexpected)"
    )


def test_ec2_update_keeps_its_scope(api, admin, member, demo_project):
    blob = _ec2_blob(trust_id="t1")
    created = _create(
        api, admin, type="ec2", user_id=member["id"], project_id=demo_project, blob=blob
    )
    url = f"{CREDENTIALS}/{created['id']}"
    rescoped = json.dumps({**json.loads(blob), "trust_id": "t2"})
    response = api.patch(url, headers=admin, json={"credential": {"blob": rescoped}})
    assert response.status_code == 400
    assert error(response)["message"] == "trust_id can not be updated for credential"
    broken = api.patch(url, headers=admin, json={"credential": {"blob": "{}"}})
    assert error(broken)["message"] == "Expecting to find blob in credential." + CLIENT_IS_WRONG
    new_secret = json.dumps({**json.loads(blob), "secret": "rotated"})
    updated = api.patch(url, headers=admin, json={"credential": {"blob": new_secret}})
    assert updated.status_code == 200
    assert updated.json()["credential"]["id"] == created["id"]


def test_owner_deletes(api, member):
    own = _create(api, member["headers"], type="totp", user_id=member["id"], blob="b")
    url = f"{CREDENTIALS}/{own['id']}"
    assert api.delete(url, headers=member["headers"]).status_code == 204
    assert api.delete(url, headers=member["headers"]).status_code == 403
    assert api.get(url, headers={}).status_code == 401


def test_deleting_a_user_deletes_their_credentials(api, admin, cloud):
    user_id = make_user(cloud)
    created = _create(api, admin, type="cert", user_id=user_id, blob="b")
    assert api.delete(f"{V3}/users/{user_id}", headers=admin).status_code == 204
    assert api.get(f"{CREDENTIALS}/{created['id']}", headers=admin).status_code == 404


def test_delegated_tokens_cannot_touch_credentials(api, admin, cloud, member, demo_project):
    own = _create(api, member["headers"], type="totp", user_id=member["id"], blob="b")
    secret = "app-secret"
    with cloud.identity.store.write() as session:
        role = session.query(models.Role).filter_by(name="member").one()
        application = models.ApplicationCredential(
            id=new_id(),
            name=unique("app"),
            secret_hash=cloud.identity.hasher.hash(secret),
            user_id=member["id"],
            project_id=demo_project,
            role_ids=[role.id],
        )
        session.add(application)
    body = {
        "auth": {
            "identity": {
                "methods": ["application_credential"],
                "application_credential": {"id": application.id, "secret": secret},
            }
        }
    }
    issued = api.post(TOKENS, json=body)
    assert issued.status_code == 201, issued.text
    delegated = {"X-Auth-Token": issued.headers["X-Subject-Token"]}
    message = (
        "You are not authorized to perform the requested action: "
        "Delegated tokens cannot access credentials directly."
    )
    for method, url, payload in (
        ("GET", f"{CREDENTIALS}/{own['id']}", None),
        ("PATCH", f"{CREDENTIALS}/{own['id']}", {"credential": {"blob": "x"}}),
        ("DELETE", f"{CREDENTIALS}/{own['id']}", None),
        ("POST", CREDENTIALS, {"credential": {"type": "t", "user_id": member["id"], "blob": "b"}}),
    ):
        response = api.request(method, url, headers=delegated, json=payload)
        assert response.status_code == 403, (method, response.text)
        assert error(response)["message"] == message
    listed = api.get(CREDENTIALS, headers=delegated)
    assert listed.status_code == 200 and listed.json()["credentials"] == []
    assert (
        api.get(f"{CREDENTIALS}/{own['id']}", headers=member["headers"]).json()["credential"][
            "blob"
        ]
        == "b"
    )


def test_deleting_a_project_deletes_the_credentials_scoped_to_it(api, admin, cloud, member):
    project_id = make_project(cloud)
    blob = _ec2_blob()
    scoped = _create(api, admin, type="ec2", user_id=member["id"], project_id=project_id, blob=blob)
    unscoped = _create(api, admin, type="cert", user_id=member["id"], blob="b")
    assert api.delete(f"{V3}/projects/{project_id}", headers=admin).status_code == 204
    assert api.get(f"{CREDENTIALS}/{scoped['id']}", headers=admin).status_code == 404
    assert api.get(f"{CREDENTIALS}/{unscoped['id']}", headers=admin).status_code == 200
