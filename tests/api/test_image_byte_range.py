"""GET /v2/images/{id}/file with a Range, or the Content-Range Glance still
honours in requests, through HTTP."""

from __future__ import annotations

import pytest

from tests.api.test_image_images import IMAGES, JSON, create, glance_message, upload

DATA = b"0123456789"


@pytest.fixture(scope="module")
def image_file(api, tokens) -> str:
    demo = tokens.headers("demo")
    image = create(api, demo, name="ranged")
    assert upload(api, demo, image["id"], DATA).status_code == 204
    return f"{IMAGES}/{image['id']}/file"


@pytest.mark.parametrize(
    ("headers", "first", "last"),
    [
        ({"Range": "bytes=-0"}, 0, 9),
        ({"Range": "BYTES = 2 - 4"}, 2, 4),
        ({"Range": "bytes=7-"}, 7, 9),
        ({"Range": "bytes=-3"}, 7, 9),
        ({"Range": "bytes=-30"}, 0, 9),
        ({"Range": "bytes=3-5;ignored"}, 3, 5),
        ({"Content-Range": "bytes 1-3/*"}, 1, 3),
        ({"Content-Range": "bytes 1-3/10"}, 1, 3),
        ({"Range": "bytes=4-4", "Content-Range": "bytes 1-3/*"}, 4, 4),
    ],
)
def test_partial_downloads(api, demo, image_file, headers, first, last):
    response = api.get(image_file, headers={**demo, **headers})
    assert response.status_code == 206, response.text
    assert response.content == DATA[first : last + 1]
    assert response.headers["Content-Range"] == f"bytes {first}-{last}/{len(DATA)}"
    assert response.headers["Content-Length"] == str(last + 1 - first)


@pytest.mark.parametrize(
    ("headers", "detail"),
    [
        ({"Range": "bytes=5-2"}, "Invalid Range header."),
        ({"Range": "items=0-1"}, "Invalid Range header."),
        (
            {"Range": "bytes=10-"},
            "Invalid start position in Range header. "
            "Start position MUST be in the inclusive range [0, 9].",
        ),
        ({"Content-Range": "bytes 3-1/*"}, "Invalid Content-Range header."),
        ({"Content-Range": "bytes 1-3/2"}, "Invalid Content-Range header."),
        ({"Content-Range": "bytes */*"}, "Invalid Content-Range header."),
        (
            {"Content-Range": "bytes 5-12/*"},
            "Invalid stop position in Content-Range header. "
            "The stop position MUST be in the inclusive range [0, 9].",
        ),
        (
            {"Content-Range": "bytes 10-10/*"},
            "Invalid stop position in Content-Range header. "
            "The stop position MUST be in the inclusive range [0, 9].",
        ),
    ],
)
def test_unsatisfiable_ranges_are_416(api, demo, image_file, headers, detail):
    response = api.get(image_file, headers={**demo, **JSON, **headers})
    assert response.status_code == 416, response.text
    assert response.json()["message"] == glance_message(
        "The Range requested is not available.", detail
    )
