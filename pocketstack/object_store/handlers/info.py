"""GET /info: the cluster's capabilities and limits, as Swift's /info lists them."""

from __future__ import annotations

from starlette.responses import Response

from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.api.service import public
from pocketstack.object_store.handlers import MAX_ACCOUNT_LENGTH
from pocketstack.object_store.objects import container, large, listing, metadata, obj

MAX_FILE_SIZE = 5 * 1024 * 1024 * 1024 + 2

CAPABILITIES = {
    "swift": {
        "version": "2.35.0",
        "max_file_size": MAX_FILE_SIZE,
        "max_meta_name_length": metadata.MAX_NAME_LENGTH,
        "max_meta_value_length": metadata.MAX_VALUE_LENGTH,
        "max_meta_count": metadata.MAX_COUNT,
        "max_meta_overall_size": metadata.MAX_OVERALL_SIZE,
        "max_object_name_length": obj.MAX_NAME_LENGTH,
        "max_container_name_length": container.MAX_NAME_LENGTH,
        "max_account_name_length": MAX_ACCOUNT_LENGTH,
        "container_listing_limit": listing.LISTING_LIMIT,
        "account_listing_limit": listing.LISTING_LIMIT,
        "account_autocreate": True,
        "allow_account_management": False,
        "strict_cors_mode": True,
        "policies": [{"name": "Policy-0", "default": True}],
    },
    "slo": {
        "max_manifest_segments": large.MAX_SEGMENTS,
        "max_manifest_size": large.MAX_MANIFEST_SIZE,
        "min_segment_size": 1,
    },
}


@public
def show_info(req: ApiRequest) -> Response:
    return responses.json(CAPABILITIES)
