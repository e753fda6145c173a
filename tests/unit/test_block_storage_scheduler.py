"""The scheduler's filters and weigher, without a database."""

from __future__ import annotations

from pocketstack.block_storage.backends import Backend, Backends
from pocketstack.block_storage.scheduler import RequestSpec, passes


def backend(name: str, zone: str = "nova") -> Backend:
    return Backend(name, "host", "file", None, zone, 100)  # type: ignore[arg-type]


def spec(**fields) -> RequestSpec:
    return RequestSpec(**{"size": 1, "availability_zone": "nova", "extra_specs": {}, **fields})


def test_each_filter_drops_what_cannot_take_the_volume():
    assert passes(backend("a"), spec(), free_gib=10)
    assert not passes(backend("a", zone="other"), spec(), free_gib=10)
    assert not passes(backend("a"), spec(size=11), free_gib=10)
    assert passes(backend("a"), spec(size=10), free_gib=10)
    assert not passes(backend("a"), spec(extra_specs={"volume_backend_name": "b"}), free_gib=10)
    assert passes(backend("b"), spec(extra_specs={"volume_backend_name": "b"}), free_gib=10)
    assert not passes(backend("a"), spec(backend="b"), free_gib=10)


def test_names_follow_cinders_host_at_backend_hash_pool():
    b = Backend("lvm", "node1", "file", None, "nova", 100)  # type: ignore[arg-type]
    assert (b.service_host, b.pool) == ("node1@lvm", "node1@lvm#lvm")
    assert b.bus_target == "block_storage.volume.lvm"
    backends = Backends([b])
    assert backends.for_host("node1@lvm#lvm") is b and backends.for_host("node1@lvm") is b
    assert backends.for_host(None) is None and backends.for_host("node1@other#x") is None
