"""Password and secret hashing with argon2id.

The default cost is RFC 9106's second recommended option (3 passes over 64 MiB
with 4 lanes), a memory-hard hash no weaker than Keystone's bcrypt at cost 12.
argon2 releases the GIL, so hashing on worker threads runs in parallel.
"""

from __future__ import annotations

import argon2

from pocketstack.config import IdentitySettings


class Hasher:
    def __init__(self, settings: IdentitySettings) -> None:
        self._hasher = argon2.PasswordHasher(
            time_cost=settings.password_hash_time_cost,
            memory_cost=settings.password_hash_memory_kib,
            parallelism=settings.password_hash_parallelism,
        )
        self._decoy: str | None = None

    def hash(self, secret: str) -> str:
        return self._hasher.hash(secret)

    def verify(self, hashed: str | None, secret: str) -> bool:
        """Whether ``secret`` matches; with no hash, a decoy check of the same
        cost runs so an unknown user takes as long as a wrong password."""
        if not hashed:
            if self._decoy is None:
                self._decoy = self.hash("decoy")
            hashed, secret = self._decoy, secret + "\x00"
            self._verify(hashed, secret)
            return False
        return self._verify(hashed, secret)

    def _verify(self, hashed: str, secret: str) -> bool:
        try:
            return self._hasher.verify(hashed, secret)
        except (argon2.exceptions.VerificationError, argon2.exceptions.InvalidHashError):
            return False
