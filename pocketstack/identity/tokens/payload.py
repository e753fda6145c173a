"""What a token carries inside its Fernet envelope.

Only identifiers and times: names, roles and the catalog are looked up at
validation, so a disabled user or a removed role takes effect at once.
``issued_at`` is kept to the microsecond (Fernet's own timestamp has whole
seconds) so a revocation never catches a token issued just after it.
"""

from __future__ import annotations

import dataclasses
import datetime

import orjson

FORMAT_VERSION = 1


@dataclasses.dataclass(frozen=True)
class Payload:
    user_id: str
    methods: tuple[str, ...]
    issued_at: datetime.datetime
    expires_at: datetime.datetime
    # [own audit id] or [own, the audit id of the token it was made from].
    audit_ids: tuple[str, ...]
    project_id: str | None = None
    domain_id: str | None = None
    system: str | None = None
    application_credential_id: str | None = None

    def pack(self) -> bytes:
        return orjson.dumps(
            [
                FORMAT_VERSION,
                self.user_id,
                list(self.methods),
                _stamp(self.issued_at),
                _stamp(self.expires_at),
                list(self.audit_ids),
                self.project_id,
                self.domain_id,
                self.system,
                self.application_credential_id,
            ]
        )

    @classmethod
    def unpack(cls, data: bytes) -> Payload:
        """Raise ValueError for anything that is not a payload we wrote."""
        try:
            fields = orjson.loads(data)
            version, user_id, methods, issued, expires, audit_ids, *scope = fields
        except (orjson.JSONDecodeError, TypeError, ValueError):
            raise ValueError("not a token payload") from None
        if version != FORMAT_VERSION or len(scope) != 4:
            raise ValueError("unknown token payload version")
        project_id, domain_id, system, app_cred_id = scope
        return cls(
            user_id=user_id,
            methods=tuple(methods),
            issued_at=_from_stamp(issued),
            expires_at=_from_stamp(expires),
            audit_ids=tuple(audit_ids),
            project_id=project_id,
            domain_id=domain_id,
            system=system,
            application_credential_id=app_cred_id,
        )


_EPOCH = datetime.datetime(1970, 1, 1)
_MICROSECOND = datetime.timedelta(microseconds=1)


def _stamp(moment: datetime.datetime) -> int:
    """Microseconds since the epoch of a naive UTC time, exactly."""
    return (moment - _EPOCH) // _MICROSECOND


def _from_stamp(micros: int) -> datetime.datetime:
    return _EPOCH + micros * _MICROSECOND
