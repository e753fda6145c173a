"""Swift's v1 API through HTTP: accounts, containers, objects and their bytes."""

from __future__ import annotations

import hashlib
import json

import pytest

NOT_FOUND = b"<html><h1>Not Found</h1><p>The resource could not be found.</p></html>"


def account_of(api, headers) -> str:
    """The caller's account path, from its token's project."""
    token = headers["X-Auth-Token"]
    shown = api.get("/identity/v3/auth/tokens", headers={**headers, "X-Subject-Token": token})
    return f"/object/v1/AUTH_{shown.json()['token']['project']['id']}"


@pytest.fixture
def demo_account(api, demo) -> str:
    return account_of(api, demo)


@pytest.fixture
def container(api, demo, demo_account, request) -> str:
    """An empty container of demo's, emptied and removed afterwards."""
    path = f"{demo_account}/{request.node.name[:60]}"
    assert api.put(path, headers=demo).status_code == 201
    yield path
    for name in api.get(path, headers=demo).text.splitlines():
        api.delete(f"{path}/{name}", headers=demo)
    api.delete(path, headers=demo)


def test_info_lists_capabilities_without_a_token(api):
    info = api.get("/object/info").json()
    assert info["swift"]["max_file_size"] > 0 and info["slo"]["min_segment_size"] == 1


def test_catalog_names_the_callers_account(api, demo, demo_account):
    token = demo["X-Auth-Token"]
    catalog = api.get(
        "/identity/v3/auth/tokens", headers={**demo, "X-Subject-Token": token}
    ).json()["token"]["catalog"]
    swift = next(entry for entry in catalog if entry["type"] == "object-store")
    assert all(e["url"].endswith(demo_account) for e in swift["endpoints"])


def test_container_put_twice_is_created_then_accepted(api, demo, container):
    assert api.put(container, headers=demo).status_code == 202
    shown = api.head(container, headers=demo)
    assert shown.status_code == 204
    assert shown.headers["X-Container-Object-Count"] == "0"
    assert shown.headers["X-Container-Bytes-Used"] == "0"


def test_missing_container_is_swifts_404_page(api, demo, demo_account):
    response = api.get(f"{demo_account}/no-such-container", headers=demo)
    assert response.status_code == 404 and response.content == NOT_FOUND
    assert response.headers["Content-Type"].startswith("text/html")


def test_object_round_trip_is_byte_identical_with_md5_etag(api, demo, container):
    data = bytes(range(256)) * 5000 + b"tail"
    stored = api.put(
        f"{container}/dir/blob.bin",
        content=data,
        headers={**demo, "Content-Type": "application/x-test", "X-Object-Meta-Color": "blue"},
    )
    assert stored.status_code == 201
    assert stored.headers["Etag"] == hashlib.md5(data).hexdigest()
    got = api.get(f"{container}/dir/blob.bin", headers=demo)
    assert got.status_code == 200 and got.content == data
    assert got.headers["Content-Type"] == "application/x-test"
    assert got.headers["X-Object-Meta-Color"] == "blue"
    ranged = api.get(f"{container}/dir/blob.bin", headers={**demo, "Range": "bytes=10-19"})
    assert ranged.status_code == 206 and ranged.content == data[10:20]
    assert ranged.headers["Content-Range"] == f"bytes 10-19/{len(data)}"
    head = api.head(f"{container}/dir/blob.bin", headers=demo)
    assert head.headers["Content-Length"] == str(len(data))
    assert api.head(container, headers=demo).headers["X-Container-Bytes-Used"] == str(len(data))


def test_etag_mismatch_is_422_and_stores_nothing(api, demo, container):
    response = api.put(f"{container}/bad", content=b"abc", headers={**demo, "ETag": "0" * 32})
    assert response.status_code == 422
    assert b"Unprocessable Entity" in response.content
    assert api.head(f"{container}/bad", headers=demo).status_code == 404


