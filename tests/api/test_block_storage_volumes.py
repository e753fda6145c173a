"""Cinder v3 volumes through HTTP: discovery, the create flow, views,
filters and paging, bad input, tenant walls and deletion."""

from __future__ import annotations

import sqlalchemy as sa

from pocketstack.block_storage import models
from tests.api.block_storage import (
    VOLUMES,
    create_volume,
    multiattach_type,
    mv,
    runtime_of,
    wait,
    wait_gone,
    wait_status,
)
from tests.api.test_image_images import create as create_image
from tests.api.test_image_images import upload


def project_of(api, headers) -> str:
    token = headers["X-Auth-Token"]
    shown = api.get("/identity/v3/auth/tokens", headers={**headers, "X-Subject-Token": token})
    return shown.json()["token"]["project"]["id"]


def test_version_documents_give_a_true_microversion_range(api):
    root = api.get("/volume/")
    assert root.status_code == 300
    (version,) = root.json()["versions"]
    assert (version["id"], version["min_version"], version["version"]) == ("v3.0", "3.0", "3.71")
    assert api.get("/volume/v3").json()["versions"][0]["status"] == "CURRENT"


def test_a_microversion_out_of_range_is_406(api, demo):
    response = api.get(VOLUMES, headers=mv(demo, "3.72"))
    assert response.status_code == 406
    assert "computeFault" in response.json()


def test_create_goes_creating_then_available_with_cinders_view(api, demo):
    response = api.post(
        VOLUMES, json={"volume": {"size": 1, "name": "v", "metadata": {"k": "v"}}}, headers=demo
    )
    assert response.status_code == 202
    assert response.json()["volume"]["status"] == "creating"
    assert response.headers["OpenStack-API-Version"] == "volume 3.0"
    volume = wait(api, demo, f"{VOLUMES}/{response.json()['volume']['id']}", "volume", "available")
    assert volume["volume_type"] == "__DEFAULT__" and volume["availability_zone"] == "nova"
    assert volume["bootable"] == "false" and volume["encrypted"] is False
    assert volume["metadata"] == {"k": "v"} and volume["attachments"] == []
    assert "os-vol-host-attr:host" not in volume  # admins only
    latest = api.get(f"{VOLUMES}/{volume['id']}", headers=mv(demo, "3.71")).json()["volume"]
    assert latest["consumes_quota"] is True and "volume_type_id" in latest


def test_admin_sees_the_backend_the_scheduler_chose(api, admin):
    volume = create_volume(api, admin)
    assert volume["os-vol-host-attr:host"] == "pocketstack@file-1#file-1"


def test_bad_sizes_types_and_zones_get_cinders_400_and_404(api, demo):
    def refused(fields):
        return api.post(VOLUMES, json={"volume": fields}, headers=demo)

    zero = refused({"size": 0})
    assert zero.status_code == 400 and "badRequest" in zero.json()
    assert refused({"size": "abc"}).status_code == 400
    assert refused({"size": 1.5}).status_code == 400
    assert refused({"name": "no size"}).status_code == 400
    missing_type = refused({"size": 1, "volume_type": "nope"})
    assert missing_type.status_code == 404
    assert missing_type.json()["itemNotFound"]["message"] == (
        "Volume type with name nope could not be found."
    )
    zone = refused({"size": 1, "availability_zone": "elsewhere"})
    assert zone.json()["badRequest"]["message"] == "Availability zone 'elsewhere' is invalid."
    assert api.post(VOLUMES, content=b"{", headers=demo).json()["badRequest"]["message"] == (
        "Malformed request body"
    )
    assert refused({"size": 1, "source_volid": "not-a-uuid"}).status_code == 400


def test_another_projects_volume_is_404(api, demo, tokens):
    volume = create_volume(api, demo)
    alt = tokens.headers("alt_demo")
    path = f"{VOLUMES}/{volume['id']}"
    assert api.get(path, headers=alt).status_code == 404
    assert api.put(path, json={"volume": {"name": "x"}}, headers=alt).status_code == 404
    assert api.delete(path, headers=alt).status_code == 404
    assert volume["id"] not in {v["id"] for v in api.get(VOLUMES, headers=alt).json()["volumes"]}


def test_urls_with_the_callers_project_id_work_and_others_are_refused(api, demo, tokens):
    project_id = project_of(api, demo)
    assert api.get(f"/volume/v3/{project_id}/volumes", headers=demo).status_code == 200
    alt_project = project_of(api, tokens.headers("alt_demo"))
    refused = api.get(f"/volume/v3/{alt_project}/volumes", headers=demo)
    assert refused.status_code == 400
    assert refused.json()["badRequest"]["message"] == "Malformed request url"


