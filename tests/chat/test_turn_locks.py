"""The per-session start locks of ``TurnManager`` (regression: one entry per session, forever)."""

from __future__ import annotations

import asyncio
from typing import Any

from flowsmith.chat.turns import TurnManager


def manager() -> TurnManager:
    none: Any = None
    return TurnManager(none, none, none, none, deadline_s=1.0, owner="t")


async def test_starts_in_one_session_are_serialised_and_the_lock_is_freed() -> None:
    turns = manager()
    inside: list[str] = []
    overlap = False

    async def start(tag: str) -> None:
        nonlocal overlap
        async with turns._session_lock("s1"):
            overlap = overlap or bool(inside)
            inside.append(tag)
            await asyncio.sleep(0.01)
            inside.remove(tag)

    await asyncio.gather(*(start(str(i)) for i in range(5)))
    assert not overlap
    assert turns._locks == {}


async def test_a_failed_start_frees_its_lock() -> None:
    turns = manager()
    try:
        async with turns._session_lock("s1"):
            raise RuntimeError("database down")
    except RuntimeError:
        pass
    assert turns._locks == {}


async def test_a_turn_that_cannot_store_its_end_logs_one_line_and_is_forgotten(
    caplog: Any,
) -> None:
    """Regression (issue 16, item 5): a turn whose own failure could not be stored (the
    database down) left its exception unread, and asyncio logged "Task exception was never
    retrieved" with a traceback."""
    turns = manager()

    async def fails() -> None:
        raise ConnectionError("database down")

    task = asyncio.create_task(fails())
    turns._running["s1"] = type("R", (), {"turn_id": "t1"})()  # type: ignore[assignment]
    await asyncio.wait([task])
    with caplog.at_level("WARNING", logger="flowsmith.chat.turns"):
        turns._turn_done("s1", "t1", task)
    assert "s1" not in turns._running
    lines = [r for r in caplog.records if r.name == "flowsmith.chat.turns"]
    assert len(lines) == 1 and "database down" in lines[0].getMessage()
    assert lines[0].exc_info is None
    assert task._log_traceback is False  # read: asyncio will not report it
