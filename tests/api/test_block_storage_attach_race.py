"""Many clients attaching, detaching and deleting the same few volumes at
once, through the real HTTP server: the compare-and-swaps must keep every
volume consistent.

- a plain (non-multiattach) volume never has two attachments;
- a volume is never deleted while attached (no attachment a client made and
  did not remove ever disappears);
- at the end no volume is left in a transitional status: each one's status
  is what its attachments say.

And the openstacksdk race of shared/seeds/000: once a detach has completed,
a repeated delete of a volume already ``deleting`` answers 202.
"""

from __future__ import annotations

import random
import threading
import uuid

import requests
import sqlalchemy as sa

from pocketstack.block_storage import models
from pocketstack.block_storage.drivers.file import FileDriver
from pocketstack.block_storage.objects import attachment as attachments
from tests.api.block_storage import (
    VOLUMES,
    create_volume,
    database,
    multiattach_type,
    mv,
    unlimited_cloud,  # noqa: F401 - the cloud fixture
    wait_gone,
    wait_status,
)

THREADS = 20
STEPS = 20
CONNECTOR = {"host": "compute-1", "mountpoint": "/dev/vdb"}


class Client:
    """One thread's HTTP client, and the attachments it made and still owns."""

    def __init__(self, base: str, auth: dict, seed: int) -> None:
        self.base = base
        self.session = requests.Session()
        self.session.headers.update(mv(auth))
        self.random = random.Random(seed)
        self.owned: dict[str, str] = {}  # attachment id → volume id
        self.deleted: set[str] = set()
        self.attached = 0  # attachments made, to show the race was run

    def call(self, method: str, path: str, body: dict | None = None) -> requests.Response:
        response = self.session.request(method, self.base + path, json=body, timeout=30)
        assert response.status_code < 500, response.text
        return response

    def attach_new_api(self, volume_id: str) -> None:
        body = {"attachment": {"volume_uuid": volume_id, "instance_uuid": str(uuid.uuid4())}}
        response = self.call("POST", "/attachments", body)
        if response.status_code != 200:
            return
        attachment_id = response.json()["attachment"]["id"]
        self.owned[attachment_id] = volume_id
        self.attached += 1
        self.call("PUT", f"/attachments/{attachment_id}", {"attachment": {"connector": CONNECTOR}})
        self.call("POST", f"/attachments/{attachment_id}/action", {"os-complete": {}})

    def attach_old_api(self, volume_id: str) -> None:
        if (
            self.call("POST", f"/volumes/{volume_id}/action", {"os-reserve": None}).status_code
            != 202
        ):
            return
        server = str(uuid.uuid4())
        body = {"os-attach": {"instance_uuid": server, "mountpoint": "/dev/vdc"}}
        if self.call("POST", f"/volumes/{volume_id}/action", body).status_code != 202:
            self.call("POST", f"/volumes/{volume_id}/action", {"os-unreserve": None})
            return
        found = self.call("GET", f"/attachments?instance_id={server}").json()["attachments"]
        self.owned[found[0]["id"]] = volume_id
        self.attached += 1

    def detach_one(self, volume_id: str) -> None:
        """Remove one of this client's attachments, of this volume if it has one."""
        if not self.owned:
            return
        mine = sorted(a for a, v in self.owned.items() if v == volume_id) or sorted(self.owned)
        attachment_id = self.random.choice(mine)
        volume_id = self.owned.pop(attachment_id)
        if self.random.random() < 0.5:
            response = self.call("DELETE", f"/attachments/{attachment_id}")
            assert response.status_code == 200, response.text
        else:
            body = {"os-detach": {"attachment_id": attachment_id}}
            response = self.call("POST", f"/volumes/{volume_id}/action", body)
            assert response.status_code == 202, response.text

    def delete(self, volume_id: str) -> None:
        if self.call("DELETE", f"/volumes/{volume_id}").status_code == 202:
            self.deleted.add(volume_id)

    def run(self, volume_ids: list[str]) -> None:
        for _ in range(STEPS):
            volume_id = self.random.choice(volume_ids)
            step = self.random.choice(
                [self.attach_new_api, self.attach_old_api, self.detach_one, self.detach_one]
                + ([self.delete] if self.random.random() < 0.1 else [])
            )
            step(volume_id)


