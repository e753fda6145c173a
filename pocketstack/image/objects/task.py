"""Tasks: the record of an asynchronous import (Glance's api_image_import)."""

from __future__ import annotations

import datetime
import typing
import uuid

import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack import timeutils
from pocketstack.image import models
from pocketstack.transitions import StateMachine, Transition

TASK = StateMachine(
    models.Task.__table__,
    [
        Transition("start", {"status": {"pending"}}, {"status": "processing"}),
        Transition("succeed", {"status": {"processing"}}, {"status": "success"}),
        Transition("fail", {"status": {"pending", "processing"}}, {"status": "failure"}),
    ],
)
# Glance keeps finished tasks for 48 hours (task_time_to_live).
TIME_TO_LIVE = datetime.timedelta(hours=48)


def create(
    session: orm.Session,
    kind: str,
    owner: str | None,
    image_id: str | None,
    task_input: dict[str, typing.Any],
    request_id: str,
    user_id: str | None,
) -> models.Task:
    now = timeutils.utcnow()
    task = models.Task(
        id=str(uuid.uuid4()),
        type=kind,
        status="pending",
        owner=owner,
        input=task_input,
        result=None,
        message="",
        image_id=image_id,
        request_id=request_id,
        user_id=user_id,
        created_at=now,
        updated_at=now,
    )
    session.add(task)
    session.flush()
    return task


def move(session: orm.Session, action: str, task_id: str, **values: typing.Any) -> None:
    now = timeutils.utcnow()
    if action in ("succeed", "fail"):
        values["expires_at"] = now + TIME_TO_LIVE
    TASK.apply(session, action, task_id, values={"updated_at": now, **values})


def for_image(session: orm.Session, image_id: str) -> list[models.Task]:
    return list(
        session.scalars(
            sa.select(models.Task)
            .where(models.Task.image_id == image_id)
            .order_by(models.Task.created_at.desc())
        )
    )
