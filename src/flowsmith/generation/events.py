"""The generation stream's event shape and the bus channels both streams use."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal

GenerationEventType = Literal["waiting", "start", "draft", "debugging", "complete", "error"]
TERMINAL = frozenset({"complete", "error"})


def generation_channel(generation_id: str) -> str:
    return f"gen:{generation_id}"


def session_channel(session_id: str) -> str:
    """Notices for a session's listeners: a generation was queued, or a turn is waiting."""
    return f"session:{session_id}"


def turn_channel(turn_id: str) -> str:
    return f"turn:{turn_id}"


def generation_event(
    kind: GenerationEventType, workflow_id: str | None, data: dict[str, Any]
) -> dict[str, Any]:
    return {
        "type": kind,
        "workflow_id": workflow_id,
        "data": data,
        "timestamp": datetime.now(UTC).isoformat(),
    }