def plain_volumes_with_two_attachments(cloud, plain: set[str]) -> list[str]:
    with database(cloud).reader() as session:
        rows = session.execute(
            sa.select(models.VolumeAttachment.volume_id, sa.func.count())
            .group_by(models.VolumeAttachment.volume_id)
            .having(sa.func.count() > 1)
        ).all()
    return [volume_id for volume_id, _ in rows if volume_id in plain]


def test_racing_attach_detach_delete_keeps_volumes_consistent(api, cloud, demo):
    plain = [create_volume(api, demo)["id"] for _ in range(4)]
    shared = [create_volume(api, demo, volume_type=multiattach_type(cloud))["id"] for _ in range(2)]
    base = f"http://127.0.0.1:{cloud.settings.server.port}/volume/v3"
    clients = [Client(base, demo, seed) for seed in range(THREADS)]
    failures: list[BaseException] = []
    violations: list[str] = []
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set():
            violations.extend(plain_volumes_with_two_attachments(cloud, set(plain)))

    def run(client: Client) -> None:
        try:
            client.run(plain + shared)
        except BaseException as error:  # noqa: BLE001 - reported by the test thread
            failures.append(error)

    watcher = threading.Thread(target=watch)
    watcher.start()
    threads = [threading.Thread(target=run, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    stop.set()
    watcher.join()
    cloud.plumbing.bus.drain()
    assert not failures, failures[0]
    assert sum(c.attached for c in clients) >= THREADS // 4, "the clients barely attached"
    assert not violations, violations

    owned = {a: v for c in clients for a, v in c.owned.items()}
    deleted = {v for c in clients for v in c.deleted}
    with database(cloud).reader() as session:
        existing = set(session.scalars(sa.select(models.VolumeAttachment.id)))
        assert set(owned) <= existing, "an attachment vanished: its volume was deleted"
        assert not deleted & set(owned.values())
        for volume_id in set(plain + shared) - deleted:
            volume = session.get(models.Volume, volume_id)
            status, attach_status = attachments.statuses_left(session, volume_id)
            assert (volume.status, volume.attach_status) == (status, attach_status), volume_id
    for volume_id in deleted:
        wait_gone(api, demo, f"{VOLUMES}/{volume_id}")


def test_repeated_delete_after_detach_is_accepted(api, demo, monkeypatch):
    """openstacksdk's volume-attachment race (shared/seeds/000): the detach
    completes, the volume is deleted, and the delete is sent again while the
    first is still under way (the driver held back): both answer 202."""
    release = threading.Event()
    remove_file = FileDriver.delete

    def held_delete(driver: FileDriver, volume_id: str) -> None:
        release.wait(20)
        remove_file(driver, volume_id)

    volume = create_volume(api, demo)
    body = {"attachment": {"volume_uuid": volume["id"], "instance_uuid": str(uuid.uuid4())}}
    created = api.post("/volume/v3/attachments", json=body, headers=mv(demo))
    attachment_id = created.json()["attachment"]["id"]
    api.post(
        f"/volume/v3/attachments/{attachment_id}/action",
        json={"os-complete": {}},
        headers=mv(demo),
    )
    wait_status(api, demo, volume["id"], "in-use")
    path = f"/volume/v3/volumes/{volume['id']}"
    assert api.delete(path, headers=mv(demo)).status_code == 400
    detached = api.delete(f"/volume/v3/attachments/{attachment_id}", headers=mv(demo))
    assert detached.status_code == 200
    monkeypatch.setattr(FileDriver, "delete", held_delete)
    try:
        assert api.delete(path, headers=mv(demo)).status_code == 202
        assert wait_status(api, demo, volume["id"], "deleting")
        assert api.delete(path, headers=mv(demo)).status_code == 202
    finally:
        release.set()
    wait_gone(api, demo, f"{VOLUMES}/{volume['id']}")
