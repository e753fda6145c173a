"""The object store's policy defaults in code, overridable in policy.yaml.

Swift has no oslo.policy rules of its own: keystoneauth decides, granting an
account's project its operator roles (read and write) and reader roles (read
only), and the reseller admin every account. These rules say the same.
"""

from __future__ import annotations

from oslo_policy import policy

from pocketstack.api.policy import collect_rules


def rules() -> list[policy.RuleDefault]:
    return collect_rules(__name__)
