"""Policy: oslo.policy rule defaults in code, overridable by a file.

Each service builds one ``Policy`` from its ``policies`` package. The rule file
(``policy.yaml`` in the data dir unless configured) holds overrides for any
service; rules are named by service (``identity:``, ``os_compute_api:``...).
"""

from __future__ import annotations

import importlib
import pkgutil
import typing
from collections.abc import Iterable, Mapping
from pathlib import Path

from oslo_config import cfg
from oslo_policy import policy as oslo_policy

from pocketstack.api import errors
from pocketstack.api.context import RequestContext


class Policy:
    def __init__(self, defaults: Iterable[oslo_policy.RuleDefault], policy_file: Path):
        conf = cfg.ConfigOpts()
        conf([], project="pocketstack", default_config_files=[], default_config_dirs=[])
        self._enforcer = oslo_policy.Enforcer(conf, policy_file=str(policy_file))
        self._enforcer.register_defaults(list(defaults))

    def check(
        self,
        rule: str,
        context: RequestContext,
        target: Mapping[str, typing.Any] | None = None,
    ) -> bool:
        """True if the rule allows the caller; raises nothing."""
        creds = context.policy_credentials()
        try:
            return bool(self._enforcer.enforce(rule, _flatten(target or {}), creds))
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
