"""What Cinder makes of the details of volume requests through HTTP: query
parameters of lists and deletes, and the bodies of creates and updates."""

from __future__ import annotations

import pytest

from tests.api.block_storage import VOLUMES, create_volume, fault, mv


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
