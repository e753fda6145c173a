"""The in-process task bus."""

from __future__ import annotations

import threading

import pytest

from pocketstack.bus import NoSuchTarget
from pocketstack.bus.inprocess import InProcessBus


class Manager:
    def __init__(self) -> None:
        self.seen: list = []
        self.done = threading.Event()

    def create(self, volume_id: str, size: int) -> None:
        self.seen.append((volume_id, size))
        self.done.set()

    def add(self, a: int, b: int) -> int:
        return a + b


@pytest.fixture
def bus():
    bus = InProcessBus(workers=2)
    yield bus
    bus.stop()


def test_cast_runs_on_a_worker(bus):
    manager = Manager()
    bus.serve("volume", manager)
    bus.cast("volume", "create", volume_id="v1", size=1)
    assert manager.done.wait(5)
    assert manager.seen == [("v1", 1)]


def test_call_returns_the_answer(bus):
    bus.serve("volume", Manager())
    assert bus.call("volume", "add", a=2, b=3) == 5


def test_arguments_must_survive_json(bus):
    bus.serve("volume", Manager())
    with pytest.raises(TypeError):
        bus.cast("volume", "create", volume_id=object(), size=1)


def test_unknown_target(bus):
    with pytest.raises(NoSuchTarget):
        bus.cast("volume.host@nowhere", "create")


def test_periodic_task_runs_until_stopped():
    bus = InProcessBus()
    ran = threading.Event()
    bus.every(0.01, "tick", ran.set)
    bus.start()
    assert ran.wait(5)
    bus.stop()
