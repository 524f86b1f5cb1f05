"""The generation stream's event shape (the channels: ``flowsmith.runtime.channels``)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal

# the channel names live with the rest of the run-time pieces both streams share
from flowsmith.runtime.channels import generation_channel, session_channel, turn_channel

__all__ = [
    "TERMINAL",
    "GenerationEventType",
    "generation_channel",
    "generation_event",
    "session_channel",
    "turn_channel",
]

GenerationEventType = Literal["waiting", "start", "draft", "debugging", "complete", "error"]
TERMINAL = frozenset({"complete", "error"})


def generation_event(
    kind: GenerationEventType, workflow_id: str | None, data: dict[str, Any]
) -> dict[str, Any]:
    return {
        "type": kind,
        "workflow_id": workflow_id,
        "data": data,
        "timestamp": datetime.now(UTC).isoformat(),
    }
