"""The statuses of a turn (an assistant message) and of a generation, as stored."""

from __future__ import annotations

from enum import StrEnum


class TurnStatus(StrEnum):
    STREAMING = "streaming"  # running, under its replica's lease
    COMPLETE = "complete"
    INTERRUPTED = "interrupted"  # stopped by the user's next message
    ERROR = "error"  # failed; ``meta.error.code`` says why (``worker_lost``, ``server_shutdown``…)


class GenerationStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    COMPLETE = "complete"
    ERROR = "error"


ACTIVE_GENERATION = (GenerationStatus.QUEUED, GenerationStatus.RUNNING)
FINISHED_GENERATION = (GenerationStatus.COMPLETE, GenerationStatus.ERROR)