def test_object_post_replaces_metadata(api, demo, container):
    headers = {**demo, "X-Object-Meta-One": "1", "Content-Disposition": "attachment"}
    api.put(f"{container}/o", content=b"x", headers=headers)
    assert api.post(f"{container}/o", headers={**demo, "X-Object-Meta-Two": "2"}).status_code == 202
    shown = api.head(f"{container}/o", headers=demo).headers
    assert shown["X-Object-Meta-Two"] == "2"
    assert "X-Object-Meta-One" not in shown and "Content-Disposition" not in shown


def test_container_metadata_set_and_removed(api, demo, container):
    api.post(container, headers={**demo, "X-Container-Meta-A": "1", "X-Container-Read": ".r:*"})
    api.post(container, headers={**demo, "X-Container-Meta-B": "2"})
    shown = api.head(container, headers=demo).headers
    assert shown["X-Container-Meta-A"] == "1" and shown["X-Container-Meta-B"] == "2"
    assert shown["X-Container-Read"] == ".r:*"
    api.post(
        container, headers={**demo, "X-Remove-Container-Meta-A": "x", "X-Container-Meta-B": ""}
    )
    shown = api.head(container, headers=demo).headers
    assert "X-Container-Meta-A" not in shown and "X-Container-Meta-B" not in shown


def test_account_metadata_and_totals(api, demo, demo_account, container):
    api.put(f"{container}/o", content=b"12345", headers=demo)
    api.post(demo_account, headers={**demo, "X-Account-Meta-Team": "blue"})
    shown = api.head(demo_account, headers=demo)
    assert shown.status_code == 204
    assert shown.headers["X-Account-Meta-Team"] == "blue"
    assert int(shown.headers["X-Account-Object-Count"]) >= 1
    assert int(shown.headers["X-Account-Bytes-Used"]) >= 5
    api.post(demo_account, headers={**demo, "X-Remove-Account-Meta-Team": "x"})
    assert "X-Account-Meta-Team" not in api.head(demo_account, headers=demo).headers


def test_listings_with_prefix_delimiter_marker_and_limit(api, demo, container):
    for name in ("a/1", "a/2", "b/1", "c", "d"):
        api.put(f"{container}/{name}", content=name.encode(), headers=demo)
    assert api.get(container, headers=demo).text == "a/1\na/2\nb/1\nc\nd\n"
    folded = api.get(container, params={"delimiter": "/", "format": "json"}, headers=demo).json()
    assert folded[:2] == [{"subdir": "a/"}, {"subdir": "b/"}]
    assert [e["name"] for e in folded[2:]] == ["c", "d"]
    entry = folded[2]
    assert entry["bytes"] == 1 and entry["hash"] == hashlib.md5(b"c").hexdigest()
    assert set(entry) == {"name", "hash", "bytes", "content_type", "last_modified"}
    assert api.get(container, params={"prefix": "a/"}, headers=demo).text == "a/1\na/2\n"
    page = api.get(container, params={"marker": "a/2", "limit": "2"}, headers=demo)
    assert page.text == "b/1\nc\n"
    json_listing = api.get(container, headers={**demo, "Accept": "application/json"})
    assert json_listing.headers["Content-Type"].startswith("application/json")
    assert api.get(container, params={"prefix": "zz"}, headers=demo).status_code == 204
    assert api.get(container, params={"limit": "x"}, headers=demo).status_code == 412


def test_account_listing_counts_objects(api, demo, demo_account, container):
    api.put(f"{container}/o", content=b"abc", headers=demo)
    name = container.rsplit("/", 1)[1]
    listed = api.get(demo_account, params={"format": "json", "prefix": name}, headers=demo).json()
    assert listed[0]["name"] == name and listed[0]["count"] == 1 and listed[0]["bytes"] == 3


def test_non_empty_container_delete_is_409(api, demo, container):
    api.put(f"{container}/o", content=b"x", headers=demo)
    assert api.delete(container, headers=demo).status_code == 409
    assert api.delete(f"{container}/o", headers=demo).status_code == 204
    assert api.delete(f"{container}/o", headers=demo).status_code == 404
    assert api.delete(container, headers=demo).status_code == 204
    assert api.delete(container, headers=demo).status_code == 404


