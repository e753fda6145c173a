"""/v2/tasks and /v2/images/{id}/tasks."""

from __future__ import annotations

import sqlalchemy as sa
from starlette.responses import Response

from pocketstack.api import responses
from pocketstack.api.request import ApiRequest
from pocketstack.image import errors, models
from pocketstack.image.handlers import (
    authorize,
    caller,
    isotime,
    runtime,
    visible_image,
)
from pocketstack.image.objects import task as tasks

TYPES = ("import", "api_image_import", "location_import")
STATUSES = ("pending", "processing", "success", "failure")


def view(task: models.Task, detailed: bool = True) -> dict:
    body = {
        "id": task.id,
        "type": task.type,
        "status": task.status,
        "owner": task.owner,
        "expires_at": isotime(task.expires_at),
        "created_at": isotime(task.created_at),
        "updated_at": isotime(task.updated_at),
        "self": f"/v2/tasks/{task.id}",
        "schema": "/v2/schemas/task",
    }
    if detailed:
        body.update(
            input=task.input,
            result=task.result,
            message=task.message,
            image_id=task.image_id,
            request_id=task.request_id,
            user_id=task.user_id,
        )
    return body


def list_tasks(req: ApiRequest) -> Response:
    authorize(req, "get_tasks")
    authorize(req, "tasks_api_access")
    query = sa.select(models.Task).order_by(models.Task.created_at.desc())
    for name, allowed in (("type", TYPES), ("status", STATUSES)):
        value = req.query.get(name)
        if value is not None:
            if value not in allowed:
                raise errors.bad_request(f"Invalid {name} value: {value}")
            query = query.where(getattr(models.Task, name) == value)
    if not caller(req).is_admin:
        query = query.where(models.Task.owner == req.context.project_id)
    with runtime(req).database.reader() as session:
        found = [view(t, detailed=False) for t in session.scalars(query)]
    return responses.json({"tasks": found, "first": "/v2/tasks", "schema": "/v2/schemas/tasks"})


def show_task(req: ApiRequest) -> Response:
    authorize(req, "get_task")
    authorize(req, "tasks_api_access")
    with runtime(req).database.reader() as session:
        task = session.get(models.Task, req.params["task_id"])
        if task is None or (not caller(req).is_admin and task.owner != req.context.project_id):
            raise errors.not_found(f"Task with the given id {req.params['task_id']} was not found")
        return responses.json(view(task))


def image_tasks(req: ApiRequest) -> Response:
    with runtime(req).database.reader() as session:
        image = visible_image(req, session)
        found = [view(t) for t in tasks.for_image(session, image.id)]
    return responses.json({"tasks": found})
