"""The compare-and-swap state machine helper."""

from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa
from sqlalchemy import orm

from pocketstack.db import Database
from pocketstack.transitions import StateMachine, Transition, TransitionRefused

metadata = sa.MetaData()
things = sa.Table(
    "things",
    metadata,
    sa.Column("id", sa.String(8), primary_key=True),
    sa.Column("status", sa.String(16)),
    sa.Column("task", sa.String(16), nullable=True),
    sa.Column("owner", sa.String(8), nullable=True),
)

MACHINE = StateMachine(
    things,
    [
        Transition("reserve", {"status": {"available"}}, {"status": "attaching"}),
        Transition(
            "delete", {"status": {"available", "error"}, "task": {None}}, {"status": "deleting"}
        ),
        Transition("reboot", {"task": {None, "rebooting"}}, {"task": "rebooting"}),
    ],
)


@pytest.fixture
def database(tmp_path) -> Database:
    database = Database(f"sqlite:///{tmp_path}/t.sqlite")
    metadata.create_all(database.engine)
    with database.transaction() as session:
        session.execute(
            sa.insert(things),
            [
                {"id": "a", "status": "available", "task": None},
                {"id": "b", "status": "in-use", "task": None},
                {"id": "c", "status": "error", "task": "rebooting"},
            ],
        )
    return database


def status(database: Database, ident: str) -> dict:
    with database.reader() as session:
        return dict(session.execute(sa.select(things).where(things.c.id == ident)).one()._mapping)


def test_apply_moves_the_row_and_writes_values(database):
    with database.transaction() as session:
        MACHINE.apply(session, "reserve", "a", values={"owner": "me"})
    assert status(database, "a") == {"id": "a", "status": "attaching", "task": None, "owner": "me"}


def test_refusal_reports_the_current_state(database):
    with pytest.raises(TransitionRefused) as refused, database.transaction() as session:
        MACHINE.apply(session, "reserve", "b")
    assert refused.value.current == {"status": "in-use", "task": None}
    assert status(database, "b")["status"] == "in-use"


def test_refusal_for_a_missing_row_has_no_state(database):
    with pytest.raises(TransitionRefused) as refused, database.transaction() as session:
        MACHINE.apply(session, "reserve", "zzz")
    assert refused.value.current is None


def test_null_is_a_state_a_source_can_name(database):
    with database.transaction() as session:
        MACHINE.apply(session, "reboot", "a")
        MACHINE.apply(session, "reboot", "c")
    with pytest.raises(TransitionRefused), database.transaction() as session:
        MACHINE.apply(session, "delete", "c")  # task is not None


def test_extra_conditions_join_the_swap(database):
    with pytest.raises(TransitionRefused), database.transaction() as session:
        MACHINE.apply(session, "reserve", "a", where=[things.c.owner == "someone"])


def test_allowed_reads_the_table_without_a_database():
    assert MACHINE.allowed("delete", {"status": "error", "task": None})
    assert not MACHINE.allowed("delete", {"status": "in-use", "task": None})


def test_unknown_columns_are_refused_at_declaration():
    with pytest.raises(ValueError, match="no columns"):
        StateMachine(things, [Transition("x", {"colour": {"red"}}, {"status": "y"})])


def test_racing_requests_never_both_win(database):
    """Twenty threads reserve the same row; exactly one succeeds."""
    winners = []
    barrier = threading.Barrier(20)

    def reserve() -> None:
        barrier.wait()
        try:
            with database.transaction() as session:
                MACHINE.apply(session, "reserve", "a")
            winners.append(1)
        except TransitionRefused:
            pass

    threads = [threading.Thread(target=reserve) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(winners) == 1
    assert status(database, "a")["status"] == "attaching"


def test_session_is_an_orm_session(database):
    with database.transaction() as session:
        assert isinstance(session, orm.Session)
