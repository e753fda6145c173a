"""Per-project image quotas from Keystone's unified limits (413 when over).

The image service reads the limits through the identity API, as Glance does
through oslo.limit: a project's own limit first, then the registered default.
"""

from __future__ import annotations

from tests.api.test_image_images import IMAGES, JSON, create, stage, upload

IDENTITY = "/identity/v3"


def _register(api, admin, resource: str, default: int, project_limits: dict[str, int]) -> None:
    services = api.get(f"{IDENTITY}/services?type=image", headers=admin).json()["services"]
    service_id = services[0]["id"]
    registered = {"service_id": service_id, "resource_name": resource, "default_limit": default}
    response = api.post(
        f"{IDENTITY}/registered_limits", json={"registered_limits": [registered]}, headers=admin
    )
    assert response.status_code == 201, response.text
    limits = [
        {
            "service_id": service_id,
            "project_id": project,
            "resource_name": resource,
            "resource_limit": limit,
        }
        for project, limit in project_limits.items()
    ]
    if limits:
        response = api.post(f"{IDENTITY}/limits", json={"limits": limits}, headers=admin)
        assert response.status_code == 201, response.text


def _project_id(api, headers) -> str:
    token = headers["X-Auth-Token"]
    shown = api.get(f"{IDENTITY}/auth/tokens", headers={**headers, "X-Subject-Token": token})
    return shown.json()["token"]["project"]["id"]


def test_image_count_over_the_projects_limit_is_413(api, admin, tokens):
    alt = tokens.headers("alt_demo")
    _register(api, admin, "image_count_total", -1, {_project_id(api, alt): 1})
    create(api, alt, name="first")
    refused = api.post(IMAGES, json={"name": "second"}, headers={**alt, **JSON})
    assert refused.status_code == 413
    message = refused.json()["message"]
    assert "Resource image_count_total is over limit of 1 due to current usage 1 and delta 1" in (
        message
    )
    usage = api.get("/image/v2/info/usage", headers=alt).json()["usage"]
    assert usage["image_count_total"] == {"limit": 1, "usage": 1}


def test_image_size_counts_in_mebibytes_against_the_registered_default(api, admin, demo):
    _register(api, admin, "image_size_total", 1, {})
    image = create(api, demo, name="big")
    accepted = upload(api, demo, image["id"], b"x" * (1 << 20))
    assert accepted.status_code == 204
    second = create(api, demo, name="bigger")
    refused = upload(api, demo, second["id"], b"x" * (1 << 20))
    assert refused.status_code == 413
    assert "Resource image_size_total is over limit of 1" in refused.json()["message"]
    shown = api.get(f"{IMAGES}/{second['id']}", headers=demo).json()
    assert shown["status"] == "queued"


def test_staging_counts_the_size_the_client_announces(api, admin, demo):
    _register(api, admin, "image_stage_total", -1, {_project_id(api, demo): 1})
    image = create(api, demo, name="announced")
    announced = {**demo, **JSON, "x-openstack-image-size": str(3 << 20)}
    refused = stage(api, announced, image["id"], b"small")
    assert refused.status_code == 413
    assert (
        "image_stage_total is over limit of 1 due to current usage 0 and delta 3"
        in (refused.json()["message"])
    )
    # The older x-image-meta-size header is not Glance's size for quotas.
    older = {**demo, **JSON, "x-image-meta-size": str(3 << 20)}
    accepted = stage(api, older, image["id"], b"small")
    assert accepted.status_code == 204, accepted.text
