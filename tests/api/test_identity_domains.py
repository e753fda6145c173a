"""/v3/domains: what a client may send, and who may list them."""

from __future__ import annotations

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
