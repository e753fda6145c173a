"""Cinder v3 attachments through HTTP: reserve, connect, complete, delete,
and the volume statuses each step implies."""

from __future__ import annotations

import uuid

from tests.api.block_storage import (
    attach_status,
    create_volume,
    multiattach_type,
    mv,
    unlimited_cloud,  # noqa: F401 - the cloud fixture
    wait_status,
)

ATTACHMENTS = "/volume/v3/attachments"
CONNECTOR = {"host": "compute-1", "initiator": "iqn.test", "mountpoint": "/dev/vdb"}


def create(api, auth, volume_id, version="3.71", **fields):
    body = {"attachment": {"volume_uuid": volume_id, "instance_uuid": str(uuid.uuid4()), **fields}}
    return api.post(ATTACHMENTS, json=body, headers=mv(auth, version))


def complete(api, auth, attachment_id):
    return api.post(
        f"{ATTACHMENTS}/{attachment_id}/action", json={"os-complete": {}}, headers=mv(auth)
    )


def test_reserve_connect_complete_delete_moves_the_volume(api, cloud, demo):
    volume = create_volume(api, demo)
    response = create(api, demo, volume["id"])
    assert response.status_code == 200, response.text
    attachment = response.json()["attachment"]
    assert attachment["status"] == "reserved" and attachment["connection_info"] == {}
    assert attachment["attached_at"] == "" and attachment["attach_mode"] == "null"
    wait_status(api, demo, volume["id"], "reserved")
    assert attach_status(cloud, volume["id"]) == "detached"

    updated = api.put(
        f"{ATTACHMENTS}/{attachment['id']}",
        json={"attachment": {"connector": CONNECTOR}},
        headers=mv(demo),
    )
    assert updated.status_code == 200, updated.text
    info = updated.json()["attachment"]["connection_info"]
    assert info["driver_volume_type"] == "local"
    assert info["data"]["device_path"].endswith(volume["id"])
    assert info["data"]["access_mode"] == "rw"
    wait_status(api, demo, volume["id"], "attaching")
    assert attach_status(cloud, volume["id"]) == "attaching"

    assert complete(api, demo, attachment["id"]).status_code == 204
    shown = wait_status(api, demo, volume["id"], "in-use")
    assert attach_status(cloud, volume["id"]) == "attached"
    [listed] = shown["attachments"]
    assert listed["attachment_id"] == attachment["id"] and listed["server_id"]
    assert listed["device"] == "/dev/vdb" and listed["id"] == volume["id"]
    assert listed["host_name"] is None  # only an admin sees the host

    deleted = api.delete(f"{ATTACHMENTS}/{attachment['id']}", headers=mv(demo))
    assert deleted.status_code == 200 and deleted.json() == {"attachments": []}
    shown = wait_status(api, demo, volume["id"], "available")
    assert attach_status(cloud, volume["id"]) == "detached" and shown["attachments"] == []


def test_create_with_connector_connects_at_once(api, demo):
    volume = create_volume(api, demo)
    response = create(api, demo, volume["id"], connector=CONNECTOR, mode="ro")
    attachment = response.json()["attachment"]
    assert attachment["status"] == "attaching" and attachment["attach_mode"] == "ro"
    assert attachment["connection_info"]["data"]["access_mode"] == "ro"
    assert attachment["attached_at"]
    assert wait_status(api, demo, volume["id"], "attaching")


def test_second_attachment_of_a_plain_volume_is_refused(api, demo):
    volume = create_volume(api, demo)
    assert create(api, demo, volume["id"]).status_code == 200
    second = create(api, demo, volume["id"])
    assert second.status_code == 400
    assert second.json()["badRequest"]["message"] == (
        f"Invalid volume: Volume {volume['id']} status must be available or downloading "
        "to reserve, but the current status is reserved."
    )


def test_same_instance_may_reserve_again(api, cloud, demo):
    volume = create_volume(api, demo)
    server = str(uuid.uuid4())
    first = create(api, demo, volume["id"], instance_uuid=server).json()["attachment"]
    assert complete(api, demo, first["id"]).status_code == 204
    again = create(api, demo, volume["id"], instance_uuid=server)
    assert again.status_code == 200, again.text
    api.delete(f"{ATTACHMENTS}/{first['id']}", headers=mv(demo))
    wait_status(api, demo, volume["id"], "reserved")
    assert attach_status(cloud, volume["id"]) == "reserved"


