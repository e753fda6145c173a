"""Glance v2 through HTTP: images, data, bad input, isolation and members."""

from __future__ import annotations

import hashlib
import uuid

import pytest

IMAGES = "/image/v2/images"
PATCH = {"Content-Type": "application/openstack-images-v2.1-json-patch"}
JSON = {"Accept": "application/json"}


def glance_message(explanation: str, detail: str = "") -> str:
    return f"{explanation}<br /><br />\n{detail}\n\n"


def create(api, headers, **fields) -> dict:
    body = {"disk_format": "raw", "container_format": "bare", **fields}
    response = api.post(IMAGES, json=body, headers={**headers, **JSON})
    assert response.status_code == 201, response.text
    return response.json()


def upload(api, headers, image_id: str, data: bytes):
    return api.put(
        f"{IMAGES}/{image_id}/file",
        content=data,
        headers={**headers, **JSON, "Content-Type": "application/octet-stream"},
    )


def stage(api, headers, image_id: str, data: bytes):
    return api.put(
        f"{IMAGES}/{image_id}/stage",
        content=data,
        headers={**headers, "Content-Type": "application/octet-stream"},
    )


def test_upload_then_download_is_byte_identical_with_real_hashes(api, demo):
    data = bytes(range(256)) * 4096 + b"tail"
    image = create(api, demo, name="bytes")
    assert image["status"] == "queued" and image["visibility"] == "shared"
    assert upload(api, demo, image["id"], data).status_code == 204
    shown = api.get(f"{IMAGES}/{image['id']}", headers=demo).json()
    assert shown["status"] == "active" and shown["size"] == len(data)
    assert shown["checksum"] == hashlib.md5(data).hexdigest()
    assert shown["os_hash_algo"] == "sha512"
    assert shown["os_hash_value"] == hashlib.sha512(data).hexdigest()
    download = api.get(f"{IMAGES}/{image['id']}/file", headers=demo)
    assert download.content == data
    assert download.headers["Content-MD5"] == shown["checksum"]
    ranged = api.get(f"{IMAGES}/{image['id']}/file", headers={**demo, "Range": "bytes=10-19"})
    assert ranged.status_code == 206 and ranged.content == data[10:20]
    assert ranged.headers["Content-Range"] == f"bytes 10-19/{len(data)}"


def test_unknown_disk_format_is_glance_400(api, demo):
    response = api.post(IMAGES, json={"disk_format": "floppy"}, headers={**demo, **JSON})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "400 Bad Request" and body["title"] == "Bad Request"
    assert body["message"].startswith(
        "Provided object does not match schema 'image': 'floppy' is not one of [None, 'ami'"
    )
    assert "Failed validating 'enum' in schema['properties']['disk_format']" in body["message"]


def test_unknown_container_format_is_400(api, demo):
    response = api.post(IMAGES, json={"container_format": "box"}, headers={**demo, **JSON})
    assert response.status_code == 400
    assert "'box' is not one of [None, 'ami', 'ari', 'aki', 'bare'" in response.json()["message"]


def test_reserved_property_is_403_with_webob_detail(api, demo):
    response = api.post(IMAGES, json={"os_glance_thing": "x"}, headers={**demo, **JSON})
    assert response.status_code == 403
    assert response.json()["message"] == glance_message(
        "Access was denied to this resource.", "Attribute 'os_glance_thing' is reserved."
    )


def test_patching_a_read_only_attribute_is_403(api, demo):
    image = create(api, demo)
    response = api.patch(
        f"{IMAGES}/{image['id']}",
        headers={**demo, **PATCH, **JSON},
        json=[{"op": "replace", "path": "/status", "value": "active"}],
    )
    assert response.status_code == 403
    assert response.json()["message"] == glance_message("Attribute 'status' is read-only.")


def test_patch_adds_replaces_and_removes_properties(api, demo):
    image = create(api, demo, name="before")
    url = f"{IMAGES}/{image['id']}"
    changes = [
        {"op": "replace", "path": "/name", "value": "after"},
        {"op": "add", "path": "/os_distro", "value": "none"},
        {"op": "add", "path": "/tags", "value": ["a", "b"]},
    ]
    updated = api.patch(url, headers={**demo, **PATCH}, json=changes).json()
    assert (updated["name"], updated["os_distro"], updated["tags"]) == ("after", "none", ["a", "b"])
    removed = api.patch(
        url, headers={**demo, **PATCH}, json=[{"op": "remove", "path": "/os_distro"}]
    ).json()
    assert "os_distro" not in removed
    missing = api.patch(
        url, headers={**demo, **PATCH, **JSON}, json=[{"op": "remove", "path": "/os_distro"}]
    )
    assert missing.status_code == 409
    assert missing.json()["message"] == glance_message(
        "There was a conflict when trying to complete your request.",
        "Property os_distro does not exist.",
    )


