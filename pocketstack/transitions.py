"""State machines as data, applied with compare-and-swap.

A resource declares its transitions once, in the module that owns it::

    VOLUME = StateMachine(volumes_table, [
        Transition("reserve", {"status": {"available"}}, {"status": "attaching"}),
        Transition("extend", {"status": {"available", "in-use"}}, {"status": "extending"}),
    ])

and code moves a row on with ``VOLUME.apply(session, "reserve", volume_id)``:
one ``UPDATE … WHERE id = :id AND status IN (…)`` whose row count is checked.
Nothing reads, checks and then writes, so two racing requests can never both
win. The tests read the same table to check every path.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Collection, Iterable, Mapping

import sqlalchemy as sa
from sqlalchemy import orm

# The allowed current values per column; None in a set matches NULL.
Source = Mapping[str, Collection[str | None]]


@dataclasses.dataclass(frozen=True)
class Transition:
    action: str
    source: Source
    target: Mapping[str, typing.Any]


class TransitionRefused(Exception):
    """The row is not in a state the action may start from (or is gone).

    ``current`` is the row's state columns as read after the refusal, or None
    when there is no such row; callers turn it into their service's answer.
    """

    def __init__(self, action: str, resource_id: str, current: Mapping[str, typing.Any] | None):
        self.action = action
        self.resource_id = resource_id
        self.current = current
        super().__init__(f"{action} refused for {resource_id}: state is {current}")


class StateMachine:
    def __init__(self, table: sa.Table, transitions: Iterable[Transition], key: str = "id"):
        self.table = table
        self.key = table.c[key]
        self.transitions = {t.action: t for t in transitions}
        columns = {c for t in self.transitions.values() for c in (*t.source, *t.target)}
        self.state_columns = tuple(sorted(columns))
        unknown = [c for c in columns if c not in table.c]
        if unknown:
            raise ValueError(f"{table.name} has no columns {unknown}")

    def allowed(self, action: str, state: Mapping[str, typing.Any]) -> bool:
        """Whether ``state`` is one ``action`` may start from (no database)."""
        transition = self.transitions[action]
        return all(state.get(col) in allowed for col, allowed in transition.source.items())

    def apply(
        self,
        session: orm.Session,
        action: str,
        resource_id: str,
        *,
        values: Mapping[str, typing.Any] | None = None,
        where: Iterable[sa.ColumnElement[bool]] = (),
    ) -> None:
        """Move the row on, or raise TransitionRefused.

        ``values`` are written with the target state; ``where`` adds
        conditions (a project, a generation counter) to the swap.
        """
        transition = self.transitions[action]
        conditions = [self.key == resource_id, *where]
        for column, allowed in transition.source.items():
            conditions.append(_matches(self.table.c[column], allowed))
        statement = (
            sa.update(self.table)
            .where(*conditions)
            .values({**transition.target, **(values or {})})
            .execution_options(synchronize_session=False)
        )
        if session.execute(statement).rowcount != 1:
            raise TransitionRefused(action, resource_id, self.current(session, resource_id))

    def current(self, session: orm.Session, resource_id: str) -> dict[str, typing.Any] | None:
        columns = [self.table.c[c] for c in self.state_columns]
        row = session.execute(sa.select(*columns).where(self.key == resource_id)).first()
        return dict(row._mapping) if row is not None else None


def _matches(column: sa.ColumnElement, allowed: Collection[str | None]) -> sa.ColumnElement[bool]:
    values = [v for v in allowed if v is not None]
    clauses = []
    if values:
        clauses.append(column.in_(values))
    if None in allowed:
        clauses.append(column.is_(None))
    if not clauses:
        return sa.false()
    return sa.or_(*clauses) if len(clauses) > 1 else clauses[0]
