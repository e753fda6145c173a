"""The ``openstack`` CLI's catalog commands against a live pocketstack."""

from __future__ import annotations

import json
import uuid


def test_region_service_endpoint_lifecycle_reaches_the_catalog(cli):
    name = f"cli-{uuid.uuid4().hex[:8]}"
    region = json.loads(cli("region", "create", name, "--description", "cli", "-f", "json"))
    assert (region["region"], region["description"]) == (name, "cli")
    assert name in {r["Region"] for r in json.loads(cli("region", "list", "-f", "json"))}
    service = json.loads(cli("service", "create", "--name", name, f"{name}-type", "-f", "json"))
    assert name in {s["Name"] for s in json.loads(cli("service", "list", "-f", "json"))}
    url = f"http://{name}.example.com/v1/$(project_id)s"
    endpoint = json.loads(
        cli("endpoint", "create", "--region", name, name, "public", url, "-f", "json")
    )
    assert (endpoint["region_id"], endpoint["url"], endpoint["enabled"]) == (name, url, True)
    listed = json.loads(cli("endpoint", "list", "--service", name, "-f", "json"))
    assert [e["ID"] for e in listed] == [endpoint["id"]]

    # The member's catalog has the endpoint with the project's id filled in.
    shown = json.loads(cli("catalog", "show", f"{name}-type", "-f", "json", cloud="pocketstack"))
    token = json.loads(cli("token", "issue", "-f", "json", cloud="pocketstack"))
    assert f"http://{name}.example.com/v1/{token['project_id']}" in str(shown["endpoints"])
    catalog = json.loads(cli("catalog", "list", "-f", "json"))
    assert {"identity", f"{name}-type"} <= {entry["Type"] for entry in catalog}

    cli("endpoint", "delete", endpoint["id"])
    assert json.loads(cli("endpoint", "list", "--service", name, "-f", "json")) == []
    cli("service", "delete", service["id"])
    cli("region", "delete", name)
    assert name not in {s["Name"] for s in json.loads(cli("service", "list", "-f", "json"))}
    assert name not in {r["Region"] for r in json.loads(cli("region", "list", "-f", "json"))}
