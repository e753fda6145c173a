"""Checks over the whole code base that keep every service honest.

- every request schema is itself a valid JSON Schema;
- every policy rule a handler names is registered with the service's defaults;
- every route's handler is a function of that service's handlers package;
- microversion windows have no gaps.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest

from pocketstack.api import validation
from pocketstack.api.microversion import Version

SERVICES = [
    name
    for name in (
        "identity",
        "image",
        "block_storage",
        "object_store",
        "compute",
        "network",
        "placement",
    )
    if importlib.util.find_spec(f"pocketstack.{name}")
]


def _modules(package: str):
    module = importlib.import_module(package)
    for info in pkgutil.iter_modules(module.__path__):
        yield importlib.import_module(f"{package}.{info.name}")


def _schemas(service: str):
    for module in _modules(f"pocketstack.{service}.schemas"):
        for name, value in vars(module).items():
            if (
                isinstance(value, dict)
                and value.get("type") == "object"
                and not name.startswith("_")
            ):
                yield f"{module.__name__}.{name}", value


@pytest.mark.parametrize("service", SERVICES)
def test_every_schema_is_valid(service):
    schemas = list(_schemas(service))
    assert schemas
    for name, schema in schemas:
        try:
            validation.check_schema(schema)
        except Exception as error:  # noqa: BLE001 - report which schema
            pytest.fail(f"{name} is not a valid JSON Schema: {error}")


def _rule_names_used(service: str) -> set[tuple[str, str]]:
    used = set()
    handlers = Path(importlib.import_module(f"pocketstack.{service}.handlers").__path__[0])
    for path in handlers.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("authorize", "allowed")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                used.add((path.name, node.args[0].value))
            elif (
                # A service's own helper: authorize(req, "rule", ...).
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("authorize", "authorize_image")
                and len(node.args) > 1
                and isinstance(node.args[1], ast.Constant)
                and isinstance(node.args[1].value, str)
            ):
                used.add((path.name, node.args[1].value))
    return used


@pytest.mark.parametrize("service", SERVICES)
def test_every_policy_rule_used_is_registered(service):
    registered = {
        rule.name for rule in importlib.import_module(f"pocketstack.{service}.policies").rules()
    }
    used = _rule_names_used(service)
    assert used
    missing = sorted(f"{file}: {rule}" for file, rule in used if rule not in registered)
    assert not missing, missing


@pytest.mark.parametrize("service", SERVICES)
def test_every_route_is_a_handler_of_its_service(service):
    routes = importlib.import_module(f"pocketstack.{service}.routes").ROUTES
    for path, methods in routes.items():
        assert path.startswith("/"), path
        for method, handler in methods.items():
            assert method in {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"}, (path, method)
            module = inspect.getmodule(handler).__name__
            assert module.startswith(f"pocketstack.{service}.handlers."), (path, method, module)


@pytest.mark.parametrize("service", SERVICES)
def test_microversion_windows_have_no_gaps(service):
    module = importlib.import_module(f"pocketstack.{service}.service")
    versions = getattr(module, "MICROVERSIONS", None)
    if versions is None:
        # Keystone, Glance, Swift and Neutron have no microversions.
        assert service in ("identity", "image", "object_store", "network"), (
            f"{service} declares no MICROVERSIONS"
        )
        return
    parsed = [Version.parse(v) for v in versions.versions]
    for previous, current in zip(parsed, parsed[1:], strict=False):
        assert current.major == previous.major and current.minor == previous.minor + 1, (
            f"{service}: {previous} is followed by {current}"
        )
