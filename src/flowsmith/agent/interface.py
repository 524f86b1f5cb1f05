"""What the chat turn and the generation job need from an agent, whatever model is behind it.

``respond`` streams the reply as it is produced and ends with exactly one ``Decided``; the
turn forwards each ``TextDelta`` to the client as it arrives. ``draft`` and ``repair`` work
on whole graphs and never see the network when the agent is offline.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any, Protocol

from flowsmith.core.models import Finding, Workflow
from flowsmith.planner.offline import Decision


@dataclass(frozen=True)
class TextDelta:
    text: str


@dataclass(frozen=True)
class Decided:
    decision: Decision


AgentEvent = TextDelta | Decided


class Agent(Protocol):
    name: str

    def respond(
        self, message: str, history: list[tuple[str, str]], current: Workflow | None
    ) -> AsyncIterator[AgentEvent]: ...

    async def draft(self, request: dict[str, Any], current: Workflow | None) -> Workflow: ...

    async def repair(
        self, workflow: Workflow, findings: list[Finding], request: dict[str, Any]
    ) -> Workflow | None:
        """A corrected graph, or None when this agent cannot fix what was found."""
        ...
