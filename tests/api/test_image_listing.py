"""GET /v2/images through HTTP: filters on columns, ranges, times and
operators, and markers, as Glance reads them."""

from __future__ import annotations

import hashlib
import uuid

import pytest

from tests.api.test_image_images import IMAGES, JSON, create, glance_message, upload


def listed(api, headers, query: str) -> list[str]:
    response = api.get(f"{IMAGES}?{query}", headers={**headers, **JSON})
    assert response.status_code == 200, response.text
    return [image["name"] for image in response.json()["images"]]


def refused(api, headers, query: str) -> str:
    response = api.get(f"{IMAGES}?{query}", headers={**headers, **JSON})
    assert response.status_code == 400, response.text
    return response.json()["message"]


@pytest.fixture
def tag() -> str:
    return f"t-{uuid.uuid4().hex[:8]}"


def test_checksum_hashes_and_size_filter_their_columns(api, demo, tag):
    data = b"filtered by its own bytes"
    image = create(api, demo, name="hashed", tags=[tag])
    assert upload(api, demo, image["id"], data).status_code == 204
    create(api, demo, name="empty", tags=[tag])
    sha512 = hashlib.sha512(data).hexdigest()
    assert listed(api, demo, f"tag={tag}&checksum={hashlib.md5(data).hexdigest()}") == ["hashed"]
    assert listed(api, demo, f"tag={tag}&os_hash_value={sha512}") == ["hashed"]
    assert listed(api, demo, f"tag={tag}&os_hash_algo=sha512") == ["hashed"]
    assert listed(api, demo, f"tag={tag}&size={len(data)}") == ["hashed"]
    # Raw data is its own virtual size (the format check records it).
    assert listed(api, demo, f"tag={tag}&virtual_size={len(data)}") == ["hashed"]


def test_ranges_on_numeric_columns(api, demo, tag):
    for name, ram in (("small", 64), ("large", 4096)):
        create(api, demo, name=name, min_ram=ram, tags=[tag])
    assert listed(api, demo, f"tag={tag}&min_ram_min=100") == ["large"]
    assert listed(api, demo, f"tag={tag}&min_ram_max=100") == ["small"]
    assert listed(api, demo, f"tag={tag}&min_ram_min=64&min_ram_max=4096&sort=name:asc") == [
        "large",
        "small",
    ]
    assert refused(api, demo, "size_min=big") == glance_message(
        "Unable to filter on a range with a non-numeric value."
    )


def test_created_at_takes_operators_and_iso_times(api, demo, tag):
    image = create(api, demo, name="timed", tags=[tag])
    moment = image["created_at"]
    assert listed(api, demo, f"tag={tag}&created_at=gte:{moment}") == ["timed"]
    assert listed(api, demo, f"tag={tag}&created_at=lt:{moment}") == []
    assert listed(api, demo, f"tag={tag}&updated_at=gt:2000-01-01T00:00:00Z") == ["timed"]
    assert listed(api, demo, f"tag={tag}&created_at=neq:2000-01-01") == ["timed"]
    assert refused(api, demo, "created_at=gt:yesterday") == glance_message(
        'Bad "created_at" query filter format. Use ISO 8601 DateTime notation.'
    )
    assert refused(api, demo, "updated_at=after:2000-01-01T00:00:00Z") == glance_message(
        "Unable to filter on a unknown operator."
    )


def test_name_operators_and_quoted_lists(api, demo, tag):
    create(api, demo, name="a,b", tags=[tag])
    create(api, demo, name="c", tags=[tag])
    assert listed(api, demo, f'tag={tag}&name=in:"a,b",c&sort=name:asc') == ["a,b", "c"]
    assert listed(api, demo, f"tag={tag}&name=eq:c") == ["c"]
    assert refused(api, demo, "name=like:c") == glance_message(
        "Unable to filter by unknown operator 'like'."
    )
    assert refused(api, demo, 'name=in:"a,b') == glance_message(
        'Invalid filter value "a,b. The quote is not closed.'
    )
    assert refused(api, demo, 'name=in:x"a"') == glance_message(
        'Invalid filter value x"a". There is no comma before opening quotation mark.'
    )


def test_a_marker_outside_the_filters_still_pages_from_it(api, demo, tag):
    for name in ("m-1", "m-2", "m-3"):
        create(api, demo, name=name, tags=[tag])
    outsider = create(api, demo, name="m-2b")
    query = f"tag={tag}&sort=name:asc&marker={outsider['id']}"
    assert listed(api, demo, query) == ["m-3"]


def test_a_marker_the_caller_cannot_see_is_403(api, demo, tokens):
    hidden = create(api, demo, name="unseen", visibility="private")
    alt = tokens.headers("alt_demo")
    response = api.get(f"{IMAGES}?marker={hidden['id']}", headers={**alt, **JSON})
    assert response.status_code == 403
    assert response.json()["message"] == glance_message(
        f"Forbidding request, image {hidden['id']} not visible"
    )
    missing = str(uuid.uuid4())
    assert refused(api, alt, f"marker={missing}") == glance_message(
        f"No image found with ID {missing}"
    )