def test_patch_with_plain_json_is_415(api, demo):
    image = create(api, demo)
    response = api.patch(f"{IMAGES}/{image['id']}", json=[], headers={**demo, **JSON})
    assert response.status_code == 415
    assert response.headers["Accept-Patch"].startswith("application/openstack-images-v2.0")


def test_upload_to_an_active_image_is_409(api, demo):
    image = create(api, demo)
    assert upload(api, demo, image["id"], b"first").status_code == 204
    response = upload(api, demo, image["id"], b"second")
    assert response.status_code == 409
    assert response.json()["message"] == glance_message(
        "Image status transition from active to saving is not allowed"
    )
    again = api.get(f"{IMAGES}/{image['id']}/file", headers=demo)
    assert again.content == b"first"


def test_an_announced_size_that_is_no_number_is_400(api, demo):
    image = create(api, demo)
    response = api.put(
        f"{IMAGES}/{image['id']}/file",
        content=b"data",
        headers={
            **demo,
            **JSON,
            "Content-Type": "application/octet-stream",
            "x-openstack-image-size": "big",
        },
    )
    assert response.status_code == 400
    assert response.json()["message"] == glance_message(
        "Invalid or missing image size in request headers."
    )
    assert api.get(f"{IMAGES}/{image['id']}", headers=demo).json()["status"] == "queued"


def test_upload_without_formats_is_400_and_image_stays_queued(api, demo):
    image = api.post(IMAGES, json={"name": "bare"}, headers={**demo, **JSON}).json()
    response = upload(api, demo, image["id"], b"data")
    assert response.status_code == 400
    assert response.json()["message"] == glance_message(
        "Properties disk_format, container_format must be set prior to saving data."
    )
    assert api.get(f"{IMAGES}/{image['id']}", headers=demo).json()["status"] == "queued"


def test_deleting_a_protected_image_is_403(api, demo):
    image = create(api, demo, protected=True)
    response = api.delete(f"{IMAGES}/{image['id']}", headers={**demo, **JSON})
    assert response.status_code == 403
    assert response.json()["message"] == glance_message(
        f"Image {image['id']} is protected and cannot be deleted."
    )
    api.patch(
        f"{IMAGES}/{image['id']}",
        headers={**demo, **PATCH},
        json=[{"op": "replace", "path": "/protected", "value": False}],
    )
    assert api.delete(f"{IMAGES}/{image['id']}", headers=demo).status_code == 204
    assert api.get(f"{IMAGES}/{image['id']}", headers=demo).status_code == 404


def test_error_body_follows_accept_as_webob_does(api, demo):
    missing = f"{IMAGES}/00000000-0000-0000-0000-000000000000"
    plain = api.get(missing, headers={**demo, "Accept": "text/plain"})
    assert plain.headers["content-type"].startswith("text/plain")
    assert plain.text == (
        "404 Not Found\n\nNo image found with ID 00000000-0000-0000-0000-000000000000\n\n   "
    )
    html = api.get(missing, headers={**demo, "Accept": "*/*"})
    assert html.headers["content-type"].startswith("text/html")


def test_missing_token_is_keystonemiddlewares_401(api):
    response = api.get(IMAGES)
    assert response.status_code == 401
    assert response.json()["error"]["message"] == (
        "The request you have made requires authentication."
    )
    assert response.headers["WWW-Authenticate"].startswith('Keystone uri="')


def test_tenants_never_see_each_others_private_images(api, demo, tokens):
    alt = tokens.headers("alt_demo")
    private = create(api, demo, name="demo-private", visibility="private")
    assert api.get(f"{IMAGES}/{private['id']}", headers=alt).status_code == 404
    listed = {i["id"] for i in api.get(IMAGES, headers=alt).json()["images"]}
    assert private["id"] not in listed
    assert api.delete(f"{IMAGES}/{private['id']}", headers=alt).status_code == 404
    assert upload(api, alt, private["id"], b"x").status_code == 404


