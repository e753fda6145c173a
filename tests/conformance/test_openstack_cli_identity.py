"""The ``openstack`` CLI's identity commands against a live pocketstack."""

from __future__ import annotations

import json
import uuid


def test_token_issue_and_catalog(cli):
    token = json.loads(cli("token", "issue", "-f", "json", cloud="pocketstack"))
    assert token["id"] and token["project_id"] and token["user_id"]
    catalog = json.loads(cli("catalog", "list", "-f", "json"))
    assert "identity" in {entry["Type"] for entry in catalog}


def test_domain_project_user_group_role_lifecycle(cli):
    name = f"cli-{uuid.uuid4().hex[:8]}"
    domain = json.loads(cli("domain", "create", name, "-f", "json"))
    project = json.loads(cli("project", "create", name, "--domain", name, "-f", "json"))
    user = json.loads(
        cli("user", "create", name, "--domain", name, "--password", "s3cret!", "-f", "json")
    )
    group = json.loads(cli("group", "create", name, "--domain", name, "-f", "json"))
    role = json.loads(cli("role", "create", name, "-f", "json"))
    assert json.loads(cli("project", "show", project["id"], "-f", "json"))["name"] == name
    assert json.loads(cli("user", "show", user["id"], "-f", "json"))["domain_id"] == domain["id"]
    assert json.loads(cli("group", "show", group["id"], "-f", "json"))["name"] == name
    assert json.loads(cli("role", "show", role["id"], "-f", "json"))["name"] == name
    assert name in {
        p["Name"] for p in json.loads(cli("project", "list", "--domain", name, "-f", "json"))
    }
    assert name in {
        u["Name"] for u in json.loads(cli("user", "list", "--domain", name, "-f", "json"))
    }
    assert name in {
        g["Name"] for g in json.loads(cli("group", "list", "--domain", name, "-f", "json"))
    }
    assert name in {r["Name"] for r in json.loads(cli("role", "list", "-f", "json"))}
    assert name in {d["Name"] for d in json.loads(cli("domain", "list", "-f", "json"))}

    cli("role", "add", "--user", user["id"], "--project", project["id"], role["id"])
    assignments = json.loads(
        cli("role", "assignment", "list", "--user", user["id"], "--names", "-f", "json")
    )
    assert [(a["Role"], a["User"], a["Project"]) for a in assignments] == [
        (name, f"{name}@{name}", f"{name}@{name}")
    ]

    cli("role", "remove", "--user", user["id"], "--project", project["id"], role["id"])
    for kind, ident in (("group", group), ("user", user), ("project", project), ("role", role)):
        cli(kind, "delete", ident["id"])
    cli("domain", "set", "--disable", domain["id"])
    cli("domain", "delete", domain["id"])
    assert name not in {d["Name"] for d in json.loads(cli("domain", "list", "-f", "json"))}


def test_application_credentials(cli):
    # The CLI names its JSON keys by column header ("Secret", "ID").
    name = f"cli-{uuid.uuid4().hex[:8]}"
    created = json.loads(
        cli("application", "credential", "create", name, "-f", "json", cloud="pocketstack")
    )
    assert created["Secret"]
    assert created["Roles"]
    listed = json.loads(cli("application", "credential", "list", "-f", "json", cloud="pocketstack"))
    assert name in {c["Name"] for c in listed}
    shown = json.loads(
        cli("application", "credential", "show", name, "-f", "json", cloud="pocketstack")
    )
    assert shown["ID"] == created["ID"] and "Secret" not in shown
    cli("application", "credential", "delete", created["ID"], cloud="pocketstack")
    listed = json.loads(cli("application", "credential", "list", "-f", "json", cloud="pocketstack"))
    assert name not in {c["Name"] for c in listed}
