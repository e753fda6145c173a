"""The image service's policy defaults in code, with Glance's rule names and meaning.

Each module holds the rules of one entity; ``rules()`` is everything the
image Policy registers. Operators override any rule in policy.yaml.
"""

from __future__ import annotations

import importlib
import pkgutil

from oslo_policy import policy


def rules() -> list[policy.RuleDefault]:
    collected: list[policy.RuleDefault] = []
    for module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
        collected.extend(importlib.import_module(f"{__name__}.{module}").rules)
    return collected
