"""Volume types: create/list/show/update/delete, extra specs, private types
and their access lists, encryption, and per-project default types (3.62)."""

from __future__ import annotations

import time
import uuid

import pytest

V3 = "/volume/v3"
LATEST = {"OpenStack-API-Version": "volume 3.71"}


def _create_type(api, admin, **fields) -> dict:
    body = {"volume_type": {"name": f"type-{uuid.uuid4().hex[:8]}", **fields}}
    response = api.post(f"{V3}/types", json=body, headers=admin)
    assert response.status_code == 200, response.text
    return response.json()["volume_type"]


def _project_id(api, headers) -> str:
    token = headers["X-Auth-Token"]
    shown = api.get("/identity/v3/auth/tokens", headers={**headers, "X-Subject-Token": token})
    return shown.json()["token"]["project"]["id"]


def test_create_show_update_delete(api, admin):
    created = _create_type(api, admin, description="fast", extra_specs={"k": "v"})
    assert created["extra_specs"] == {"k": "v"}
    assert created["os-volume-type-access:is_public"] is True
    assert created["qos_specs_id"] is None
    shown = api.get(f"{V3}/types/{created['id']}", headers=admin).json()["volume_type"]
    assert shown == created
    updated = api.put(
        f"{V3}/types/{created['id']}",
        json={"volume_type": {"description": "faster"}},
        headers=admin,
    )
    assert updated.json()["volume_type"]["description"] == "faster"
    assert api.delete(f"{V3}/types/{created['id']}", headers=admin).status_code == 202
    missing = api.get(f"{V3}/types/{created['id']}", headers=admin)
    assert missing.status_code == 404
    assert missing.json()["itemNotFound"]["message"] == (
        f"Volume type {created['id']} could not be found."
    )


def test_duplicate_name_is_409(api, admin):
    created = _create_type(api, admin)
    again = api.post(f"{V3}/types", json={"volume_type": {"name": created["name"]}}, headers=admin)
    assert again.status_code == 409
    assert again.json()["conflictingRequest"]["message"] == (
        f"Volume Type {created['name']} already exists."
    )


def test_update_needs_a_field(api, admin):
    created = _create_type(api, admin)
    empty = api.put(f"{V3}/types/{created['id']}", json={"volume_type": {}}, headers=admin)
    assert empty.status_code == 400
    assert "Specify volume type name, description, is_public" in empty.text


def test_members_may_not_create(api, demo):
    refused = api.post(f"{V3}/types", json={"volume_type": {"name": "x"}}, headers=demo)
    assert refused.status_code == 403


def test_member_view_hides_sensitive_specs(api, admin, demo):
    created = _create_type(
        api, admin, extra_specs={"volume_backend_name": "file-1", "multiattach": "<is> True"}
    )
    seen = api.get(f"{V3}/types/{created['id']}", headers=demo).json()["volume_type"]
    assert seen["extra_specs"] == {"multiattach": "<is> True"}
    assert "qos_specs_id" not in seen


def test_private_types_are_shared_by_project(api, admin, demo):
    private = _create_type(api, admin, **{"os-volume-type-access:is_public": False})
    demo_project = _project_id(api, demo)
    assert api.get(f"{V3}/types/{private['id']}", headers=demo).status_code == 404
    listed = api.get(f"{V3}/types", headers=demo).json()["volume_types"]
    assert private["id"] not in [t["id"] for t in listed]
    action = f"{V3}/types/{private['id']}/action"
    add = {"addProjectAccess": {"project": demo_project}}
    assert api.post(action, json=add, headers=admin).status_code == 202
    assert api.post(action, json=add, headers=admin).status_code == 409
    access = api.get(f"{V3}/types/{private['id']}/os-volume-type-access", headers=admin).json()
    assert access == {
        "volume_type_access": [{"volume_type_id": private["id"], "project_id": demo_project}]
    }
    listed = api.get(f"{V3}/types", headers=demo).json()["volume_types"]
    assert private["id"] in [t["id"] for t in listed]
    remove = {"removeProjectAccess": {"project": demo_project}}
    assert api.post(action, json=remove, headers=admin).status_code == 202
    gone = api.post(action, json=remove, headers=admin)
    assert gone.status_code == 404
    assert "Volume type access not found" in gone.text
    bad = api.post(action, json={"addProjectAccess": {"project": "BAD"}}, headers=admin)
    assert bad.status_code == 400


