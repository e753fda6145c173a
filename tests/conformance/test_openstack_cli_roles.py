"""The ``openstack`` CLI's role commands against a live pocketstack.

(``role add --user`` also needs the users API to find the user; the full
lifecycle with users and groups is in test_openstack_cli_identity.)
"""

from __future__ import annotations

import json
import uuid


def test_role_create_show_set_list_and_delete(cli):
    name = f"cli-{uuid.uuid4().hex[:8]}"
    role = json.loads(cli("role", "create", name, "-f", "json"))
    assert role["name"] == name and role["domain_id"] is None
    cli("role", "set", "--description", "for tests", name)
    shown = json.loads(cli("role", "show", name, "-f", "json"))
    assert (shown["id"], shown["description"]) == (role["id"], "for tests")
    assert name in {r["Name"] for r in json.loads(cli("role", "list", "-f", "json"))}
    cli("role", "delete", name)
    assert name not in {r["Name"] for r in json.loads(cli("role", "list", "-f", "json"))}


def test_domain_role(cli):
    name = f"cli-{uuid.uuid4().hex[:8]}"
    role = json.loads(cli("role", "create", "--domain", "default", name, "-f", "json"))
    assert role["domain_id"] == "default"
    listed = json.loads(cli("role", "list", "--domain", "default", "-f", "json"))
    assert [r["Name"] for r in listed if r["ID"] == role["id"]] == [name]
    assert name not in {r["Name"] for r in json.loads(cli("role", "list", "-f", "json"))}
    cli("role", "delete", "--domain", "default", name)


def test_implied_role(cli):
    # The CLI finds roles among the global ones only.
    name = f"cli-{uuid.uuid4().hex[:8]}"
    role = json.loads(cli("role", "create", name, "-f", "json"))
    cli("implied", "role", "create", role["id"], "--implied-role", "reader")
    rules = json.loads(cli("implied", "role", "list", "-f", "json"))
    assert any(
        rule["Prior Role Name"] == name and rule["Implied Role Name"] == "reader" for rule in rules
    )
    cli("implied", "role", "delete", role["id"], "--implied-role", "reader")
    rules = json.loads(cli("implied", "role", "list", "-f", "json"))
    assert not any(rule["Prior Role Name"] == name for rule in rules)
    cli("role", "delete", name)


def test_role_assignment_list_with_names(cli):
    assignments = json.loads(
        cli("role", "assignment", "list", "--project", "demo", "--names", "-f", "json")
    )
    assert ("member", "demo@Default", "demo@Default") in {
        (a["Role"], a["User"], a["Project"]) for a in assignments
    }
    effective = json.loads(
        cli(
            "role",
            "assignment",
            "list",
            "--project",
            "demo",
            "--effective",
            "--names",
            "-f",
            "json",
        )
    )
    assert {"member", "reader"} <= {a["Role"] for a in effective if a["User"] == "demo@Default"}
    system = json.loads(
        cli("role", "assignment", "list", "--system", "all", "--names", "-f", "json")
    )
    assert ("admin", "admin@Default", "all") in {
        (a["Role"], a["User"], a["System"]) for a in system
    }
