"""Access rule path patterns, as keystonemiddleware reads them."""

from __future__ import annotations

import pytest

from pocketstack.api.access_rules import permits

RULE = {"service": "compute", "method": "GET"}


@pytest.mark.parametrize(
    ("pattern", "path", "allowed"),
    [
        ("/v2.1/servers", "/v2.1/servers", True),
        ("/v2.1/servers", "/v2.1/servers/1", False),
        ("/v2.1/servers/*", "/v2.1/servers/1", True),
        ("/v2.1/servers/*", "/v2.1/servers/1/action", False),
        ("/v2.1/servers/{server_id}/metadata", "/v2.1/servers/1/metadata", True),
        ("/v2.1/servers/**", "/v2.1/servers/1/os-interface/2", True),
        ("/v2.1/servers/*/ips", "/v2.1/servers//ips", False),
        # A dot is a dot, not any character.
        ("/v2.1/servers", "/v2x1/servers", False),
    ],
)
def test_path_patterns(pattern, path, allowed):
    assert permits([{**RULE, "path": pattern}], "compute", "GET", [path]) is allowed


def test_service_and_method_must_match():
    rules = [{**RULE, "path": "/v2.1/servers"}]
    assert not permits(rules, "compute", "POST", ["/v2.1/servers"])
    assert not permits(rules, "image", "GET", ["/v2.1/servers"])


def test_any_of_the_paths_may_match():
    rules = [{**RULE, "path": "/v2.1/servers"}]
    assert permits(rules, "compute", "GET", ["/compute/v2.1/servers", "/v2.1/servers"])


def test_validating_a_token_is_always_allowed():
    assert permits([], "identity", "GET", ["/identity/v3/auth/tokens", "/v3/auth/tokens"])
    assert not permits([], "identity", "DELETE", ["/identity/v3/auth/tokens"])
