"""The ``openstack`` CLI's user, group and credential commands against a live
pocketstack."""

from __future__ import annotations

import json
import subprocess
import uuid


def _name() -> str:
    return f"cli-{uuid.uuid4().hex[:8]}"


def test_user_create_show_set_list_and_delete(cli):
    name = _name()
    user = json.loads(
        cli(
            "user", "create", name, "--password", "s3cret!", "--email", "a@example.com",
            "--description", "from the CLI", "-f", "json",
        )
    )  # fmt: skip
    assert (user["name"], user["email"], user["description"]) == (
        name,
        "a@example.com",
        "from the CLI",
    )
    assert user["enabled"] is True and user["domain_id"] == "default"
    cli("user", "set", "--email", "b@example.com", "--disable", name)
    shown = json.loads(cli("user", "show", name, "-f", "json"))
    assert (shown["id"], shown["email"], shown["enabled"]) == (user["id"], "b@example.com", False)
    assert name in {u["Name"] for u in json.loads(cli("user", "list", "-f", "json"))}
    cli("user", "delete", name)
    assert name not in {u["Name"] for u in json.loads(cli("user", "list", "-f", "json"))}


def test_user_changes_its_own_password(cli, live_cloud):
    name = _name()
    cli("user", "create", name, "--password", "first-one", "--project", "demo")
    cli("role", "add", "--user", name, "--project", "demo", "member")
    # The demo cloud as OS_* variables, with the new user's name: no clouds.yaml.
    own = {**live_cloud.os_env("devstack"), "OS_USERNAME": name}
    for key in ("OS_CLOUD", "OS_CLIENT_CONFIG_FILE"):
        own.pop(key)

    def as_user(password: str, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["openstack", *args], env={**own, "OS_PASSWORD": password},
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip

    changed = as_user(
        "first-one", "user", "password", "set",
        "--original-password", "first-one", "--password", "second-one",
    )  # fmt: skip
    assert changed.returncode == 0, changed.stderr
    assert as_user("second-one", "token", "issue").returncode == 0
    assert as_user("first-one", "token", "issue").returncode != 0
    cli("user", "delete", name)


def test_group_membership(cli, live_cloud):
    user, group = _name(), _name()
    cli("user", "create", user)
    created = json.loads(cli("group", "create", group, "--description", "team", "-f", "json"))
    assert (created["name"], created["description"]) == (group, "team")
    cli("group", "add", "user", group, user)
    assert "in group" in cli("group", "contains", "user", group, user)
    members = json.loads(cli("user", "list", "--group", group, "-f", "json"))
    assert [m["Name"] for m in members] == [user]
    groups = json.loads(cli("group", "list", "--user", user, "-f", "json"))
    assert [g["Name"] for g in groups] == [group]
    cli("group", "remove", "user", group, user)
    # The CLI says so on stderr, and exits 0.
    contains = ["openstack", "group", "contains", "user", group, user]
    answer = subprocess.run(
        contains, env=live_cloud.env("pocketstack-admin"), capture_output=True, text=True
    )
    assert "not in group" in answer.stderr
    assert group in {g["Name"] for g in json.loads(cli("group", "list", "-f", "json"))}
    cli("group", "delete", group)
    cli("user", "delete", user)


def test_credential_create_list_show_and_delete(cli):
    user = _name()
    cli("user", "create", user)
    created = json.loads(cli("credential", "create", "--type", "totp", user, "seed", "-f", "json"))
    assert (created["type"], created["blob"]) == ("totp", "seed")
    listed = json.loads(cli("credential", "list", "--user", user, "-f", "json"))
    assert [c["ID"] for c in listed] == [created["id"]]
    shown = json.loads(cli("credential", "show", created["id"], "-f", "json"))
    assert shown["user_id"] == created["user_id"]
    cli("credential", "delete", created["id"])
    assert json.loads(cli("credential", "list", "--user", user, "-f", "json")) == []
    cli("user", "delete", user)
