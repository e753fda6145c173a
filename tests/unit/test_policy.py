"""The policy file: read when it changes, and a broken one changes nothing."""

from __future__ import annotations

import logging

import pytest
from oslo_policy import policy as oslo_policy

from pocketstack.api.context import AuthInfo, RequestContext
from pocketstack.api.policy import Policy

RULE = "example:list_things"


@pytest.fixture
def member() -> RequestContext:
    auth = AuthInfo(
        token="t",
        user_id="u",
        user_name="demo",
        user_domain_id="default",
        user_domain_name="Default",
        roles=("member", "reader"),
        role_ids=("m", "r"),
        expires_at="2100-01-01T00:00:00.000000Z",
        audit_ids=("a",),
        project_id="p",
    )
    return RequestContext(request_id="req-1", auth=auth)


@pytest.fixture
def policy_file(tmp_path):
    return tmp_path / "policy.yaml"


@pytest.fixture
def policy(policy_file) -> Policy:
    return Policy([oslo_policy.RuleDefault(RULE, "role:admin")], policy_file)


def test_the_default_holds_without_a_file(policy, member):
    assert not policy.check(RULE, member)


def test_a_new_file_overrides_and_its_removal_restores_the_default(policy, policy_file, member):
    policy_file.write_text(f'"{RULE}": "role:member"\n')
    assert policy.check(RULE, member)
    policy_file.write_text(f'"{RULE}": "role:admin or role:member"\n')
    assert policy.check(RULE, member)
    policy_file.unlink()
    assert not policy.check(RULE, member)


def test_a_broken_file_keeps_the_rules_in_force(policy, policy_file, member, caplog):
    policy_file.write_text(f'"{RULE}": "role:member"\n')
    assert policy.check(RULE, member)
    policy_file.write_text(f'"{RULE}": [unclosed\n')
    with caplog.at_level(logging.ERROR, logger="pocketstack.api.policy"):
        assert policy.check(RULE, member)
    assert "not loaded" in caplog.text
    policy_file.write_text(f'"{RULE}": "role:reader and role:admin"\n')
    assert not policy.check(RULE, member)
