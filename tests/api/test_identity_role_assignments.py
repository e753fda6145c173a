"""GET /v3/role_assignments: filters, effective mode, names, subtrees, shape and policy.

The data, made per test where it matters::

    domain D ── project P ── project C (child)
    user U (in group G)
"""

from __future__ import annotations

import dataclasses

import pytest

from tests.api.identity_people import (
    V3,
    error,
    make_domain,
    make_group,
    make_project,
    make_role,
    make_user,
    token,
)

ASSIGNMENTS = f"{V3}/role_assignments"
BASE = "http://cloud.test/identity/v3"
PASSWORD = "correct horse"


@dataclasses.dataclass
class World:
    domain: str
    parent: str
    child: str
    user: str
    group: str
    role: dict


@pytest.fixture
def world(api, admin, cloud) -> World:
    domain = make_domain(cloud)
    parent = make_project(cloud, domain_id=domain)
    child = make_project(cloud, domain_id=domain, parent_id=parent)
    user = make_user(cloud, domain_id=domain, password=PASSWORD)
    group = make_group(cloud, domain_id=domain, members=(user,))
    return World(domain, parent, child, user, group, make_role(api, admin))


def _list(api, headers, **filters) -> list[dict]:
    query = "&".join(f"{k}={v}" if v is not None else k for k, v in filters.items())
    response = api.get(f"{ASSIGNMENTS}?{query}", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["role_assignments"]


def _put(api, admin, path: str) -> None:
    assert api.put(f"{V3}/{path}", headers=admin).status_code == 204


def test_direct_assignment_shape_and_links(api, admin, world):
    _put(api, admin, f"projects/{world.parent}/users/{world.user}/roles/{world.role['id']}")
    response = api.get(f"{ASSIGNMENTS}?user.id={world.user}", headers=admin)
    assert response.json() == {
        "role_assignments": [
            {
                "links": {
                    "assignment": f"{BASE}/projects/{world.parent}/users/{world.user}"
                    f"/roles/{world.role['id']}"
                },
                "scope": {"project": {"id": world.parent}},
                "user": {"id": world.user},
                "role": {"id": world.role["id"]},
            }
        ],
        "links": {
            "self": f"{BASE}/role_assignments?user.id={world.user}",
            "previous": None,
            "next": None,
        },
    }


def test_filters_by_actor_scope_and_role(api, admin, world):
    other_role = make_role(api, admin)
    _put(api, admin, f"projects/{world.parent}/users/{world.user}/roles/{world.role['id']}")
    _put(api, admin, f"domains/{world.domain}/groups/{world.group}/roles/{other_role['id']}")
    by_group = _list(api, admin, **{"group.id": world.group})
    assert by_group == [
        {
            "links": {
                "assignment": f"{BASE}/domains/{world.domain}/groups/{world.group}"
                f"/roles/{other_role['id']}"
            },
            "scope": {"domain": {"id": world.domain}},
            "group": {"id": world.group},
            "role": {"id": other_role["id"]},
        }
    ]
    by_domain = _list(api, admin, **{"scope.domain.id": world.domain})
    assert [a["role"]["id"] for a in by_domain] == [other_role["id"]]
    by_project = _list(api, admin, **{"scope.project.id": world.parent})
    assert [a["role"]["id"] for a in by_project] == [world.role["id"]]
    by_role = _list(api, admin, **{"role.id": world.role["id"]})
    assert [a["scope"] for a in by_role] == [{"project": {"id": world.parent}}]


def test_system_assignments(api, admin, cloud):
    admins = _list(api, admin, **{"scope.system": "all"})
    assert admins and all(a["scope"] == {"system": {"all": True}} for a in admins)
    first = admins[0]
    assert first["links"]["assignment"] == (
        f"{BASE}/system/users/{first['user']['id']}/roles/{first['role']['id']}"
    )
    # A project filter leaves system grants out.
    user = make_user(cloud)
    role = make_role(api, admin)
    _put(api, admin, f"system/users/{user}/roles/{role['id']}")
    assert len(_list(api, admin, **{"user.id": user})) == 1
    assert _list(api, admin, **{"user.id": user, "scope.project.id": "x"}) == []


def test_inherited_filter_and_shape(api, admin, world):
    _put(
        api,
        admin,
        f"OS-INHERIT/domains/{world.domain}/users/{world.user}/roles/{world.role['id']}"
        "/inherited_to_projects",
    )
    _put(api, admin, f"domains/{world.domain}/users/{world.user}/roles/{world.role['id']}")
    inherited = _list(
        api, admin, **{"user.id": world.user, "scope.OS-INHERIT:inherited_to": "projects"}
    )
    assert inherited == [
        {
            "links": {
                "assignment": f"{BASE}/OS-INHERIT/domains/{world.domain}/users/{world.user}"
                f"/roles/{world.role['id']}/inherited_to_projects"
            },
            "scope": {"domain": {"id": world.domain}, "OS-INHERIT:inherited_to": "projects"},
            "user": {"id": world.user},
            "role": {"id": world.role["id"]},
        }
    ]
    plain = _list(api, admin, **{"user.id": world.user, "scope.OS-INHERIT:inherited_to": "no"})
    assert [a["scope"] for a in plain] == [{"domain": {"id": world.domain}}]
    assert len(_list(api, admin, **{"user.id": world.user})) == 2


def test_effective_expands_groups_inheritance_and_implied_roles(api, admin, world):
    implied = make_role(api, admin)
    assert (
        api.put(f"{V3}/roles/{world.role['id']}/implies/{implied['id']}", headers=admin).status_code
        == 201
    )
    _put(
        api,
        admin,
        f"OS-INHERIT/domains/{world.domain}/groups/{world.group}/roles/{world.role['id']}"
        "/inherited_to_projects",
    )
    found = _list(api, admin, effective=None, **{"user.id": world.user})
    role_id, implied_id = world.role["id"], implied["id"]
    assignment = (
        f"{BASE}/OS-INHERIT/domains/{world.domain}/groups/{world.group}/roles/{{}}"
        "/inherited_to_projects"
    )
    membership = f"{BASE}/groups/{world.group}/users/{world.user}"

    def expected(project: str, role: str, prior: str | None) -> dict:
        links = {"membership": membership, "assignment": assignment.format(prior or role)}
        if prior:
            links["prior_role"] = f"{BASE}/prior_role/{role}/implies/{prior}"
        return {
            "links": links,
            "scope": {"project": {"id": project}, "OS-INHERIT:inherited_to": "projects"},
            "user": {"id": world.user},
            "role": {"id": role},
        }

    want = [
        expected(project, role, prior)
        for project in (world.parent, world.child)
        for role, prior in ((role_id, None), (implied_id, role_id))
    ]
    assert sorted(found, key=repr) == sorted(want, key=repr)
    only_child = _list(
        api, admin, effective=None, **{"user.id": world.user, "scope.project.id": world.child}
    )
    assert {a["role"]["id"] for a in only_child} == {role_id, implied_id}
    by_role = _list(api, admin, effective=None, **{"role.id": implied_id})
    assert {a["scope"]["project"]["id"] for a in by_role} == {world.parent, world.child}


def test_effective_leaves_out_domain_roles_and_system_grants(api, admin, cloud, world):
    domain_role = make_role(api, admin, domain_id=world.domain)
    _put(api, admin, f"projects/{world.parent}/users/{world.user}/roles/{domain_role['id']}")
    _put(api, admin, f"system/users/{world.user}/roles/{world.role['id']}")
    assert len(_list(api, admin, **{"user.id": world.user})) == 2
    assert _list(api, admin, effective="1", **{"user.id": world.user}) == []
    # effective=0 is Keystone's way of saying no.
    assert len(_list(api, admin, effective="0", **{"user.id": world.user})) == 2


def test_project_inherited_grant_effective_on_subtree_only(api, admin, world):
    _put(
        api,
        admin,
        f"OS-INHERIT/projects/{world.parent}/users/{world.user}/roles/{world.role['id']}"
        "/inherited_to_projects",
    )
    found = _list(api, admin, effective=None, **{"user.id": world.user})
    assert [a["scope"]["project"]["id"] for a in found] == [world.child]
    assert found[0]["links"]["assignment"] == (
        f"{BASE}/OS-INHERIT/projects/{world.parent}/users/{world.user}/roles/{world.role['id']}"
        "/inherited_to_projects"
    )
    assert _list(api, admin, effective=None, **{"scope.project.id": world.parent}) == []


def test_include_subtree(api, admin, world):
    _put(api, admin, f"projects/{world.parent}/users/{world.user}/roles/{world.role['id']}")
    _put(api, admin, f"projects/{world.child}/groups/{world.group}/roles/{world.role['id']}")
    found = _list(api, admin, include_subtree="True", **{"scope.project.id": world.parent})
    assert {a["scope"]["project"]["id"] for a in found} == {world.parent, world.child}
    assert len(_list(api, admin, **{"scope.project.id": world.parent})) == 1


def test_include_names(api, admin, world):
    domain_role = make_role(api, admin, domain_id=world.domain)
    _put(api, admin, f"projects/{world.parent}/users/{world.user}/roles/{domain_role['id']}")
    (found,) = _list(api, admin, include_names=None, **{"user.id": world.user})
    domain_name = api.get(f"{V3}/domains/{world.domain}", headers=admin).json()["domain"]["name"]
    project_name = api.get(f"{V3}/projects/{world.parent}", headers=admin).json()["project"]["name"]
    assert found["scope"] == {
        "project": {
            "id": world.parent,
            "name": project_name,
            "domain": {"id": world.domain, "name": domain_name},
        }
    }
    assert found["user"]["id"] == world.user
    assert found["user"]["domain"] == {"id": world.domain, "name": domain_name}
    assert found["user"]["name"].startswith("user-")
    assert found["role"] == {
        "id": domain_role["id"],
        "name": domain_role["name"],
        "domain": {"id": world.domain, "name": domain_name},
    }


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("scope.domain.id=a&scope.project.id=b", "Specify a domain or project, not both"),
        ("scope.system=all&scope.domain.id=a", "Specify system or domain, not both"),
        ("scope.system=all&scope.project.id=b", "Specify system or project, not both"),
        (
            "effective&group.id=g",
            "Combining effective and group filter will always result in an empty list.",
        ),
        (
            "effective&scope.domain.id=d&scope.OS-INHERIT:inherited_to=projects",
            "Combining effective, domain and inherited filters will always result in an "
            "empty list.",
        ),
        ("include_subtree=True", "'scope.project.id' is a dependency of 'include_subtree'"),
        (
            "scope.project.id&include_subtree=True",
            "Invalid input for field/attribute scope.project.id. Value: . '' should be non-empty",
        ),
        (
            "user.id=u&group.id=g",
            "ImmutableMultiDict([('user.id', 'u'), ('group.id', 'g')]) is valid under each of "
            "{'required': ['group.id']}, {'required': ['user.id']}",
        ),
    ],
)
def test_refused_combinations(api, admin, query, message):
    response = api.get(f"{ASSIGNMENTS}?{query}", headers=admin)
    assert response.status_code == 400
    assert error(response)["message"] == message


