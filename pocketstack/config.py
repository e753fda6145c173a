"""Settings: one file (TOML or INI) plus ``POCKETSTACK_*`` environment overrides.

Every setting has a working default, so ``pocketstack up`` needs no file at all.
An override names its section and key with a double underscore between them:
``POCKETSTACK_DATABASE__CONNECTION=postgresql+psycopg://localhost/ps_{service}``.

The loader is a few dataclasses rather than a settings library because start-up
time and idle memory are targets of the project (see docs/architecture.md).
"""

from __future__ import annotations

import configparser
import dataclasses
import os
import tomllib
import typing
from pathlib import Path

import platformdirs

ENV_PREFIX = "POCKETSTACK_"


@dataclasses.dataclass
class ServerSettings:
    host: str = "127.0.0.1"
    port: int = 8770
    # The URL clients reach us at; empty means http://host:port.
    public_url: str = ""


@dataclasses.dataclass
class DatabaseSettings:
    # One database per service keeps every service separately deployable;
    # {service} and {data_dir} are filled in per service.
    connection: str = "sqlite:///{data_dir}/{service}.sqlite"


@dataclasses.dataclass
class ApiSettings:
    # oslo.middleware's sizelimit default, which Keystone and Nova use.
    max_request_body_size: int = 114688
    # Fail any request that finished without a policy check (used by tests).
    enforce_policy_checks: bool = False


@dataclasses.dataclass
class IdentitySettings:
    region: str = "RegionOne"
    token_expiration: int = 3600
    # Seconds past its expiry that a token still validates for a service
    # asking with allow_expired (Keystone's [token] allow_expired_window).
    allow_expired_window: int = 172800
    # Fernet key repository size, as keystone-manage fernet_rotate keeps it.
    max_active_keys: int = 3
    # argon2id cost (RFC 9106's second recommended option: t=3, 64 MiB, p=4),
    # no weaker than Keystone's bcrypt at cost 12.
    password_hash_time_cost: int = 3
    password_hash_memory_kib: int = 65536
    password_hash_parallelism: int = 4
    # Seconds a validated token's answer may be served from memory before it
    # is computed again; any identity write clears the cache at once.
    token_cache_seconds: int = 300
    admin_password: str = ""
    # Days a new password lasts before it must be changed; 0 for ever
    # (Keystone's [security_compliance] password_expires_days).
    password_expires_days: int = 0
    # Projects a branch may hold below its domain, the new one included
    # (Keystone's [DEFAULT] max_project_tree_depth).
    max_project_tree_depth: int = 5


@dataclasses.dataclass
class ServicesSettings:
    # Which services this process serves, comma-separated, or "all".
    # Identity is always served: every other service needs it.
    enabled: str = "all"

    def serves(self, service: str) -> bool:
        names = {n.strip() for n in self.enabled.split(",")}
        return "all" in names or service in names


@dataclasses.dataclass
class ImageSettings:
    # Glance's multi-store configuration: "<store id>:<type>" pairs; every
    # store keeps its data under DATA_DIR/images/<store id>.
    enabled_backends: str = "fast:file,cheap:file"
    default_backend: str = "fast"
    enabled_import_methods: str = "glance-direct,web-download,copy-image"
    # web-download fetches a URL on a tenant's behalf: only hosts listed here
    # (comma-separated), with these schemes and ports, may be fetched. The
    # empty default allows none, because an open fetcher is an SSRF hole.
    web_download_allowed_hosts: str = ""
    web_download_allowed_schemes: str = "http,https"
    web_download_allowed_ports: str = "80,443"
    # Glance's defaults: the largest image (1 TiB) and per-image limits.
    image_size_cap: int = 1099511627776
    image_member_quota: int = 128
    image_property_quota: int = 128
    image_tag_quota: int = 128
    image_location_quota: int = 10
    # Per-project limits Glance reads from Keystone's unified limits; -1 is
    # unlimited. Sizes are in MiB, as Glance counts them.
    image_count_total: int = -1
    image_size_total: int = -1
    image_stage_total: int = -1
    image_count_uploading: int = -1
    # Register a small bootable image on first start (see image/bootstrap.py).
    bootstrap_image: bool = True


@dataclasses.dataclass
class BlockStorageSettings:
    # The name this process's volume services report as their host, as
    # Cinder's ``host`` option; a backend's full name is host@backend#pool.
    host: str = "pocketstack"
    # Backends as "<name>:<driver>" pairs, comma-separated (Cinder's
    # enabled_backends); each name is also its volume_backend_name. The file
    # driver keeps each volume as a sparse file under DATA_DIR/volumes/<name>.
    enabled_backends: str = "file-1:file"
    # Capacity each backend reports to the scheduler, in GiB.
    backend_capacity_gib: int = 1000
    # Availability zones: the one backends are in, the one a volume gets when
    # it names none, and whether an unknown zone falls back to that default
    # instead of being refused (Cinder's allow_availability_zone_fallback).
    storage_availability_zone: str = "nova"
    default_availability_zone: str = ""
    allow_availability_zone_fallback: bool = False
    # Whether os-volume_upload_image may take force=true to upload an in-use
    # volume (Cinder's enable_force_upload); when false, force is ignored.
    enable_force_upload: bool = False
    # The type a volume gets when it names none and no default is set.
    default_volume_type: str = "__DEFAULT__"
    # Per-project defaults of os-quota-sets; -1 is unlimited.
    quota_volumes: int = 10
    quota_snapshots: int = 10
    quota_gigabytes: int = 1000
    quota_backups: int = 10
    quota_backup_gigabytes: int = 1000
    quota_groups: int = 10
    quota_per_volume_gigabytes: int = -1