def test_public_images_need_admin(api, demo, admin):
    response = api.post(IMAGES, json={"visibility": "public"}, headers={**demo, **JSON})
    assert response.status_code == 403
    assert response.json()["message"] == glance_message(
        "You are not authorized to complete publicize_image action."
    )
    assert api.post(IMAGES, json={"visibility": "public"}, headers=admin).status_code == 201


def test_members_share_accept_and_reject(api, demo, tokens, cloud):
    alt = tokens.headers("alt_demo")
    alt_project = api.get(
        "/identity/v3/auth/tokens", headers={**alt, "X-Subject-Token": alt["X-Auth-Token"]}
    ).json()["token"]["project"]["id"]
    image = create(api, demo, name="shared-one")
    members = f"{IMAGES}/{image['id']}/members"
    added = api.post(members, json={"member": alt_project}, headers=demo)
    assert added.status_code == 200 and added.json()["status"] == "pending"
    duplicate = api.post(members, json={"member": alt_project}, headers={**demo, **JSON})
    assert duplicate.status_code == 409
    # Pending: visible by id, listed only when asking for pending members.
    assert api.get(f"{IMAGES}/{image['id']}", headers=alt).status_code == 200

    def listed(query: str = "") -> set[str]:
        return {i["id"] for i in api.get(IMAGES + query, headers=alt).json()["images"]}

    assert image["id"] not in listed()
    assert image["id"] in listed("?member_status=pending")
    accept = api.put(f"{members}/{alt_project}", json={"status": "accepted"}, headers=alt)
    assert accept.json()["status"] == "accepted"
    assert image["id"] in listed()
    reject = api.put(f"{members}/{alt_project}", json={"status": "rejected"}, headers=alt)
    assert reject.json()["status"] == "rejected"
    assert image["id"] not in listed()
    # The owner cannot answer for the member; the member cannot share further.
    assert (
        api.put(f"{members}/{alt_project}", json={"status": "accepted"}, headers=demo).status_code
        == 403
    )
    bad = api.put(f"{members}/{alt_project}", json={"status": "maybe"}, headers={**alt, **JSON})
    assert bad.status_code == 400
    assert api.delete(f"{members}/{alt_project}", headers=demo).status_code == 204
    assert api.get(f"{IMAGES}/{image['id']}", headers=alt).status_code == 404


def test_private_images_have_no_members(api, demo):
    image = create(api, demo, visibility="private")
    response = api.post(
        f"{IMAGES}/{image['id']}/members", json={"member": "x"}, headers={**demo, **JSON}
    )
    assert response.status_code == 403
    assert response.json()["message"] == glance_message(
        f"Not allowed to create members for image {image['id']}."
    )


def test_stage_and_glance_direct_import_runs_on_the_bus(api, demo, cloud):
    image = create(api, demo, name="imported")
    staged = stage(api, demo, image["id"], b"staged bytes")
    assert staged.status_code == 204
    assert api.get(f"{IMAGES}/{image['id']}", headers=demo).json()["status"] == "uploading"
    response = api.post(
        f"{IMAGES}/{image['id']}/import",
        headers=demo,
        json={"method": {"name": "glance-direct"}, "stores": ["cheap"]},
    )
    assert response.status_code == 202
    cloud.plumbing.bus.drain()
    shown = api.get(f"{IMAGES}/{image['id']}", headers=demo).json()
    assert shown["status"] == "active" and shown["stores"] == "cheap"
    assert api.get(f"{IMAGES}/{image['id']}/file", headers=demo).content == b"staged bytes"
    tasks = api.get(f"{IMAGES}/{image['id']}/tasks", headers=demo).json()["tasks"]
    assert [t["status"] for t in tasks] == ["success"]


def test_web_download_refuses_hosts_not_allowed(api, demo):
    image = create(api, demo)
    response = api.post(
        f"{IMAGES}/{image['id']}/import",
        headers={**demo, **JSON},
        json={"method": {"name": "web-download", "uri": "http://169.254.169.254/latest"}},
    )
    assert response.status_code == 400
    assert response.json()["message"] == glance_message(
        "URI for web-download does not pass filtering: http://169.254.169.254/latest"
    )


