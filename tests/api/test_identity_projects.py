"""/v3/projects: tags added one at a time, the hierarchy's rules, conflicts."""

from __future__ import annotations

import pytest

from tests.api.identity_people import error, make_domain, unique


@pytest.mark.parametrize("tag", ["a" * 256, "comma,separated"])
def test_a_tag_in_the_path_is_checked_as_body_tags_are(api, admin, tag):
    created = api.post("/identity/v3/projects", headers=admin, json={"project": {"name": tag[:9]}})
    project = created.json()["project"]
    tags = f"/identity/v3/projects/{project['id']}/tags"
    assert api.put(f"{tags}/{tag}", headers=admin).status_code == 400
    assert api.get(tags, headers=admin).json()["tags"] == []
    api.delete(f"/identity/v3/projects/{project['id']}", headers=admin)


PROJECTS = "/identity/v3/projects"


def _create(api, admin, **fields):
    return api.post(PROJECTS, headers=admin, json={"project": {"name": unique("p"), **fields}})


def _disable(api, admin, project_id: str) -> None:
    url = f"{PROJECTS}/{project_id}"
    assert api.patch(url, headers=admin, json={"project": {"enabled": False}}).status_code == 200


def test_no_project_is_made_under_a_disabled_one(api, admin):
    parent = _create(api, admin).json()["project"]["id"]
    _disable(api, admin, parent)
    response = _create(api, admin, parent_id=parent)
    assert response.status_code == 400
    assert error(response)["message"] == (
        f"cannot create a project in a branch containing a disabled project: {parent}"
    )


def test_a_project_under_a_disabled_parent_cannot_be_enabled(api, admin):
    parent = _create(api, admin).json()["project"]["id"]
    child = _create(api, admin, parent_id=parent).json()["project"]["id"]
    _disable(api, admin, child)
    _disable(api, admin, parent)
    response = api.patch(f"{PROJECTS}/{child}", headers=admin, json={"project": {"enabled": True}})
    assert response.status_code == 403
    assert error(response)["message"] == (
        f"Cannot enable project {child} since it has disabled parents"
    )


def test_a_branch_holds_five_projects_at_most(api, admin):
    parent = None
    for _ in range(5):
        created = _create(api, admin, **({"parent_id": parent} if parent else {}))
        assert created.status_code == 201, created.text
        parent = created.json()["project"]["id"]
    response = _create(api, admin, parent_id=parent)
    assert response.status_code == 403
    assert error(response)["message"] == f"Max hierarchy depth reached for {parent} branch."


def test_an_unknown_domain_is_400(api, admin):
    response = _create(api, admin, domain_id="nowhere")
    assert response.status_code == 400
    assert error(response)["message"] == "Could not find domain: nowhere."


def test_a_parent_in_another_domain_is_refused(api, admin, cloud):
    other = make_domain(cloud)
    parent = _create(api, admin, domain_id=other).json()["project"]["id"]
    response = _create(api, admin, domain_id="default", parent_id=parent)
    assert response.status_code == 400
    assert error(response)["message"] == (
        "Cannot create project, since it specifies its domain_id default, but specifies a "
        f"parent in a different domain ({other})."
    )


def test_a_taken_name_is_a_conflict_naming_the_new_project(api, admin):
    name = unique("p")
    assert _create(api, admin, name=name).status_code == 201
    response = api.post(PROJECTS, headers=admin, json={"project": {"name": name}})
    assert response.status_code == 409
    message = error(response)["message"]
    prefix = (
        "Conflict occurred attempting to store project - it is not permitted to have two "
        "projects with either the same name or same id in the same domain: "
        f"name is {name}, project id "
    )
    assert message.startswith(prefix) and message.endswith(".")
    assert len(message[len(prefix) : -1]) == 32


@pytest.mark.parametrize("options", [{"colour": "green"}, {"immutable": "yes"}])
def test_options_are_keystones_registry(api, admin, options):
    assert _create(api, admin, options=options).status_code == 400
    domain = {"domain": {"name": unique("d"), "options": options}}
    assert api.post("/identity/v3/domains", headers=admin, json=domain).status_code == 400


def test_fixed_attributes_are_refused_as_keystone_refuses_them(api, admin, cloud):
    parent = _create(api, admin).json()["project"]
    child = _create(api, admin, parent_id=parent["id"]).json()["project"]
    url = f"{PROJECTS}/{child['id']}"
    for fields, status, message in [
        ({"domain_id": make_domain(cloud)}, 400, "Cannot change Domain ID"),
        ({"parent_id": "default"}, 403, "Update of `parent_id` is not allowed."),
        ({"is_domain": True}, 400, "Update of `is_domain` is not allowed."),
    ]:
        response = api.patch(url, headers=admin, json={"project": fields})
        assert response.status_code == status, response.text
        assert error(response)["message"] == message
    unchanged = {"parent_id": parent["id"], "domain_id": "default", "is_domain": False}
    assert api.patch(url, headers=admin, json={"project": unchanged}).status_code == 200


def test_a_new_name_is_stripped(api, admin):
    project = _create(api, admin).json()["project"]
    name = unique("renamed")
    renamed = api.patch(
        f"{PROJECTS}/{project['id']}", headers=admin, json={"project": {"name": f"  {name} "}}
    )
    assert renamed.json()["project"]["name"] == name
