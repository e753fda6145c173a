"""What Cinder makes of the details of volume requests through HTTP: query
parameters of lists and deletes, and the bodies of creates and updates."""

from __future__ import annotations

import pytest

from tests.api.block_storage import V3, VOLUMES, create_volume, fault, mv, set_status


@pytest.mark.parametrize(("query", "version"), [("cascade=bogus", "3.0"), ("force=bogus", "3.23")])
def test_delete_refuses_a_flag_that_is_not_a_boolean_before_the_lookup(api, demo, query, version):
    missing = "00000000-0000-0000-0000-000000000000"
    response = api.delete(f"{VOLUMES}/{missing}?{query}", headers=mv(demo, version))
    assert response.status_code == 400
    name = query.split("=")[0]
    assert fault(response) == f"Value 'bogus' for '{name}' is not a boolean."


def test_delete_before_3_23_ignores_force(api, demo):
    volume = create_volume(api, demo)
    response = api.delete(f"{VOLUMES}/{volume['id']}?force=bogus", headers=mv(demo, "3.22"))
    assert response.status_code == 202


def create(api, headers, version: str = "3.0", **fields):
    return api.post(VOLUMES, json={"volume": fields}, headers=mv(headers, version))


def test_from_3_53_a_create_refuses_keys_it_does_not_know(api, demo):
    assert create(api, demo, "3.52", size=1, bogus="x").status_code == 202
    refused = create(api, demo, "3.53", size=1, bogus="x")
    assert refused.status_code == 400
    assert fault(refused) == (
        "Invalid input for field/attribute volume. Value: {'size': 1, 'bogus': 'x'}. "
        "Additional properties are not allowed ('bogus' was unexpected)"
    )


def test_from_3_53_an_update_must_name_something_to_change(api, demo):
    volume = create_volume(api, demo)
    path = f"{VOLUMES}/{volume['id']}"
    assert api.put(path, json={"volume": {}}, headers=mv(demo, "3.52")).status_code == 200
    refused = api.put(path, json={"volume": {}}, headers=mv(demo, "3.53"))
    assert refused.status_code == 400
    assert fault(refused) == (
        "Invalid input for field/attribute volume. Value: {}. "
        "{} is not valid under any of the given schemas"
    )


@pytest.mark.parametrize("size", [1.0, 1e2])
def test_a_size_given_as_a_json_float_is_refused(api, demo, size):
    refused = create(api, demo, size=size)
    assert refused.status_code == 400
    assert fault(refused) == (
        f"Invalid input for field/attribute size. Value: {size!r}. "
        f"{size!r} is not of type 'integer', 'string', 'null'"
    )


def test_names_and_descriptions_are_stripped_then_measured(api, demo):
    made = create(api, demo, size=1, name="  spaced  ", description="\tdescribed\n")
    assert made.status_code == 202
    assert (made.json()["volume"]["name"], made.json()["volume"]["description"]) == (
        "spaced",
        "described",
    )
    assert create(api, demo, size=1, name=" " + "n" * 255 + " ").status_code == 202
    too_long = create(api, demo, size=1, display_name="n" * 256)
    assert too_long.status_code == 400
    assert fault(too_long) == "Invalid input received: name has 256 characters, more than 255."
    volume = made.json()["volume"]
    path = f"{VOLUMES}/{volume['id']}"
    updated = api.put(path, json={"volume": {"name": " renamed "}}, headers=demo)
    assert updated.json()["volume"]["name"] == "renamed"
    long_text = api.put(path, json={"volume": {"description": "d" * 256}}, headers=demo)
    assert fault(long_text) == (
        "Invalid input received: description has 256 characters, more than 255."
    )


def test_snapshot_names_are_stripped(api, demo):
    volume = create_volume(api, demo)
    body = {"snapshot": {"volume_id": volume["id"], "name": " snap ", "description": " d "}}
    made = api.post("/volume/v3/snapshots", json=body, headers=demo)
    assert made.status_code == 202
    snapshot = made.json()["snapshot"]
    assert (snapshot["name"], snapshot["description"]) == ("snap", "d")
    path = f"/volume/v3/snapshots/{snapshot['id']}"
    updated = api.put(path, json={"snapshot": {"display_name": " again "}}, headers=demo)
    assert updated.json()["snapshot"]["name"] == "again"