def test_copy_image_needs_admin_and_copies_bytes(api, demo, admin, cloud):
    image = create(api, admin, name="copied")
    upload(api, admin, image["id"], b"copy me")
    refused = api.post(
        f"{IMAGES}/{image['id']}/import",
        headers={**admin, **JSON},
        json={"method": {"name": "copy-image"}, "stores": ["fast"]},
    )
    assert refused.status_code == 400  # already in the default store
    response = api.post(
        f"{IMAGES}/{image['id']}/import",
        headers=admin,
        json={"method": {"name": "copy-image"}, "stores": ["cheap"]},
    )
    assert response.status_code == 202
    cloud.plumbing.bus.drain()
    shown = api.get(f"{IMAGES}/{image['id']}", headers=admin).json()
    assert shown["stores"] == "fast,cheap"


def test_list_pages_with_next_links(api, demo):
    for n in range(3):
        create(api, demo, name=f"page-{n}", tags=["paged"])
    first = api.get(f"{IMAGES}?tag=paged&limit=2&sort=name:asc", headers=demo).json()
    assert [i["name"] for i in first["images"]] == ["page-0", "page-1"]
    second = api.get("/image" + first["next"], headers=demo).json()
    assert [i["name"] for i in second["images"]] == ["page-2"]
    bad = api.get(f"{IMAGES}?sort_key=colour", headers={**demo, **JSON})
    assert bad.status_code == 400


@pytest.mark.parametrize("path", ["/image/versions", "/image/"])
def test_versions_list_2_17_as_current(api, path):
    response = api.get(path)
    assert response.status_code == (200 if path.endswith("versions") else 300)
    current = [v["id"] for v in response.json()["versions"] if v["status"] == "CURRENT"]
    assert current == ["v2.17"]


@pytest.mark.parametrize("version", ["v2.0", "v2.9", "v2.17"])
def test_a_served_minor_version_in_the_path_is_the_v2_api(api, demo, version):
    image = create(api, demo, name="versioned")
    found = api.get(f"/image/{version}/images/{image['id']}", headers=demo)
    assert found.status_code == 200
    assert found.json()["id"] == image["id"]


def test_the_accept_header_can_name_the_version(api, demo):
    image = create(api, demo, name="versioned")
    accept = {**demo, "Accept": "application/vnd.openstack.images-v2.1"}
    assert api.get(f"/image/images/{image['id']}", headers=accept).json()["id"] == image["id"]


@pytest.mark.parametrize(
    ("method", "path"),
    # 2.14, 2.16 and 2.18 are the image cache's, which is not offered.
    [("GET", "/image/v1/images"), ("POST", "/image/v3/images"), ("GET", "/image/v2.14/images")],
)
def test_a_version_not_served_gets_the_choices(api, demo, method, path):
    response = api.request(method, path, headers=demo)
    assert response.status_code == 300
    assert "v2.17" in {v["id"] for v in response.json()["versions"]}


def test_stores_and_usage(api, demo, admin):
    stores = api.get("/image/v2/info/stores", headers=demo).json()["stores"]
    assert stores == [{"id": "fast", "default": "true"}, {"id": "cheap"}]
    assert api.get("/image/v2/info/stores/detail", headers=demo).status_code == 403
    detail = api.get("/image/v2/info/stores/detail", headers=admin).json()["stores"]
    assert {s["type"] for s in detail} == {"file"}
    usage = api.get("/image/v2/info/usage", headers=demo).json()["usage"]
    assert usage["image_count_total"]["limit"] == -1


def test_unknown_images_are_404_in_the_words_of_each_call(api, demo):
    missing = str(uuid.uuid4())
    deleted = api.delete(f"{IMAGES}/{missing}", headers={**demo, **JSON})
    assert deleted.status_code == 404
    assert deleted.json()["message"] == glance_message(f"Failed to find image {missing} to delete")
    for method in ("PUT", "DELETE"):
        tagged = api.request(method, f"{IMAGES}/{missing}/tags/red", headers={**demo, **JSON})
        assert tagged.status_code == 404
        assert tagged.json()["message"] == glance_message(f"Image {missing} not found.")


def test_images_owned_by_another_project_need_admin(api, demo, admin):
    response = api.post(IMAGES, json={"owner": "someone-else"}, headers={**demo, **JSON})
    assert response.status_code == 403
    assert response.json()["message"] == glance_message(
        "Access was denied to this resource.",
        "You are not permitted to create images owned by 'someone-else'",
    )
    assert api.post(IMAGES, json={"owner": "someone-else"}, headers=admin).status_code == 201
