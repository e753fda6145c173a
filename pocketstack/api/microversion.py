"""API microversions: one negotiation helper for every service that has them.

A service declares its versions as one list, oldest first, one comment per
entry (placement's habit); the window is the list's first and last entries.
Clients ask with ``OpenStack-API-Version: <service-type> X.Y`` or a legacy
header (``X-OpenStack-Nova-API-Version``); ``latest`` means the newest.
"""

from __future__ import annotations

import dataclasses
import re
import typing
from collections.abc import Mapping, Sequence

from pocketstack.api import errors

_VERSION_RE = re.compile(r"^([1-9]\d*)\.([1-9]\d*|0)$")

HEADER = "OpenStack-API-Version"


@dataclasses.dataclass(frozen=True, order=True)
class Version:
    major: int
    minor: int

    @classmethod
    def parse(cls, text: str) -> Version:
        match = _VERSION_RE.match(text.strip())
        if not match:
            raise ValueError(f"invalid version string {text!r}")
        return cls(int(match.group(1)), int(match.group(2)))

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}"

    def matches(self, low: str | None = None, high: str | None = None) -> bool:
        """True if low <= self <= high; either end may be open."""
        if low is not None and self < Version.parse(low):
            return False
        return not (high is not None and self > Version.parse(high))


@dataclasses.dataclass(frozen=True)
class Microversions:
    service_type: str
    versions: Sequence[str]
    legacy_header: str | None = None

    @property
    def minimum(self) -> Version:
        return Version.parse(self.versions[0])

    @property
    def maximum(self) -> Version:
        return Version.parse(self.versions[-1])

    def negotiate(self, headers: Mapping[str, str]) -> Version:
        """The version a request asks for, or 400/406 as the services answer."""
        requested = self._requested(headers)
        if requested is None:
            return self.minimum
        if requested.strip().lower() == "latest":
            return self.maximum
        try:
            version = Version.parse(requested)
        except ValueError:
            raise errors.BadRequest(
                f"API Version String {requested} is of invalid format. Must be of "
                "format MajorNum.MinorNum.",
                code="microversion.invalid",
            ) from None
        if not self.minimum <= version <= self.maximum:
            raise errors.NotAcceptable(
                f"Version {version} is not supported by the API. Minimum is "
                f"{self.minimum} and maximum is {self.maximum}.",
                code="microversion.unsupported",
            )
        return version

    def response_headers(self, version: Version) -> dict[str, str]:
        headers = {HEADER: f"{self.service_type} {version}", "Vary": HEADER}
        if self.legacy_header:
            headers[self.legacy_header] = str(version)
            headers["Vary"] = f"{HEADER}, {self.legacy_header}"
        return headers

    def _requested(self, headers: Mapping[str, str]) -> str | None:
        for value in (
            headers.getlist(HEADER) if hasattr(headers, "getlist") else [headers.get(HEADER, "")]
        ):
            for item in value.split(","):
                service, _, version = item.strip().partition(" ")
                if service.lower() == self.service_type and version:
                    return version
        if self.legacy_header:
            return headers.get(self.legacy_header)
        return None


T = typing.TypeVar("T")


@dataclasses.dataclass(frozen=True)
class Versioned(typing.Generic[T]):
    """Values (schemas, serialisers) that differ by microversion range.

    ``Versioned([("3.0", "3.26", A), ("3.27", None, B)])``; ranges are inclusive
    and an open end is None.
    """

    ranges: Sequence[tuple[str, str | None, T]]

    def for_version(self, version: Version) -> T:
        for low, high, value in self.ranges:
            if version.matches(low, high):
                return value
        raise LookupError(f"no entry for version {version}")
