"""/v3/os-quota-sets/{project_id} and /v3/os-quota-class-sets/{class}: a
project's limits (with its usage on request), the defaults, and changes."""

from __future__ import annotations

from starlette.responses import Response

from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.block_storage.handlers import authorize, bool_param, runtime
from pocketstack.block_storage.objects import quota
from pocketstack.block_storage.schemas import quota_set as schemas


def _quota_set(project_id: str, values: dict) -> Response:
    return responses.json({"quota_set": {**values, "id": project_id}})


def show_quota_set(req: ApiRequest) -> Response:
    project_id = req.params["project_id"]
    authorize(req, "volume_extension:quotas:show", project_id)
    settings = runtime(req).settings
    with runtime(req).database.reader() as session:
        if bool_param(req, "usage"):
            return _quota_set(project_id, quota.with_usage(session, settings, project_id))
        return _quota_set(project_id, quota.limits(session, settings, project_id))


def show_defaults(req: ApiRequest) -> Response:
    project_id = req.params["project_id"]
    authorize(req, "volume_extension:quotas:show", project_id)
    with runtime(req).database.reader() as session:
        return _quota_set(project_id, quota.defaults(session, runtime(req).settings))


def update_quota_set(req: ApiRequest) -> Response:
    project_id = req.params["project_id"]
    authorize(req, "volume_extension:quotas:update", project_id)
    values = req.validated(schemas.UPDATE)["quota_set"]
    settings = runtime(req).settings
    with runtime(req).database.transaction() as session:
        quota.update(session, settings, project_id, values)
        limits = quota.limits(session, settings, project_id)
    return responses.json({"quota_set": limits})


def delete_quota_set(req: ApiRequest) -> Response:
    project_id = req.params["project_id"]
    authorize(req, "volume_extension:quotas:delete", project_id)
    with runtime(req).database.transaction() as session:
        quota.reset(session, project_id)
    return responses.no_content(200)


def _class_view(req: ApiRequest, session, class_name: str) -> dict:
    values = quota.defaults(session, runtime(req).settings)
    values.update({k: v for k, v in quota.class_limits(session, class_name).items() if k in values})
    return values


def show_quota_class(req: ApiRequest) -> Response:
    authorize(req, "volume_extension:quota_classes:get")
    class_name = req.params["class_name"]
    with runtime(req).database.reader() as session:
        values = _class_view(req, session, class_name)
    return responses.json({"quota_class_set": {**values, "id": class_name}})


def update_quota_class(req: ApiRequest) -> Response:
    authorize(req, "volume_extension:quota_classes:update")
    class_name = req.params["class_name"]
    values = req.validated(schemas.UPDATE_CLASS)["quota_class_set"]
    with runtime(req).database.transaction() as session:
        quota.update_class(session, runtime(req).settings, class_name, values)
        return responses.json({"quota_class_set": _class_view(req, session, class_name)})
