"""Block storage's policy defaults in code, with Cinder's rule names and meaning.

Each module holds the rules of one entity; ``rules()`` is everything the
block-storage Policy registers. Operators override any rule in policy.yaml.
"""

from __future__ import annotations

from oslo_policy import policy

from pocketstack.api.policy import collect_rules


def rules() -> list[policy.RuleDefault]:
    return collect_rules(__name__)
