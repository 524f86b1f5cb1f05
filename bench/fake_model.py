"""The fake model of the chat benchmark: ``deltas`` pieces, ``gap_s`` apart, on a fixed clock.

Each delta's text is the wall-clock time it was scheduled for (``"1712345678.123456 "``),
so the load client, on the same machine, measures every delta's arrival against the ideal
schedule with no coordination: ``lag = arrival - scheduled``. The model's own time to its
first delta is zero: whatever the client waits before it is the gateway's.

Both servers use the same generator: flowsmith through ``ScheduledAgent`` (an ``Agent``
whose reply is this stream and whose decision is a plain answer, so a turn ends without a
generation), the baseline directly.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any


async def scheduled_deltas(deltas: int, gap_s: float) -> AsyncIterator[str]:
    started = time.time()
    for i in range(deltas):
        scheduled = started + i * gap_s
        delay = scheduled - time.time()
        if delay > 0:
            await asyncio.sleep(delay)
        yield f"{scheduled:.6f} "


class ScheduledAgent:
    """flowsmith's chat agent for the benchmark: the fake model's reply, then ``answer``.

    Drafts and repairs go to the agent it replaces (the offline planner).
    """

    name = "bench-scheduled"

    def __init__(self, inner: Any, *, deltas: int = 200, gap_s: float = 0.02) -> None:
        self._inner = inner
        self._deltas = deltas
        self._gap_s = gap_s

    async def respond(
        self, message: str, history: list[tuple[str, str]], current: Any
    ) -> AsyncIterator[Any]:
        from flowsmith.agent.interface import Decided, TextDelta
        from flowsmith.planner.offline import Decision

        async for delta in scheduled_deltas(self._deltas, self._gap_s):
            yield TextDelta(delta)
        yield Decided(Decision(kind="answer", reply="", waiting_message="bench"))

    async def draft(self, request: dict[str, Any], current: Any) -> Any:
        return await self._inner.draft(request, current)

    async def repair(self, workflow: Any, findings: Any, request: dict[str, Any]) -> Any:
        return await self._inner.repair(workflow, findings, request)
