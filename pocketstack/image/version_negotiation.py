"""Glance's version negotiation: a request names its API version in the
path's first segment (``/v2.9/images``) or in the Accept header
(``application/vnd.openstack.images-v2.9``, the path then unversioned).
Every 2.x version served is the one v2 API; anything else, a bare ``/``
included, gets the list of versions with 300 Multiple Choices, whatever the
method."""

from __future__ import annotations

from starlette.datastructures import Headers

from pocketstack.image.handlers.discovery import VERSIONS

MEDIA_TYPE = "application/vnd.openstack.images-"
SERVED = frozenset({"v2", *(f"v{version}" for version, _ in VERSIONS)})
# The routes that answer with the version list: 300, or 200 when asked for.
CHOICES = "/"
VERSION_LIST = "/versions"


def routed_path(path: str, headers: Headers) -> str:
    first, slash, rest = path.lstrip("/").partition("/")
    if first == "versions":
        return VERSION_LIST
    accept = headers.get("accept", "")
    if accept.startswith(MEDIA_TYPE):
        version, remainder = accept[len(MEDIA_TYPE) :], path
    else:
        version, remainder = first, slash + rest
    if version not in SERVED:
        return CHOICES
    return "/v2" + remainder
