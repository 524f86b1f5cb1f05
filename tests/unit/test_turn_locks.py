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
