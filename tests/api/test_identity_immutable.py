"""The ``immutable`` resource option on projects and domains, as Keystone
enforces it: no change, no delete and no tag change until it is cleared, and
clearing it must be the request's only change."""

from __future__ import annotations

from tests.api.identity_people import error, immutable_refusal, unique

V3 = "/identity/v3"


def _create(api, admin, collection: str, kind: str, **fields) -> dict:
    body = {kind: {"name": unique(kind), "options": {"immutable": True}, **fields}}
    response = api.post(f"{V3}/{collection}", headers=admin, json=body)
    assert response.status_code == 201, response.text
    assert response.json()[kind]["options"] == {"immutable": True}
    return response.json()[kind]


def _refused(response, message: str) -> None:
    assert response.status_code == 403, response.text
    assert error(response)["message"] == message


def _clear(api, admin, url: str, kind: str) -> dict:
    both = {kind: {"description": "x", "options": {"immutable": False}}}
    _refused(api.patch(url, headers=admin, json=both), immutable_refusal("update", kind, url[-32:]))
    cleared = api.patch(url, headers=admin, json={kind: {"options": {"immutable": None}}})
    assert cleared.status_code == 200, cleared.text
    return cleared.json()[kind]


def test_immutable_project_refuses_update_and_delete_until_cleared(api, admin):
    project = _create(api, admin, "projects", "project", tags=["kept"])
    url = f"{V3}/projects/{project['id']}"
    renamed = api.patch(url, headers=admin, json={"project": {"name": unique("x")}})
    _refused(renamed, immutable_refusal("update", "project", project["id"]))
    _refused(api.delete(url, headers=admin), immutable_refusal("delete", "project", project["id"]))
    assert api.get(url, headers=admin).json()["project"]["name"] == project["name"]
    assert _clear(api, admin, url, "project")["options"] == {}
    assert api.delete(url, headers=admin).status_code == 204


def test_immutable_project_refuses_tag_changes(api, admin):
    project = _create(api, admin, "projects", "project", tags=["kept"])
    tags = f"{V3}/projects/{project['id']}/tags"

    def refusal(action: str) -> str:
        return (
            f"Cannot {action} project tags for {project['id']}, project is immutable. "
            'Set "immutable" option to false before creating project tags.'
        )

    _refused(api.put(f"{tags}/new", headers=admin), refusal("create"))
    _refused(api.put(tags, headers=admin, json={"tags": ["other"]}), refusal("update"))
    _refused(api.delete(tags, headers=admin), refusal("update"))
    _refused(api.delete(f"{tags}/kept", headers=admin), refusal("delete"))
    assert api.get(tags, headers=admin).json()["tags"] == ["kept"]
    _clear(api, admin, f"{V3}/projects/{project['id']}", "project")
    assert api.put(f"{tags}/new", headers=admin).status_code == 201


def test_setting_immutable_keeps_other_options(api, admin):
    project = _create(api, admin, "projects", "project")
    url = f"{V3}/projects/{project['id']}"
    _clear(api, admin, url, "project")
    again = api.patch(url, headers=admin, json={"project": {"options": {"immutable": True}}})
    assert again.json()["project"]["options"] == {"immutable": True}
    unset = api.patch(url, headers=admin, json={"project": {"options": {"immutable": False}}})
    assert unset.json()["project"]["options"] == {"immutable": False}
    assert api.delete(url, headers=admin).status_code == 204


def test_immutable_domain_refuses_update_and_delete_until_cleared(api, admin):
    domain = _create(api, admin, "domains", "domain")
    url = f"{V3}/domains/{domain['id']}"
    disabled = api.patch(url, headers=admin, json={"domain": {"enabled": False}})
    _refused(disabled, immutable_refusal("update", "domain", domain["id"]))
    _refused(api.delete(url, headers=admin), immutable_refusal("delete", "domain", domain["id"]))
    _clear(api, admin, url, "domain")
    assert api.patch(url, headers=admin, json={"domain": {"enabled": False}}).status_code == 200
    assert api.delete(url, headers=admin).status_code == 204


def test_an_immutable_project_keeps_its_domain(api, admin):
    domain = api.post(f"{V3}/domains", headers=admin, json={"domain": {"name": unique("d")}})
    domain_id = domain.json()["domain"]["id"]
    project = _create(api, admin, "projects", "project", domain_id=domain_id)
    url = f"{V3}/domains/{domain_id}"
    assert api.patch(url, headers=admin, json={"domain": {"enabled": False}}).status_code == 200
    deleted = api.delete(url, headers=admin)
    _refused(deleted, immutable_refusal("delete", "project", project["id"]))
    # Nothing of the domain went: the refusal undid the whole delete.
    assert api.get(url, headers=admin).status_code == 200
    assert api.get(f"{V3}/projects/{project['id']}", headers=admin).status_code == 200


def test_clearing_immutable_alone_means_nothing_else_in_the_body(api, admin):
    project = _create(api, admin, "projects", "project")
    url = f"{V3}/projects/{project['id']}"
    # Even an unchanged domain_id beside the option is a second change to Keystone.
    both = {"project": {"domain_id": "default", "options": {"immutable": False}}}
    _refused(
        api.patch(url, headers=admin, json=both),
        immutable_refusal("update", "project", project["id"]),
    )
    _clear(api, admin, url, "project")
    assert api.delete(url, headers=admin).status_code == 204