def test_missing_project_for_a_subtree_is_404(api, admin):
    response = api.get(f"{ASSIGNMENTS}?scope.project.id=nope&include_subtree", headers=admin)
    assert response.status_code == 404
    assert error(response)["message"] == "Could not find project: nope."


def test_member_is_forbidden(api, demo):
    response = api.get(ASSIGNMENTS, headers=demo)
    assert response.status_code == 403
    assert error(response)["message"] == (
        "You are not authorized to perform the requested action: identity:list_role_assignments."
    )
    assert api.get(ASSIGNMENTS).status_code == 401


def test_domain_reader_sees_its_domain_only(api, admin, cloud, world):
    reader_id = api.get(f"{V3}/roles?name=reader", headers=admin).json()["roles"][0]["id"]
    _put(api, admin, f"domains/{world.domain}/users/{world.user}/roles/{reader_id}")
    _put(api, admin, f"projects/{world.child}/groups/{world.group}/roles/{world.role['id']}")
    outsider = make_user(cloud)
    _put(api, admin, f"domains/default/users/{outsider}/roles/{world.role['id']}")
    headers = {"X-Auth-Token": token(api, world.user, PASSWORD, {"domain": {"id": world.domain}})}
    seen = _list(api, headers)
    assert {a["role"]["id"] for a in seen} == {reader_id, world.role["id"]}
    assert all(
        a["scope"].get("domain", {}).get("id") == world.domain
        or a["scope"].get("project", {}).get("id") == world.child
        for a in seen
    )
    tree = api.get(
        f"{ASSIGNMENTS}?scope.project.id={world.parent}&include_subtree", headers=headers
    )
    assert tree.status_code == 200
    elsewhere = make_project(cloud)
    refused = api.get(
        f"{ASSIGNMENTS}?scope.project.id={elsewhere}&include_subtree", headers=headers
    )
    assert error(refused)["message"] == (
        "You are not authorized to perform the requested action: "
        "identity:list_role_assignments_for_tree."
    )
