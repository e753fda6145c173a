"""Policy: oslo.policy rule defaults in code, overridable by a file.

Each service builds one ``Policy`` from its ``policies`` package. The rule file
(``policy.yaml`` in the data dir unless configured) holds overrides for any
service; rules are named by service (``identity:``, ``os_compute_api:``...).
"""

from __future__ import annotations

import importlib
import logging
import os
import pkgutil
import threading
import typing
from collections.abc import Iterable, Mapping
from pathlib import Path

from oslo_config import cfg
from oslo_policy import policy as oslo_policy

from pocketstack.api import errors
from pocketstack.api.context import RequestContext

LOG = logging.getLogger(__name__)


class Policy:
    """The rules in force: the defaults, with the policy file's overrides.

    The file is read again when it changes, as oslo.policy would; but where
    oslo.policy searches for the file and walks every default on each check
    (half the time of a token validation), this stats the file once a check
    and rebuilds the enforcer only when the file's identity has changed.
    """

    def __init__(self, defaults: Iterable[oslo_policy.RuleDefault], policy_file: Path):
        self._defaults = list(defaults)
        self._policy_file = policy_file
        self._reload_lock = threading.Lock()
        self._file_state = _file_state(policy_file)
        self._enforcer = self._load()

    def _load(self) -> oslo_policy.Enforcer:
        conf = cfg.ConfigOpts()
        conf([], project="pocketstack", default_config_files=[], default_config_dirs=[])
        enforcer = oslo_policy.Enforcer(conf, policy_file=str(self._policy_file))
        enforcer.register_defaults(self._defaults)
        enforcer.load_rules()
        # From here on checks use these rules as they are (use_conf=False).
        enforcer.set_rules(enforcer.rules, use_conf=False)
        return enforcer

    def _current(self) -> oslo_policy.Enforcer:
        state = _file_state(self._policy_file)
        if state != self._file_state:
            with self._reload_lock:
                if state != self._file_state:
                    self._reload(state)
        return self._enforcer

    def _reload(self, state: tuple[int, ...] | None) -> None:
        try:
            self._enforcer = self._load()
        except Exception:  # a broken file must not take every request down with it
            LOG.exception("policy file %s not loaded; the rules before it stay", self._policy_file)
        self._file_state = state

    def check(
        self,
        rule: str,
        context: RequestContext,
        target: Mapping[str, typing.Any] | None = None,
    ) -> bool:
        """True if the rule allows the caller; raises nothing."""
        creds = context.policy_credentials()
        try:
            return bool(self._current().enforce(rule, _flatten(target or {}), creds))
        except oslo_policy.InvalidScope:
            return False

    def authorize(
        self,
        rule: str,
        context: RequestContext,
        target: Mapping[str, typing.Any] | None = None,
    ) -> None:
        """Raise 401 without a valid token, 403 when the rule says no."""
        context.policy_checked = True
        if not context.is_authenticated:
            raise errors.Unauthorized()
        if not self.check(rule, context, target):
            raise errors.Forbidden(
                f"You are not authorized to perform the requested action: {rule}."
            )

    def rule_names(self) -> set[str]:
        return set(self._enforcer.registered_rules)


def _file_state(path: Path) -> tuple[int, ...] | None:
    """What tells one version of the policy file from another, or None if absent."""
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return None
    return (stat.st_ino, stat.st_mtime_ns, stat.st_size)


def _flatten(target: Mapping[str, typing.Any], prefix: str = "") -> dict[str, typing.Any]:
    """``{"target": {"project": {"id": 1}}}`` → ``{"target.project.id": 1}``.

    Rules reference nested attributes with dotted names, as Keystone's do; the
    nested dicts are kept too so ``%(target.project)s``-style checks work.
    """
    flat: dict[str, typing.Any] = {}
    for key, value in target.items():
        name = f"{prefix}{key}"
        flat[name] = value
        if isinstance(value, Mapping):
            flat.update(_flatten(value, name + "."))
    return flat


def collect_rules(package: str) -> list[oslo_policy.RuleDefault]:
    """Every ``rules`` list of the modules of a service's policies package."""
    path = importlib.import_module(package).__path__
    collected: list[oslo_policy.RuleDefault] = []
    for module in sorted(m.name for m in pkgutil.iter_modules(path)):
        collected.extend(importlib.import_module(f"{package}.{module}").rules)
    return collected