def test_another_projects_account_is_403(api, tokens, demo_account):
    alt = tokens.headers("alt_demo")
    response = api.get(demo_account, headers=alt)
    assert response.status_code == 403
    assert b"<h1>Forbidden</h1>" in response.content
    assert api.put(f"{demo_account}/intruder", headers=alt).status_code == 403


def test_admin_reaches_any_account(api, admin, container):
    assert api.head(container, headers=admin).status_code == 204


def test_no_token_is_401(api, demo_account):
    assert api.get(demo_account).status_code == 401


def test_static_large_object_reads_as_its_segments(api, demo, container):
    parts = [b"a" * 1000, b"b" * 1000, b"c" * 10]
    manifest = []
    for index, part in enumerate(parts):
        api.put(f"{container}/big/{index:06}", content=part, headers=demo)
        name = container.split("/", 4)[4]
        manifest.append({"path": f"/{name}/big/{index:06}", "size_bytes": len(part)})
    put = api.put(
        f"{container}/big",
        params={"multipart-manifest": "put"},
        content=json.dumps(manifest),
        headers={**demo, "X-Object-Meta-Whole": "yes"},
    )
    assert put.status_code == 201, put.text
    got = api.get(f"{container}/big", headers=demo)
    assert got.content == b"".join(parts)
    assert got.headers["X-Static-Large-Object"] == "True"
    ranged = api.get(f"{container}/big", headers={**demo, "Range": "bytes=995-1004"})
    assert ranged.content == b"a" * 5 + b"b" * 5
    deleted = api.delete(f"{container}/big", params={"multipart-manifest": "delete"}, headers=demo)
    assert deleted.status_code == 200
    assert api.get(container, headers=demo).status_code == 204


def test_manifest_naming_a_missing_segment_is_400(api, demo, container):
    name = container.split("/", 4)[4]
    manifest = json.dumps([{"path": f"/{name}/nothing"}])
    response = api.put(
        f"{container}/big", params={"multipart-manifest": "put"}, content=manifest, headers=demo
    )
    assert response.status_code == 400 and b"404 Not Found" in response.content


@pytest.mark.parametrize("body", [b"{", b"[]", b'[{"size_bytes": 1}]', b'[{"path": 1}]'])
def test_malformed_manifest_is_400(api, demo, container, body):
    response = api.put(
        f"{container}/big", params={"multipart-manifest": "put"}, content=body, headers=demo
    )
    assert response.status_code == 400, response.text


def test_start_sweeps_unnamed_files_and_keeps_objects(api, demo, cloud, container):
    api.put(f"{container}/kept", content=b"kept", headers=demo)
    runtime = next(c.api.runtime for c in cloud.components if c.prefix == "/object")
    orphan, _, _ = runtime.files.write([b"left by a crash"], limit=100)
    runtime.recover()
    assert not runtime.files.path(orphan).exists()
    assert api.get(f"{container}/kept", headers=demo).content == b"kept"


def test_copy_from_copies_bytes_and_metadata(api, demo, container):
    data = b"copy me" * 1000
    api.put(f"{container}/src", content=data, headers={**demo, "X-Object-Meta-A": "1"})
    name = container.split("/", 4)[4]
    copied = api.put(
        f"{container}/dst",
        content=b"",
        headers={**demo, "X-Copy-From": f"/{name}/src", "X-Object-Meta-B": "2"},
    )
    assert copied.status_code == 201 and copied.headers["Etag"] == hashlib.md5(data).hexdigest()
    got = api.get(f"{container}/dst", headers=demo)
    assert got.content == data
    assert got.headers["X-Object-Meta-A"] == "1" and got.headers["X-Object-Meta-B"] == "2"
    api.delete(f"{container}/src", headers=demo)
    assert api.get(f"{container}/dst", headers=demo).content == data
    missing = api.put(f"{container}/x", content=b"", headers={**demo, "X-Copy-From": f"/{name}/no"})
    assert missing.status_code == 404


def test_expiry_is_refused_not_ignored(api, demo, container):
    expiring = {**demo, "X-Delete-After": "60"}
    assert api.put(f"{container}/o", content=b"x", headers=expiring).status_code == 400
    api.put(f"{container}/o", content=b"x", headers=demo)
    assert api.post(f"{container}/o", headers=expiring).status_code == 400