def test_multiattach_volume_takes_several_attachments(api, cloud, demo):
    volume = create_volume(api, demo, volume_type=multiattach_type(cloud))
    ids = []
    for _ in range(3):
        response = create(api, demo, volume["id"], connector=CONNECTOR)
        assert response.status_code == 200, response.text
        ids.append(response.json()["attachment"]["id"])
        assert complete(api, demo, ids[-1]).status_code == 204
    shown = wait_status(api, demo, volume["id"], "in-use")
    assert len(shown["attachments"]) == 3
    for index, attachment_id in enumerate(ids):
        left = api.delete(f"{ATTACHMENTS}/{attachment_id}", headers=mv(demo)).json()
        assert len(left["attachments"]) == 2 - index
    wait_status(api, demo, volume["id"], "available")
    assert attach_status(cloud, volume["id"]) == "detached"


def test_list_show_and_filters(api, demo, tokens):
    volume = create_volume(api, demo)
    attachment = create(api, demo, volume["id"]).json()["attachment"]
    listed = api.get(ATTACHMENTS, headers=mv(demo)).json()["attachments"]
    assert {"id", "status", "instance", "volume_id"} == set(listed[0])
    assert attachment["id"] in {a["id"] for a in listed}
    detail = api.get(f"{ATTACHMENTS}/detail?volume_id={volume['id']}", headers=mv(demo)).json()[
        "attachments"
    ]
    assert [a["id"] for a in detail] == [attachment["id"]] and "connection_info" in detail[0]
    by_instance = api.get(
        f"{ATTACHMENTS}?instance_id={attachment['instance']}", headers=mv(demo)
    ).json()["attachments"]
    assert [a["id"] for a in by_instance] == [attachment["id"]]
    shown = api.get(f"{ATTACHMENTS}/{attachment['id']}", headers=mv(demo))
    assert shown.json()["attachment"]["volume_id"] == volume["id"]
    other = api.get(f"{ATTACHMENTS}/{attachment['id']}", headers=mv(tokens.headers("alt_demo")))
    assert other.status_code == 404
    assert other.json()["itemNotFound"]["message"] == (
        f"Volume attachment could not be found with filter: attachment_id = {attachment['id']}."
    )


def test_attachments_need_3_27_and_complete_needs_3_44(api, demo):
    volume = create_volume(api, demo)
    assert create(api, demo, volume["id"], version="3.26").status_code == 404
    attachment = create(api, demo, volume["id"], version="3.43").json()["attachment"]
    old = api.post(
        f"{ATTACHMENTS}/{attachment['id']}/action",
        json={"os-complete": {}},
        headers=mv(demo, "3.43"),
    )
    assert old.status_code == 404


def test_mode_needs_3_54(api, demo):
    volume = create_volume(api, demo)
    response = create(api, demo, volume["id"], version="3.53", mode="ro")
    assert response.status_code == 400


def test_openstacksdk_volume_id_key_is_accepted(api, demo):
    volume = create_volume(api, demo)
    body = {"attachment": {"volume_id": volume["id"], "connector": {}}}
    response = api.post(ATTACHMENTS, json=body, headers=mv(demo))
    assert response.status_code == 200, response.text
    assert response.json()["attachment"]["status"] == "reserved"


def test_error_volume_cannot_be_attached(api, demo, admin):
    volume = create_volume(api, demo)
    api.post(
        f"/volume/v3/volumes/{volume['id']}/action",
        json={"os-reset_status": {"status": "error"}},
        headers=mv(admin),
    )
    response = create(api, demo, volume["id"])
    assert response.status_code == 400
    assert "can not be created if the volume is in an error state" in response.text


def test_attached_volume_cannot_be_deleted(api, demo):
    volume = create_volume(api, demo)
    attachment = create(api, demo, volume["id"]).json()["attachment"]
    refused = api.delete(f"/volume/v3/volumes/{volume['id']}", headers=mv(demo))
    assert refused.status_code == 400
    api.delete(f"{ATTACHMENTS}/{attachment['id']}", headers=mv(demo))
    wait_status(api, demo, volume["id"], "available")
    assert api.delete(f"/volume/v3/volumes/{volume['id']}", headers=mv(demo)).status_code == 202
