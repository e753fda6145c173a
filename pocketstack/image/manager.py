"""The image manager: import tasks cast on the bus, and recovery at start.

``run_import`` carries out an api_image_import task: glance-direct moves the
staged data into each target store, web-download fetches an allowed URL,
copy-image copies an active image's data to more stores. Every failure puts
the image back where Glance puts it (queued, with ``os_glance_failed_import``
naming the stores) and marks the task failed with a message.
"""

from __future__ import annotations

import contextlib
import logging
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator

from pocketstack.db import Database
from pocketstack.image import models
from pocketstack.image.objects import data
from pocketstack.image.objects import image as images
from pocketstack.image.objects import task as tasks
from pocketstack.image.objects.inspection import DataRefused, FormatCheck
from pocketstack.image.stores import Stores
from pocketstack.image.stores.file import Written
from pocketstack.transitions import TransitionRefused

LOG = logging.getLogger(__name__)
FETCH_BLOCK = 1 << 20


class ImageManager:
    def __init__(
        self,
        database: Database,
        stores: Stores,
        size_cap: int,
        uri_allowed: Callable[[str], bool],
    ) -> None:
        self.database = database
        self.stores = stores
        self.size_cap = size_cap
        self.uri_allowed = uri_allowed

    def run_import(self, task_id: str) -> None:
        with self.database.transaction() as session:
            task = session.get(models.Task, task_id)
            tasks.move(session, "start", task_id)
            method = task.input["import_req"]["method"]
            image_id, targets = task.image_id, list(task.input["backend"])
        try:
            for store_id in targets:
                self._import_to(image_id, method, store_id)
                self._done_with(image_id, store_id)
        except Exception as error:  # noqa: BLE001 - any failure fails the task
            LOG.warning("import task %s failed: %s", task_id, error)
            self._fail(task_id, image_id, targets, str(error))
            return
        with self.database.transaction() as session:
            tasks.move(session, "succeed", task_id, result={"image_id": image_id})
            self._unlock(session, image_id)
        if method["name"] == "glance-direct":
            self.stores.staging.delete(self.stores.staging.url_for(image_id))

    def reconcile(self) -> None:
        """After a crash: uploads and imports that were under way cannot go on,
        so their images go back to queued and half-written data goes away."""
        for store in (*self.stores.stores.values(), self.stores.staging):
            store.discard_partials()
        with self.database.transaction() as session:
            stuck = session.scalars(
                images.sa.select(models.Image.id).where(
                    models.Image.deleted.is_(False),
                    models.Image.status.in_(("saving", "importing")),
                )
            ).all()
            for image_id in stuck:
                images.move(session, "restore", image_id)
                self._unlock(session, image_id)
            pending = session.scalars(
                images.sa.select(models.Task.id).where(
                    models.Task.status.in_(("pending", "processing"))
                )
            ).all()
            for task_id in pending:
                tasks.move(
                    session,
                    "fail",
                    task_id,
                    message="The service restarted before the task finished.",
                )
        LOG.info("reconciled %d interrupted image(s)", len(stuck))

    def _import_to(self, image_id: str, method: dict, store_id: str) -> None:
        store = self.stores.get(store_id)
        with self.database.reader() as session:
            image = images.find(session, image_id)
        if image is None:
            raise LookupError(f"image {image_id} was deleted before the import")
        # The data is checked against the image's disk_format, as an upload is.
        source = self._source(image_id, method)
        check = FormatCheck(image.disk_format, image.container_format, source)
        written = store.write(image_id, check, self.size_cap)
        try:
            virtual_size = check.virtual_size()
        except DataRefused:
            store.delete(written.url)
            raise
        with self.database.transaction() as session:
            image = images.find(session, image_id)
            if image is None:
                store.delete(written.url)
                raise LookupError(f"image {image_id} was deleted during the import")
            if image.status == "active":
                _check_same(image, written)
                data.add_location(session, image_id, written.url, store_id)
            else:
                data.activate(session, image_id, written, store_id, virtual_size)

    def _source(self, image_id: str, method: dict) -> Iterator[bytes]:
        name = method["name"]
        if name == "glance-direct":
            return self.stores.staging.read(self.stores.staging.url_for(image_id))
        if name == "web-download":
            return _fetch(method["uri"], self.uri_allowed)
        with self.database.reader() as session:
            sources = [
                (self.stores.for_url(loc.url), loc.url)
                for loc in images.locations_of(session, image_id)
            ]
        store, url = next((s, u) for s, u in sources if s is not None)
        return store.read(url)

    def _done_with(self, image_id: str, store_id: str) -> None:
        with self.database.transaction() as session:
            properties = images.properties_of(session, image_id)
            left = [
                s
                for s in properties.get("os_glance_importing_to_stores", "").split(",")
                if s and s != store_id
            ]
            properties["os_glance_importing_to_stores"] = ",".join(left)
            images.set_properties(session, image_id, properties)

    def _fail(self, task_id: str, image_id: str, targets: list[str], message: str) -> None:
        with self.database.transaction() as session:
            tasks.move(session, "fail", task_id, message=message)
            properties = images.properties_of(session, image_id)
            properties["os_glance_failed_import"] = ",".join(targets)
            properties["os_glance_importing_to_stores"] = ""
            images.set_properties(session, image_id, properties)
            self._unlock(session, image_id)
            # copy-image leaves an active image active: nothing to restore.
            with contextlib.suppress(TransitionRefused):
                images.IMAGE.apply(
                    session, "restore", image_id, where=[models.Image.status == "importing"]
                )

    @staticmethod
    def _unlock(session, image_id: str) -> None:
        properties = images.properties_of(session, image_id)
        if properties.pop("os_glance_import_task", None) is not None:
            images.set_properties(session, image_id, properties)


def _check_same(image: models.Image, written: Written) -> None:
    if image.checksum and image.checksum != written.checksum:
        raise ValueError("the copied data does not match the image's checksum")


class RedirectRefused(urllib.error.URLError):
    """A web-download was redirected to a URI the allow-list does not admit."""


class _AllowedRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to a URI the web-download filter admits: the
    first URI passed it when the import was accepted, but a server it admits
    could otherwise send the fetch anywhere (an SSRF hole)."""

    def __init__(self, uri_allowed: Callable[[str], bool]) -> None:
        self.uri_allowed = uri_allowed

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001, ANN201
        if not self.uri_allowed(newurl):
            raise RedirectRefused(f"redirected to {newurl}, which is not an allowed URI")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _fetch(uri: str, uri_allowed: Callable[[str], bool]) -> Iterator[bytes]:
    opener = urllib.request.build_opener(_AllowedRedirects(uri_allowed))
    with opener.open(uri, timeout=60) as response:
        while block := response.read(FETCH_BLOCK):
            yield block
