"""The bus channels of the chat and generation streams (one name each, used everywhere)."""

from __future__ import annotations

# a new message on one replica stops a turn another replica runs: ``{"interrupt": turn_id}``
CONTROL_CHANNEL = "control:turns"


def generation_channel(generation_id: str) -> str:
    return f"gen:{generation_id}"


def session_channel(session_id: str) -> str:
    """Notices for a session's listeners: a generation was queued, or a turn is waiting."""
    return f"session:{session_id}"


def turn_channel(turn_id: str) -> str:
    return f"turn:{turn_id}"
