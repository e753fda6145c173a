"""The volume image metadata actions through HTTP: a volume made from an
image shows the image's properties, which can be added to, read and
removed (os-set/os-show/os-unset_image_metadata)."""

from __future__ import annotations

from tests.api.block_storage import VOLUMES, action, create_volume, fault, set_status
from tests.api.test_image_images import create as create_image
from tests.api.test_image_images import upload


def test_image_metadata_actions_on_a_volume_from_an_image(api, cloud, demo):
    image = create_image(api, demo, name="with-properties", min_disk=1)
    upload(api, demo, image["id"], b"data")
    volume = create_volume(api, demo, imageRef=image["id"])
    vid = volume["id"]
    assert volume["volume_image_metadata"]["image_id"] == image["id"]
    added = action(api, demo, vid, {"os-set_image_metadata": {"metadata": {"purpose": "test"}}})
    assert added.status_code == 200, added.text
    assert added.json()["metadata"]["purpose"] == "test"
    assert added.json()["metadata"]["image_id"] == image["id"]
    shown = action(api, demo, vid, {"os-show_image_metadata": None})
    assert shown.status_code == 200 and shown.json()["metadata"] == added.json()["metadata"]
    detail = api.get(f"{VOLUMES}/{vid}", headers=demo).json()["volume"]
    assert detail["volume_image_metadata"]["purpose"] == "test"
    removed = action(api, demo, vid, {"os-unset_image_metadata": {"key": "purpose"}})
    assert removed.status_code == 200
    shown = action(api, demo, vid, {"os-show_image_metadata": {}}).json()["metadata"]
    assert "purpose" not in shown and shown["image_id"] == image["id"]
    missing = action(api, demo, vid, {"os-unset_image_metadata": {"key": "purpose"}})
    assert missing.status_code == 404
    assert fault(missing) == f"Glance metadata for volume/snapshot {vid} cannot be found."
    set_status(cloud, vid, "uploading")
    frozen = action(api, demo, vid, {"os-set_image_metadata": {"metadata": {"k": "v"}}})
    assert fault(frozen) == (
        "Invalid volume: Updating volume metadata is not allowed for volumes in uploading status."
    )
    set_status(cloud, vid, "available")


def test_a_plain_volume_starts_with_no_image_metadata(api, demo, tokens):
    volume = create_volume(api, demo)
    shown = action(api, demo, volume["id"], {"os-show_image_metadata": None})
    assert shown.json() == {"metadata": {}}
    other = action(
        api,
        tokens.headers("alt_demo"),
        volume["id"],
        {"os-set_image_metadata": {"metadata": {"k": "v"}}},
    )
    assert other.status_code == 404