def test_a_project_url_without_a_valid_token_is_401_so_clients_authenticate_again(api, demo):
    path = f"/volume/v3/{project_of(api, demo)}/volumes"
    for headers in ({}, {"X-Auth-Token": "not-a-token"}):
        response = api.get(path, headers=headers)
        assert response.status_code == 401
        assert "WWW-Authenticate" in response.headers


def test_update_and_metadata(api, demo):
    volume = create_volume(api, demo, name="before")
    path = f"{VOLUMES}/{volume['id']}"
    updated = api.put(path, json={"volume": {"name": "after", "description": "d"}}, headers=demo)
    assert updated.json()["volume"]["name"] == "after"
    assert api.put(path, json={"volume": {"size": 3}}, headers=demo).status_code == 400
    api.post(f"{path}/metadata", json={"metadata": {"a": "1", "b": "2"}}, headers=demo)
    api.put(f"{path}/metadata/a", json={"meta": {"a": "3"}}, headers=demo)
    assert api.delete(f"{path}/metadata/b", headers=demo).status_code == 200
    assert api.get(f"{path}/metadata", headers=demo).json()["metadata"] == {"a": "3"}
    assert api.get(f"{path}/metadata/b", headers=demo).status_code == 404


def test_filters_sorting_and_paging(api, tokens):
    alt = tokens.headers("alt_demo")
    made = [create_volume(api, alt, name=f"page-{i}", metadata={"n": str(i % 2)}) for i in range(3)]
    names = [v["name"] for v in api.get(f"{VOLUMES}?sort=name:asc", headers=alt).json()["volumes"]]
    assert names == sorted(names)
    first = api.get(f"{VOLUMES}?limit=2&sort=name:asc", headers=alt).json()
    assert len(first["volumes"]) == 2 and first["volumes_links"][0]["rel"] == "next"
    marker = first["volumes"][-1]["id"]
    rest = api.get(f"{VOLUMES}?limit=2&sort=name:asc&marker={marker}", headers=alt).json()
    assert [v["name"] for v in rest["volumes"]] == ["page-2"]
    odd = api.get(f"{VOLUMES}/detail?metadata={{'n': '1'}}", headers=alt).json()["volumes"]
    assert [v["id"] for v in odd] == [made[1]["id"]]
    like = api.get(f"{VOLUMES}?name~=age-1", headers=mv(alt, "3.34")).json()["volumes"]
    assert [v["name"] for v in like] == ["page-1"]
    counted = api.get(f"{VOLUMES}?with_count=true", headers=mv(alt, "3.45")).json()
    assert counted["count"] == 3
    assert api.get(f"{VOLUMES}?bogus=1", headers=mv(alt, "3.33")).status_code == 400
    summary = api.get(f"{VOLUMES}/summary", headers=mv(alt, "3.36")).json()["volume-summary"]
    assert summary["total_count"] == 3 and summary["metadata"] == {"n": ["0", "1"]}


def test_volume_from_an_image_holds_its_bytes_and_is_bootable(api, demo, cloud):
    data = b"boot" * 4096
    image = create_image(api, demo, name="for-volume", min_disk=1)
    upload(api, demo, image["id"], data)
    volume = create_volume(api, demo, imageRef=image["id"])
    assert volume["status"] == "available", volume
    assert volume["bootable"] == "true" and volume["size"] == 1
    assert volume["volume_image_metadata"]["image_id"] == image["id"]
    path = runtime_of(cloud).backends.all[0].driver.path(volume["id"])
    with path.open("rb") as f:
        assert f.read(len(data)) == data
    assert path.stat().st_size == 1 << 30
    needs_two = create_image(api, demo, name="big-min-disk", min_disk=2)
    upload(api, demo, needs_two["id"], data)
    refused = api.post(
        VOLUMES, json={"volume": {"size": 1, "imageRef": needs_two["id"]}}, headers=demo
    )
    assert refused.json()["badRequest"]["message"] == (
        "Invalid input received: Volume size 1GB cannot be smaller than the image minDisk size 2GB."
    )
    unknown = api.post(
        VOLUMES, json={"volume": {"size": 1, "imageRef": "no-such-image"}}, headers=demo
    )
    assert unknown.json()["badRequest"]["message"] == (
        "Invalid image identifier or unable to access requested image."
    )


