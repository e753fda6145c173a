"""Fernet key repositories and the token payload."""

from __future__ import annotations

import datetime

import pytest

from pocketstack.identity.tokens.keys import InvalidToken, KeyRepository
from pocketstack.identity.tokens.payload import Payload


def test_setup_makes_a_staged_and_a_primary_key(tmp_path):
    keys = KeyRepository(tmp_path / "k")
    keys.setup()
    assert sorted(p.name for p in (tmp_path / "k").iterdir()) == ["0", "1"]
    assert (tmp_path / "k" / "1").stat().st_mode & 0o777 == 0o600


def test_tokens_survive_rotation_until_their_key_is_dropped(tmp_path):
    keys = KeyRepository(tmp_path / "k", max_active_keys=3)
    keys.setup()
    before = keys.encrypt(b"payload")
    assert "=" not in before
    keys.rotate()
    other_process = KeyRepository(tmp_path / "k", max_active_keys=3)
    assert other_process.decrypt(before) == b"payload"
    after = other_process.encrypt(b"new")
    assert sorted(int(p.name) for p in (tmp_path / "k").iterdir()) == [0, 1, 2]
    keys.rotate()  # drops key 1, the oldest secondary
    fresh = KeyRepository(tmp_path / "k", max_active_keys=3)
    assert len(list((tmp_path / "k").iterdir())) == 3
    with pytest.raises(InvalidToken):
        fresh.decrypt(before)
    assert fresh.decrypt(after) == b"new"


def test_staged_key_already_decrypts(tmp_path):
    """Tokens from a process that already promoted the staged key validate
    in one that has not rotated yet."""
    keys = KeyRepository(tmp_path / "k")
    keys.setup()
    staged = KeyRepository(tmp_path / "k")
    token = staged.encrypt(b"x")
    keys.rotate()
    assert KeyRepository(tmp_path / "k").decrypt(token) == b"x"


def test_payload_round_trip_keeps_microseconds():
    now = datetime.datetime(2026, 11, 25, 7, 0, 0, 123456)
    payload = Payload(
        user_id="u",
        methods=("password",),
        issued_at=now,
        expires_at=now + datetime.timedelta(hours=1),
        audit_ids=("a1", "a0"),
        project_id="p",
    )
    assert Payload.unpack(payload.pack()) == payload


@pytest.mark.parametrize("data", [b"", b"[]", b'{"a": 1}', b"[9, 1, 2, 3, 4, 5, 6, 7, 8, 9]"])
def test_foreign_payloads_are_refused(data):
    with pytest.raises(ValueError):
        Payload.unpack(data)