def listed(api, headers, query: str, version: str):
    return api.get(f"{VOLUMES}?{query}", headers=mv(headers, version))


def test_unknown_filters_are_dropped_before_3_33_and_refused_from_it(api, tokens):
    alt = tokens.headers("alt_demo")
    volume = create_volume(api, alt)
    dropped = listed(api, alt, "bogus=1", "3.32")
    assert dropped.status_code == 200
    assert volume["id"] in [v["id"] for v in dropped.json()["volumes"]]
    refused = listed(api, alt, "bogus=1", "3.33")
    assert refused.status_code == 400
    assert fault(refused) == "Invalid filters bogus are found in query options."


def test_bootable_is_truthy_before_3_2_and_strict_from_it(api, demo):
    volume = create_volume(api, demo)
    assert listed(api, demo, "bootable=maybe", "3.1").status_code == 200
    falsy = listed(api, demo, "bootable=FALSE", "3.1").json()["volumes"]
    assert volume["id"] in [v["id"] for v in falsy]
    refused = listed(api, demo, "bootable=maybe", "3.2")
    assert refused.status_code == 400
    assert fault(refused) == "Invalid input received: 'bootable = maybe'"
    strict = listed(api, demo, "bootable=off", "3.2").json()["volumes"]
    assert volume["id"] in [v["id"] for v in strict]


def test_time_filters_name_the_operator_or_time_they_cannot_read(api, demo):
    operator = listed(api, demo, "created_at=bogus", "3.60")
    assert operator.status_code == 400
    assert fault(operator) == "Invalid bogus operator"
    assert fault(listed(api, demo, "created_at=gt:never", "3.60")) == "Invalid never value"
    assert listed(api, demo, "created_at=bogus", "3.32").status_code == 200


def test_a_missing_consistency_group_is_404(api, demo):
    missing = "11111111-2222-3333-4444-555555555555"
    refused = create(api, demo, size=1, consistencygroup_id=missing)
    assert refused.status_code == 404
    assert fault(refused) == f"Group {missing} could not be found."


def test_missing_things_are_named_as_cinder_names_them(api, demo, admin):
    volume = create_volume(api, demo)
    missing_key = api.get(f"{VOLUMES}/{volume['id']}/metadata/nokey", headers=demo)
    assert (missing_key.status_code, fault(missing_key)) == (
        404,
        f"Volume {volume['id']} has no metadata with key nokey.",
    )
    missing = "11111111-2222-3333-4444-555555555555"
    no_type = create(api, demo, size=1, volume_type=missing)
    assert (no_type.status_code, fault(no_type)) == (
        404,
        f"Volume type {missing} could not be found.",
    )
    body = {"group": {"group_type": missing, "volume_types": [volume["volume_type_id"]]}}
    no_group_type = api.post(f"{V3}/groups", json=body, headers=mv(admin, "3.13"))
    assert (no_group_type.status_code, fault(no_group_type)) == (
        404,
        f"Group type {missing} could not be found.",
    )


def test_sources_in_the_wrong_status_are_refused_in_cinders_words(api, cloud, demo):
    volume = create_volume(api, demo)
    set_status(cloud, volume["id"], "error")
    clone = create(api, demo, size=1, source_volid=volume["id"])
    assert (clone.status_code, fault(clone)) == (
        400,
        "Invalid volume: Originating source volume status must be one of "
        "'available, in-use' values",
    )
    body = {"snapshot": {"volume_id": volume["id"], "force": True}}
    snapshot = api.post(f"{V3}/snapshots", json=body, headers=demo)
    assert (snapshot.status_code, fault(snapshot)) == (
        400,
        "Invalid volume: The snapshot cannot be created when the volume is in error status.",
    )
