"""Settings from defaults, a file and the environment."""

from __future__ import annotations

from pathlib import Path

import pytest

from pocketstack import config


def test_defaults_work_without_any_file():
    settings = config.load(environ={})
    assert settings.server.port == 8770
    assert settings.database_url("identity").endswith("/identity.sqlite")


def test_toml_file_then_environment_then_overrides(tmp_path: Path):
    file = tmp_path / "pocketstack.toml"
    file.write_text('data_dir = "/srv/cloud"\n[server]\nport = 9000\nhost = "0.0.0.0"\n')
    settings = config.load(
        file,
        environ={
            "POCKETSTACK_SERVER__PORT": "9100",
            "POCKETSTACK_API__ENFORCE_POLICY_CHECKS": "yes",
        },
        server__host="127.0.0.2",
    )
    assert settings.data_dir == Path("/srv/cloud")
    assert settings.server.port == 9100
    assert settings.server.host == "127.0.0.2"
    assert settings.api.enforce_policy_checks is True


def test_ini_file(tmp_path: Path):
    file = tmp_path / "pocketstack.ini"
    file.write_text("[database]\nconnection = postgresql+psycopg://db/ps_{service}\n")
    settings = config.load(file, environ={})
    assert settings.database_url("image") == "postgresql+psycopg://db/ps_image"


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"POCKETSTACK_NOPE__X": "1"}, "unknown configuration section [nope]"),
        ({"POCKETSTACK_SERVER__COLOUR": "1"}, "unknown setting 'colour' in [server]"),
        ({"POCKETSTACK_SERVER__PORT": "eighty"}, "wants a whole number"),
    ],
)
def test_bad_settings_are_named(environ, message):
    with pytest.raises(config.SettingsError, match=message.replace("[", r"\[").replace("]", r"\]")):
        config.load(environ=environ)


def test_public_url_defaults_to_the_listening_address():
    settings = config.load(environ={}, server__port=8123)
    assert settings.public_url == "http://127.0.0.1:8123"
