"""The offline agent: the deterministic planner, with its reply streamed in real pieces."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from typing import Any

from flowsmith.agent.interface import AgentEvent, Decided, TextDelta
from flowsmith.core.models import Finding, Workflow
from flowsmith.planner import offline

_TOKEN = re.compile(r"\s*\S+\s*|\s+")
_CJK_RUN = 4


def stream_pieces(text: str) -> list[str]:
    """Split a reply into pieces that concatenate back to exactly ``text``.

    Words (with their trailing space) for Latin text; runs of a few characters for CJK,
    which has no spaces to split on.
    """
    pieces: list[str] = []
    for token in _TOKEN.findall(text):
        if len(token) <= 12 or token.isascii():
            pieces.append(token)
            continue
        pieces.extend(token[i : i + _CJK_RUN] for i in range(0, len(token), _CJK_RUN))
    return pieces


class OfflineAgent:
    name = "offline"

    def __init__(self, delay_s: float = 0.0, draft_delay_s: float = 0.0) -> None:
        self._delay_s = delay_s
        self._draft_delay_s = draft_delay_s

    async def respond(
        self, message: str, history: list[tuple[str, str]], current: Workflow | None
    ) -> AsyncIterator[AgentEvent]:
        # in a worker thread: a long message takes the planner up to about a second, which
        # must not stall every other stream on the event loop
        decision = await asyncio.to_thread(offline.decide, message, history, current)
        for piece in stream_pieces(decision.reply):
            yield TextDelta(piece)
            # also a cancellation point, so an interrupting message stops the reply at once
            await asyncio.sleep(self._delay_s)
        yield Decided(decision)

    async def draft(self, request: dict[str, Any], current: Workflow | None) -> Workflow:
        if self._draft_delay_s:
            await asyncio.sleep(self._draft_delay_s)
        return await asyncio.to_thread(offline.build, request, current)

    async def repair(
        self, workflow: Workflow, findings: list[Finding], request: dict[str, Any]
    ) -> Workflow | None:
        # The planner builds valid graphs by construction; safe mechanical fixes are the
        # pipeline's own (deterministic repairs), so there is nothing left for it to try.
        return None
