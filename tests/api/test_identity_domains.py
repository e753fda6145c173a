"""/v3/domains: what a client may send, and who may list them."""

from __future__ import annotations

import uuid

from tests.api.identity_people import error, unique

DOMAINS = "/identity/v3/domains"


def test_attributes_keystone_does_not_know_are_kept_and_an_id_is_the_servers(api, admin):
    body = {"domain": {"name": "with-extras", "id": "mine", "colour": "green"}}
    created = api.post(DOMAINS, headers=admin, json=body)
    assert created.status_code == 201, created.text
    domain = created.json()["domain"]
    assert domain["colour"] == "green" and domain["id"] != "mine"
    url = f"{DOMAINS}/{domain['id']}"
    updated = api.patch(url, headers=admin, json={"domain": {"size": 3, "tags": ["t"]}})
    assert updated.status_code == 200
    shown = api.get(url, headers=admin).json()["domain"]
    assert (shown["colour"], shown["size"], shown["tags"]) == ("green", 3, ["t"])
    api.patch(url, headers=admin, json={"domain": {"enabled": False}})
    assert api.delete(url, headers=admin).status_code == 204


def test_a_project_member_may_not_list_domains(api, demo):
    response = api.get(DOMAINS, headers=demo)
    assert response.status_code == 403
    assert response.json()["error"]["message"] == (
        "You are not authorized to perform the requested action: identity:list_domains."
    )


def test_a_domain_reader_lists_only_its_domain(api, admin, tokens):
    [demo] = api.get("/identity/v3/users?name=demo", headers=admin).json()["users"]
    [reader] = api.get("/identity/v3/roles?name=reader", headers=admin).json()["roles"]
    grant = f"{DOMAINS}/default/users/{demo['id']}/roles/{reader['id']}"
    assert api.put(grant, headers=admin).status_code == 204
    listed = api.get(DOMAINS, headers={"X-Auth-Token": tokens.issue("demo", domain="default")})
    api.delete(grant, headers=admin)
    assert listed.status_code == 200
    assert [d["id"] for d in listed.json()["domains"]] == ["default"]


def test_an_explicit_id_is_a_uuid_in_keystones_form(api, admin):
    wanted = uuid.uuid4()
    for refused in (str(wanted), wanted.hex.upper(), "default2"):
        body = {"domain": {"name": unique("d"), "explicit_domain_id": refused}}
        response = api.post(DOMAINS, headers=admin, json=body)
        assert response.status_code == 400
        assert error(response)["message"] == "Domain ID does not conform to required UUID format."
    body = {"domain": {"name": unique("d"), "explicit_domain_id": wanted.hex}}
    created = api.post(DOMAINS, headers=admin, json=body)
    assert created.status_code == 201 and created.json()["domain"]["id"] == wanted.hex


def test_a_taken_name_or_id_is_keystones_conflict(api, admin):
    name, domain_id = unique("d"), uuid.uuid4().hex
    body = {"domain": {"name": name, "explicit_domain_id": domain_id}}
    assert api.post(DOMAINS, headers=admin, json=body).status_code == 201
    again = {"domain": {"name": unique("d"), "explicit_domain_id": domain_id}}
    for response, taken in (
        (api.post(DOMAINS, headers=admin, json={"domain": {"name": name}}), name),
        (api.post(DOMAINS, headers=admin, json=again), again["domain"]["name"]),
    ):
        assert response.status_code == 409
        assert error(response)["message"] == (
            "Conflict occurred attempting to store project - it is not permitted to have two "
            f"projects acting as domains with the same name: {taken}."
        )