def test_is_public_filter_for_admins(api, admin):
    private = _create_type(api, admin, **{"os-volume-type-access:is_public": False})
    public_ids = [t["id"] for t in api.get(f"{V3}/types", headers=admin).json()["volume_types"]]
    assert private["id"] not in public_ids
    private_ids = [
        t["id"]
        for t in api.get(f"{V3}/types?is_public=false", headers=admin).json()["volume_types"]
    ]
    assert private["id"] in private_ids
    assert api.get(f"{V3}/types?is_public=maybe", headers=admin).status_code == 400


def test_extra_specs_crud(api, admin):
    created = _create_type(api, admin)
    specs = f"{V3}/types/{created['id']}/extra_specs"
    posted = api.post(specs, json={"extra_specs": {"a": "1", "b": "2"}}, headers=admin)
    assert posted.json() == {"extra_specs": {"a": "1", "b": "2"}}
    assert api.put(f"{specs}/a", json={"a": "3"}, headers=admin).json() == {"a": "3"}
    mismatch = api.put(f"{specs}/a", json={"b": "3"}, headers=admin)
    assert mismatch.status_code == 400
    assert api.get(f"{specs}/a", headers=admin).json() == {"a": "3"}
    assert api.delete(f"{specs}/b", headers=admin).status_code == 202
    assert api.get(specs, headers=admin).json() == {"extra_specs": {"a": "3"}}
    missing = api.delete(f"{specs}/b", headers=admin)
    assert missing.status_code == 404
    assert missing.json()["itemNotFound"]["message"] == (
        f"Volume Type {created['id']} has no extra specs with key b."
    )


def test_encryption(api, admin):
    created = _create_type(api, admin)
    url = f"{V3}/types/{created['id']}/encryption"
    assert api.get(url, headers=admin).json() == {}
    body = {"encryption": {"provider": "luks", "control_location": "front-end", "key_size": 256}}
    made = api.post(url, json=body, headers=admin).json()["encryption"]
    assert made["provider"] == "luks" and made["key_size"] == 256
    assert api.post(url, json=body, headers=admin).status_code == 400
    update = {"encryption": {"cipher": "aes-xts-plain64"}}
    assert api.put(f"{url}/{made['encryption_id']}", json=update, headers=admin).status_code == 200
    assert api.get(f"{url}/cipher", headers=admin).json() == {"cipher": "aes-xts-plain64"}
    assert api.delete(f"{url}/{made['encryption_id']}", headers=admin).status_code == 202
    assert api.delete(f"{url}/{made['encryption_id']}", headers=admin).status_code == 404


def test_default_type_cannot_be_deleted(api, admin):
    default = api.get(f"{V3}/types/default", headers=admin).json()["volume_type"]
    assert default["name"] == "__DEFAULT__"
    refused = api.delete(f"{V3}/types/{default['id']}", headers=admin)
    assert refused.status_code == 400
    assert refused.json()["badRequest"]["message"] == (
        f"The volume type {default['id']} is a default volume type and cannot be deleted."
    )


@pytest.fixture
def project_default(api, admin, demo):
    created = _create_type(api, admin)
    project = _project_id(api, demo)
    url = f"{V3}/default-types/{project}"
    response = api.put(
        url, json={"default_type": {"volume_type": created["name"]}}, headers={**admin, **LATEST}
    )
    assert response.status_code == 200, response.text
    yield created, project, url
    api.delete(url, headers={**admin, **LATEST})


def test_project_default_type(api, admin, demo, project_default):
    created, project, url = project_default
    assert api.get(url, headers={**admin, **LATEST}).json() == {
        "default_type": {"project_id": project, "volume_type_id": created["id"]}
    }
    listed = api.get(f"{V3}/default-types", headers={**admin, **LATEST}).json()
    assert {"project_id": project, "volume_type_id": created["id"]} in listed["default_types"]
    seen = api.get(f"{V3}/types/default", headers=demo).json()["volume_type"]
    assert seen["id"] == created["id"]
    refused = api.delete(f"{V3}/types/{created['id']}", headers=admin)
    assert refused.status_code == 400
    assert api.get(url, headers=admin).status_code == 404  # before 3.62


def test_project_default_type_unset(api, admin, project_default):
    _, project, url = project_default
    assert api.delete(url, headers={**admin, **LATEST}).status_code == 204
    missing = api.get(url, headers={**admin, **LATEST})
    assert missing.json()["itemNotFound"]["message"] == (
        f"Default type for project {project} not found."
    )
    unknown = api.put(
        url, json={"default_type": {"volume_type": "nope"}}, headers={**admin, **LATEST}
    )
    assert unknown.status_code == 400


