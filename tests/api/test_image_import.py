"""POST /v2/images/{id}/import through HTTP: how the target stores are chosen."""

from __future__ import annotations

import pytest

from tests.api.test_image_images import IMAGES, JSON, create, glance_message, stage

STORE_HEADER = {"x-image-meta-store": "cheap"}


@pytest.mark.parametrize(
    ("selectors", "headers", "message"),
    [
        (
            {"all_stores": True, "stores": ["cheap"]},
            {},
            "All_stores parameter can't be used with x-image-meta-store header or stores parameter",
        ),
        (
            {"all_stores": True},
            STORE_HEADER,
            "All_stores parameter can't be used with x-image-meta-store header or stores parameter",
        ),
        (
            {"stores": ["cheap"]},
            STORE_HEADER,
            "Stores parameter and x-image-meta-store header can't be both specified",
        ),
    ],
)
def test_stores_are_chosen_one_way_only(api, demo, selectors, headers, message):
    image = create(api, demo)
    staged = stage(api, demo, image["id"], b"staged")
    assert staged.status_code == 204
    response = api.post(
        f"{IMAGES}/{image['id']}/import",
        headers={**demo, **JSON, **headers},
        json={"method": {"name": "glance-direct"}, **selectors},
    )
    assert response.status_code == 400, response.text
    assert response.json()["message"] == glance_message(message)
    assert api.get(f"{IMAGES}/{image['id']}", headers=demo).json()["status"] == "uploading"
