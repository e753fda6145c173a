"""Glance's multi-store configuration: the stores images are kept in.

``[image] enabled_backends = "fast:file,cheap:file"`` names each store and its
type; ``default_backend`` is where uploads go unless the client asks for
another (``X-Image-Meta-Store``). Staged data (interoperable import) lives in
its own file store, as Glance's ``os_glance_staging_store`` does.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from pocketstack.config import ImageSettings
from pocketstack.image.stores.file import FileStore

TYPES = {"file": FileStore}


class UnknownStore(LookupError):
    """No store of that id is configured."""


@dataclasses.dataclass
class Stores:
    stores: dict[str, FileStore]
    default: str
    staging: FileStore

    @classmethod
    def configure(cls, settings: ImageSettings, data_dir: Path) -> Stores:
        root = data_dir / "images"
        stores: dict[str, FileStore] = {}
        for entry in settings.enabled_backends.split(","):
            name, _, kind = entry.strip().partition(":")
            if kind not in TYPES:
                raise ValueError(f"store {name!r} has unknown type {kind!r}")
            stores[name] = TYPES[kind](name, root / name)
        if settings.default_backend not in stores:
            raise ValueError(f"default_backend {settings.default_backend!r} is not enabled")
        staging = FileStore("os_glance_staging_store", root / "staging")
        return cls(stores, settings.default_backend, staging)

    def get(self, store_id: str) -> FileStore:
        try:
            return self.stores[store_id]
        except KeyError:
            raise UnknownStore(store_id) from None

    def for_url(self, url: str) -> FileStore | None:
        """The configured store that holds ``url``, if any."""
        for store in self.stores.values():
            if store.holds(url):
                return store
        return None
