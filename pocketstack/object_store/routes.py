"""Swift's v1 API: one route table, the index of the whole service.

The account is the path's second segment (``AUTH_<project id>``); an object's
name is the rest of the path after its container, slashes and all. A
container's path with a trailing slash is the container (Swift's own split).
"""

from __future__ import annotations

from pocketstack.object_store.handlers import account, container, info, obj

ACCOUNT = "/v1/{account}"
CONTAINER = ACCOUNT + "/{container}"

ACCOUNT_METHODS = {
    "GET": account.list_containers,
    "HEAD": account.show_account,
    "POST": account.update_account,
}
CONTAINER_METHODS = {
    "GET": container.list_objects,
    "HEAD": container.show_container,
    "PUT": container.create_container,
    "POST": container.update_container,
    "DELETE": container.delete_container,
}

ROUTES = {
    "/info": {"GET": info.show_info},
    ACCOUNT: ACCOUNT_METHODS,
    ACCOUNT + "/": ACCOUNT_METHODS,
    CONTAINER: CONTAINER_METHODS,
    CONTAINER + "/": CONTAINER_METHODS,
    CONTAINER + "/{object:path}": {
        "GET": obj.download_object,
        "HEAD": obj.download_object,
        "PUT": obj.upload_object,
        "POST": obj.update_object,
        "DELETE": obj.delete_object,
    },
}