def test_a_clone_copies_the_source_volumes_bytes(api, demo, cloud):
    source = create_volume(api, demo)
    driver = runtime_of(cloud).backends.all[0].driver
    with driver.path(source["id"]).open("r+b") as f:
        f.seek(12345)
        f.write(b"payload")
    clone = create_volume(api, demo, source_volid=source["id"], size=2)
    assert clone["status"] == "available" and clone["size"] == 2
    with driver.path(clone["id"]).open("rb") as f:
        f.seek(12345)
        assert f.read(7) == b"payload"
    too_small = api.post(
        VOLUMES, json={"volume": {"size": 1, "source_volid": clone["id"]}}, headers=demo
    )
    assert too_small.status_code == 400


def test_delete_removes_the_volume_and_its_bytes_and_repeats_are_safe(api, demo, cloud):
    volume = create_volume(api, demo)
    path = f"{VOLUMES}/{volume['id']}"
    database = runtime_of(cloud).database
    with database.transaction() as session:
        session.execute(
            sa.update(models.Volume)
            .where(models.Volume.id == volume["id"])
            .values(status="deleting")
        )
    # Already deleting: a repeated delete is accepted (docs/differences.md).
    assert api.delete(path, headers=demo).status_code == 202
    with database.transaction() as session:
        session.execute(
            sa.update(models.Volume)
            .where(models.Volume.id == volume["id"])
            .values(status="available")
        )
    assert api.delete(path, headers=demo).status_code == 202
    wait_gone(api, demo, path)
    assert not runtime_of(cloud).backends.all[0].driver.exists(volume["id"])


def test_a_volume_in_a_transitional_state_cannot_be_deleted(api, demo, cloud):
    volume = create_volume(api, demo)
    with runtime_of(cloud).database.transaction() as session:
        session.execute(
            sa.update(models.Volume)
            .where(models.Volume.id == volume["id"])
            .values(status="extending")
        )
    refused = api.delete(f"{VOLUMES}/{volume['id']}", headers=demo)
    assert refused.status_code == 400
    assert refused.json()["badRequest"]["message"].startswith("Invalid volume: Volume status must")


def test_over_quota_is_413_with_cinders_message(api, tokens, cloud):
    alt = tokens.headers("alt_demo")
    project_id = project_of(api, alt)
    used = len(api.get(VOLUMES, headers=alt).json()["volumes"])
    with runtime_of(cloud).database.transaction() as session:
        session.add(models.Quota(project_id=project_id, resource="volumes", hard_limit=used))
        session.add(models.Quota(project_id=project_id, resource="gigabytes", hard_limit=100))
    refused = api.post(VOLUMES, json={"volume": {"size": 1}}, headers=alt)
    assert refused.status_code == 413
    assert refused.json()["overLimit"]["message"] == (
        f"Maximum number of volumes allowed ({used}) exceeded for quota 'volumes'."
    )
    with runtime_of(cloud).database.transaction() as session:
        session.execute(sa.delete(models.Quota).where(models.Quota.resource == "volumes"))
    big = api.post(VOLUMES, json={"volume": {"size": 101}}, headers=alt)
    assert big.json()["overLimit"]["message"].startswith(
        "Requested volume or snapshot exceeds allowed gigabytes quota. Requested 101G, quota is "
        "100G and"
    )


def test_multiattach_comes_from_the_type_and_the_old_flag_is_refused(api, cloud, demo):
    refused = api.post(VOLUMES, json={"volume": {"size": 1, "multiattach": True}}, headers=demo)
    assert refused.status_code == 400
    assert refused.json()["badRequest"]["message"].startswith(
        "multiattach parameter has been removed."
    )
    assert create_volume(api, demo, volume_type=multiattach_type(cloud))["multiattach"] is True
    assert create_volume(api, demo)["multiattach"] is False


def test_a_body_in_a_media_type_cinder_does_not_read_is_400(api, demo):
    body = b'{"volume": {"size": 1}}'
    for media_type in ("text/plain", "application/xml"):
        response = api.post(VOLUMES, headers={**demo, "Content-Type": media_type}, content=body)
        assert response.status_code == 400
        assert response.json()["badRequest"]["message"] == "Unsupported Content-Type"
    typed = {**demo, "Content-Type": "application/vnd.openstack.volume+json"}
    created = api.post(VOLUMES, headers=typed, content=body)
    assert created.status_code == 202
    wait_status(api, demo, created.json()["volume"]["id"], "available")
