"""Microversion negotiation."""

from __future__ import annotations

import pytest
from starlette.datastructures import Headers

from pocketstack.api import errors
from pocketstack.api.microversion import Microversions, Version, Versioned

VOLUME = Microversions("volume", ["3.0", "3.1", "3.2"])
COMPUTE = Microversions("compute", ["2.1", "2.2"], legacy_header="X-OpenStack-Nova-API-Version")


def negotiate(spec: Microversions, **headers: str) -> Version:
    return spec.negotiate(Headers(headers))


def test_no_header_is_the_minimum():
    assert negotiate(VOLUME) == Version(3, 0)


def test_latest_is_the_maximum():
    assert negotiate(VOLUME, **{"OpenStack-API-Version": "volume latest"}) == Version(3, 2)


def test_header_for_another_service_is_ignored():
    assert negotiate(VOLUME, **{"OpenStack-API-Version": "compute 2.5"}) == Version(3, 0)


def test_legacy_header():
    assert negotiate(COMPUTE, **{"X-OpenStack-Nova-API-Version": "2.2"}) == Version(2, 2)


def test_out_of_range_is_406_with_the_window():
    with pytest.raises(errors.NotAcceptable) as refused:
        negotiate(VOLUME, **{"OpenStack-API-Version": "volume 3.9"})
    assert refused.value.message == (
        "Version 3.9 is not supported by the API. Minimum is 3.0 and maximum is 3.2."
    )


def test_malformed_is_400():
    with pytest.raises(errors.BadRequest):
        negotiate(VOLUME, **{"OpenStack-API-Version": "volume three"})


def test_response_headers_name_the_version_and_vary():
    assert COMPUTE.response_headers(Version(2, 2)) == {
        "OpenStack-API-Version": "compute 2.2",
        "X-OpenStack-Nova-API-Version": "2.2",
        "Vary": "OpenStack-API-Version, X-OpenStack-Nova-API-Version",
    }


def test_versioned_picks_by_range():
    schemas = Versioned([("3.0", "3.1", "old"), ("3.2", None, "new")])
    assert schemas.for_version(Version(3, 1)) == "old"
    assert schemas.for_version(Version(3, 2)) == "new"


def test_version_order_is_numeric():
    assert Version.parse("2.10") > Version.parse("2.9")