def test_qos_specs(api, admin):
    created = api.post(
        f"{V3}/qos-specs",
        json={"qos_specs": {"name": "gold", "consumer": "front-end", "total_iops_sec": "100"}},
        headers=admin,
    )
    assert created.status_code == 200, created.text
    qos = created.json()["qos_specs"]
    assert qos["consumer"] == "front-end" and qos["specs"] == {"total_iops_sec": "100"}
    url = f"{V3}/qos-specs/{qos['id']}"
    duplicate = api.post(f"{V3}/qos-specs", json={"qos_specs": {"name": "gold"}}, headers=admin)
    assert duplicate.status_code == 409
    api.put(url, json={"qos_specs": {"read_iops_sec": "5"}}, headers=admin)
    shown = api.get(url, headers=admin).json()["qos_specs"]
    assert shown["specs"] == {"total_iops_sec": "100", "read_iops_sec": "5"}
    assert (
        api.put(f"{url}/delete_keys", json={"keys": ["read_iops_sec"]}, headers=admin).status_code
        == 202
    )
    missing_key = api.put(f"{url}/delete_keys", json={"keys": ["nope"]}, headers=admin)
    assert missing_key.status_code == 404

    volume_type = _create_type(api, admin)
    assert (
        api.get(f"{url}/associate?vol_type_id={volume_type['id']}", headers=admin).status_code
        == 202
    )
    associations = api.get(f"{url}/associations", headers=admin).json()["qos_associations"]
    assert associations == [
        {"association_type": "volume_type", "name": volume_type["name"], "id": volume_type["id"]}
    ]
    typed = api.get(f"{V3}/types/{volume_type['id']}", headers=admin).json()["volume_type"]
    assert typed["qos_specs_id"] == qos["id"]
    in_use = api.delete(url, headers=admin)
    assert in_use.status_code == 400
    assert in_use.json()["badRequest"]["message"] == "Qos specs still in use."
    assert (
        api.get(f"{url}/disassociate?vol_type_id={volume_type['id']}", headers=admin).status_code
        == 202
    )
    assert api.get(f"{url}/associations", headers=admin).json()["qos_associations"] == []
    api.get(f"{url}/associate?vol_type_id={volume_type['id']}", headers=admin)
    assert api.delete(f"{url}?force=true", headers=admin).status_code == 202
    typed = api.get(f"{V3}/types/{volume_type['id']}", headers=admin).json()["volume_type"]
    assert typed["qos_specs_id"] is None
    assert api.get(url, headers=admin).json()["itemNotFound"]["message"] == (
        f"No such QoS spec {qos['id']}."
    )


def _available_volume(api, headers, **fields) -> dict:
    response = api.post(f"{V3}/volumes", json={"volume": {"size": 1, **fields}}, headers=headers)
    assert response.status_code == 202, response.text
    volume = response.json()["volume"]
    deadline = time.monotonic() + 20
    while volume["status"] == "creating" and time.monotonic() < deadline:
        time.sleep(0.05)
        volume = api.get(f"{V3}/volumes/{volume['id']}", headers=headers).json()["volume"]
    return volume


def _delete_volume(api, headers, volume_id: str) -> None:
    api.delete(f"{V3}/volumes/{volume_id}", headers=headers)
    deadline = time.monotonic() + 20
    while api.get(f"{V3}/volumes/{volume_id}", headers=headers).status_code != 404:
        assert time.monotonic() < deadline
        time.sleep(0.05)


def test_volumes_get_their_projects_default_type(api, demo, project_default):
    created, _, _ = project_default
    volume = _available_volume(api, demo)
    try:
        assert volume["volume_type"] == created["name"]
    finally:
        _delete_volume(api, demo, volume["id"])


def test_type_in_use_cannot_change(api, admin, demo):
    created = _create_type(api, admin)
    volume = _available_volume(api, demo, volume_type=created["name"])
    try:
        refused = api.delete(f"{V3}/types/{created['id']}", headers=admin)
        assert refused.status_code == 400
        assert refused.json()["badRequest"]["message"] == "Target volume type is still in use."
        specs = api.post(
            f"{V3}/types/{created['id']}/extra_specs",
            json={"extra_specs": {"a": "1"}},
            headers=admin,
        )
        assert specs.json()["badRequest"]["message"] == "Volume Type is currently in use."
    finally:
        _delete_volume(api, demo, volume["id"])
    assert api.delete(f"{V3}/types/{created['id']}", headers=admin).status_code == 202