@dataclasses.dataclass
class PolicySettings:
    # A YAML or JSON file of rule overrides; relative to the data dir.
    file: str = "policy.yaml"


@dataclasses.dataclass
class Settings:
    data_dir: Path = dataclasses.field(
        default_factory=lambda: Path(platformdirs.user_data_dir("pocketstack"))
    )
    server: ServerSettings = dataclasses.field(default_factory=ServerSettings)
    database: DatabaseSettings = dataclasses.field(default_factory=DatabaseSettings)
    api: ApiSettings = dataclasses.field(default_factory=ApiSettings)
    identity: IdentitySettings = dataclasses.field(default_factory=IdentitySettings)
    image: ImageSettings = dataclasses.field(default_factory=ImageSettings)
    block_storage: BlockStorageSettings = dataclasses.field(default_factory=BlockStorageSettings)
    policy: PolicySettings = dataclasses.field(default_factory=PolicySettings)
    services: ServicesSettings = dataclasses.field(default_factory=ServicesSettings)

    @property
    def public_url(self) -> str:
        if self.server.public_url:
            return self.server.public_url.rstrip("/")
        return f"http://{self.server.host}:{self.server.port}"

    def database_url(self, service: str) -> str:
        return self.database.connection.format(service=service, data_dir=self.data_dir.as_posix())


class SettingsError(ValueError):
    """A setting that cannot be used, named so the operator can fix it."""


def load(
    config_file: Path | None = None,
    environ: typing.Mapping[str, str] | None = None,
    **overrides: typing.Any,
) -> Settings:
    """Build settings from defaults, then the file, then the environment.

    ``overrides`` are ``section__key`` pairs from the command line; they win.
    """
    environ = os.environ if environ is None else environ
    values: dict[str, dict[str, typing.Any]] = {}
    if config_file is not None:
        values = _read_file(Path(config_file))
    for name, raw in environ.items():
        if name.startswith(ENV_PREFIX) and "__" in name:
            section, key = name[len(ENV_PREFIX) :].lower().split("__", 1)
            values.setdefault(section, {})[key] = raw
        elif name == ENV_PREFIX + "DATA_DIR":
            values.setdefault("", {})["data_dir"] = raw
    for dotted, value in overrides.items():
        if value is None:
            continue
        section, _, key = dotted.rpartition("__")
        values.setdefault(section, {})[key] = value
    return _build(values)


def _read_file(path: Path) -> dict[str, dict[str, typing.Any]]:
    if not path.exists():
        raise SettingsError(f"configuration file {path} does not exist")
    if path.suffix == ".toml":
        with path.open("rb") as f:
            data = tomllib.load(f)
        top = {k: v for k, v in data.items() if not isinstance(v, dict)}
        sections = {k: v for k, v in data.items() if isinstance(v, dict)}
        return {"": top, **sections} if top else sections
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(path)
    sections = {name: dict(parser[name]) for name in parser.sections()}
    if parser.defaults():
        sections[""] = dict(parser.defaults())
    return sections


def _build(values: dict[str, dict[str, typing.Any]]) -> Settings:
    settings = Settings()
    for section, items in values.items():
        target: typing.Any = settings
        if section:
            target = getattr(settings, section, None)
            if target is None or not dataclasses.is_dataclass(target):
                raise SettingsError(f"unknown configuration section [{section}]")
        hints = typing.get_type_hints(type(target))
        for key, raw in items.items():
            if key not in hints:
                where = f"[{section}]" if section else "the top level"
                raise SettingsError(f"unknown setting {key!r} in {where}")
            setattr(target, key, _coerce(hints[key], raw, key))
    settings.data_dir = Path(settings.data_dir).expanduser().absolute()
    return settings


def _coerce(kind: typing.Any, raw: typing.Any, key: str) -> typing.Any:
    if kind is bool:
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in ("1", "true", "yes", "on"):
            return True
        if text in ("0", "false", "no", "off"):
            return False
        raise SettingsError(f"setting {key!r} wants true or false, not {raw!r}")
    if kind is int:
        try:
            return int(raw)
        except (TypeError, ValueError):
            raise SettingsError(f"setting {key!r} wants a whole number, not {raw!r}") from None
    if kind is Path:
        return Path(raw)
    return str(raw)
