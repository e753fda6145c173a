"""The size an extending volume is growing to, and the quota it holds.

The new size is kept in the volume's admin metadata (``extend_new_size``,
the key Cinder keeps for 3.71's completion) from the request until the
manager finishes; the quota counter adds the extra gigabytes of every
volume still ``extending``, so two extends racing for the last gigabytes
cannot both take them.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack.block_storage import models
from pocketstack.block_storage.objects import quota

NEW_SIZE = "extend_new_size"
Admin = models.VolumeAdminMetadata


def record(session: orm.Session, volume_id: str, new_size: int) -> None:
    session.merge(Admin(volume_id=volume_id, key=NEW_SIZE, value=str(new_size)))
    session.flush()


def clear(session: orm.Session, volume_id: str) -> None:
    session.execute(sa.delete(Admin).where(Admin.volume_id == volume_id, Admin.key == NEW_SIZE))


def pending_usage(session: orm.Session, project_id: str) -> dict[str, int]:
    """The gigabytes extending volumes are about to add, in total and per type."""
    rows = session.execute(
        sa.select(models.VolumeType.name, models.Volume.size, Admin.value)
        .join(Admin, Admin.volume_id == models.Volume.id)
        .join(models.VolumeType, models.VolumeType.id == models.Volume.volume_type_id)
        .where(
            models.Volume.project_id == project_id,
            models.Volume.status == "extending",
            Admin.key == NEW_SIZE,
        )
    ).all()
    used: dict[str, int] = {}
    for type_name, size, new_size in rows:
        extra = max(int(new_size) - size, 0)
        used["gigabytes"] = used.get("gigabytes", 0) + extra
        used[f"gigabytes_{type_name}"] = used.get(f"gigabytes_{type_name}", 0) + extra
    return used


quota.COUNTERS.append(pending_usage)
