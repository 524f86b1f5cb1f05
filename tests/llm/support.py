"""Small helpers shared by the provider tests."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from contextlib import aclosing

from flowsmith.llm.base import Finished, StreamEvent, TextDelta, ToolCallDone


async def collect(stream: AsyncGenerator[StreamEvent, None]) -> list[StreamEvent]:
    async with aclosing(stream) as events:
        return [event async for event in events]


def texts(events: list[StreamEvent]) -> list[str]:
    return [e.text for e in events if isinstance(e, TextDelta)]


def calls(events: list[StreamEvent]) -> list[ToolCallDone]:
    return [e for e in events if isinstance(e, ToolCallDone)]


def finished(events: list[StreamEvent]) -> Finished:
    last = events[-1]
    assert isinstance(last, Finished), f"stream did not end with Finished: {events!r}"
    assert sum(isinstance(e, Finished) for e in events) == 1
    return last
