"""Regions, services and endpoints for the catalog's API tests, made through
the API itself, and the token views that show what a catalog holds."""

from __future__ import annotations

import uuid

V3 = "/identity/v3"
REGIONS = f"{V3}/regions"
SERVICES = f"{V3}/services"
ENDPOINTS = f"{V3}/endpoints"
EP_FILTER = f"{V3}/OS-EP-FILTER"
GROUPS = f"{EP_FILTER}/endpoint_groups"
ROOT = "http://cloud.test/identity/v3"
FORBIDDEN = "You are not authorized to perform the requested action: identity:{}."
CLIENT_IS_WRONG = (
    " The server could not comply with the request since it is either malformed"
    " or otherwise incorrect. The client is assumed to be in error."
)


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def error(response, status: int) -> str:
    """The message of a Keystone error body, after checking its shape and status."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["code"] == status
    return body["error"]["message"]


def make_region(api, admin, **fields) -> dict:
    response = api.post(REGIONS, headers=admin, json={"region": fields})
    assert response.status_code == 201, response.text
    return response.json()["region"]


def make_service(api, admin, **fields) -> dict:
    body = {"type": unique("type"), "name": unique("service"), **fields}
    response = api.post(SERVICES, headers=admin, json={"service": body})
    assert response.status_code == 201, response.text
    return response.json()["service"]


def make_endpoint(api, admin, service_id: str, **fields) -> dict:
    body = {
        "service_id": service_id,
        "interface": "public",
        "url": f"https://{unique('host')}.example.com/v1",
        **fields,
    }
    response = api.post(ENDPOINTS, headers=admin, json={"endpoint": body})
    assert response.status_code == 201, response.text
    return response.json()["endpoint"]


def project_id(api, admin, name: str) -> str:
    (project,) = api.get(f"{V3}/projects?name={name}", headers=admin).json()["projects"]
    return project["id"]


def catalog(api, headers) -> list[dict]:
    """The catalog of the caller's token, as GET /v3/auth/catalog builds it."""
    response = api.get(f"{V3}/auth/catalog", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["catalog"]


def token_catalog(api, admin, token_headers) -> list[dict]:
    """The catalog in the token's own validation body (the cached path)."""
    subject = {**admin, "X-Subject-Token": token_headers["X-Auth-Token"]}
    response = api.get(f"{V3}/auth/tokens", headers=subject)
    assert response.status_code == 200, response.text
    return response.json()["token"].get("catalog", [])


def endpoint_ids(entries: list[dict]) -> set[str]:
    return {e["id"] for service in entries for e in service["endpoints"]}
