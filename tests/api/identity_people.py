"""Users, groups and projects for identity API tests, made in the database.

The users and groups APIs are built on another branch; until they land these
helpers write the rows through identity's own objects layer, so the tests of
roles, grants and assignments have actors to grant to.
"""

from __future__ import annotations

import uuid

from pocketstack.identity import models
from pocketstack.identity.objects import domain as domains
from pocketstack.identity.objects import group as groups
from pocketstack.identity.objects import project as projects
from pocketstack.identity.objects import user as users

V3 = "/identity/v3"


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def make_user(cloud, domain_id: str = "default", password: str | None = None) -> str:
    fields = {"name": unique("user"), "domain_id": domain_id}
    new_password = users.NewPassword.of(cloud.identity.hasher, password)
    with cloud.identity.store.write() as session:
        return users.create(session, fields, new_password).id


def make_group(cloud, domain_id: str = "default", members: tuple[str, ...] = ()) -> str:
    with cloud.identity.store.write() as session:
        group = groups.create(session, {"name": unique("group"), "domain_id": domain_id})
        for user_id in members:
            session.add(models.Membership(user_id=user_id, group_id=group.id))
        return group.id


def make_domain(cloud) -> str:
    with cloud.identity.store.write() as session:
        return domains.create(session, {"name": unique("domain")}).id


def make_project(cloud, domain_id: str = "default", parent_id: str | None = None) -> str:
    with cloud.identity.store.write() as session:
        fields = {"name": unique("project"), "domain_id": domain_id, "parent_id": parent_id}
        return projects.create(session, fields, max_depth=5).id


def make_role(api, admin, domain_id: str | None = None, **extra) -> dict:
    body = {"name": unique("role"), **extra}
    if domain_id:
        body["domain_id"] = domain_id
    response = api.post(f"{V3}/roles", headers=admin, json={"role": body})
    assert response.status_code == 201, response.text
    return response.json()["role"]


def token(api, user_id: str, password: str, scope) -> str:
    """A token for the user, or AssertionError with Keystone's answer."""
    body = {
        "auth": {
            "identity": {
                "methods": ["password"],
                "password": {"user": {"id": user_id, "password": password}},
            },
            "scope": scope,
        }
    }
    response = api.post(f"{V3}/auth/tokens", json=body)
    assert response.status_code == 201, response.text
    return response.headers["X-Subject-Token"]


def error(response) -> dict:
    body = response.json()
    assert body["error"]["code"] == response.status_code
    return body["error"]


def immutable_refusal(action: str, kind: str, resource_id: str) -> str:
    """Keystone's 403 for changing (``update``) or deleting an immutable resource."""
    return (
        f"Unable to {action} immutable {kind} resource: `{resource_id}. "
        'Set resource option "immutable" to false first.'
    )
