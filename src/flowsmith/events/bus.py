"""The live channel between whoever produces a stream's events and whoever listens.

A channel is an append-only log of JSON payloads numbered 1, 2, 3 … (the position an SSE
``id`` carries). ``subscribe(after=n)`` replays every entry after ``n`` and then follows
new ones until the channel is closed; so a listener that connects late, or reconnects
with ``Last-Event-ID``, sees each entry exactly once, in order, with no gap.

The database keeps the durable record; a bus only has to hold a channel for the
retention period, after which ``subscribe`` on it yields nothing and ``exists`` is False.
"""

from __future__ import annotations

import json
from collections.abc import AsyncGenerator
from typing import Any, Protocol

Payload = dict[str, Any]

# one encoder for every payload: ``json.dumps`` with options builds a new one per call
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def encode_payload(payload: Payload) -> str:
    """Compact JSON, non-ASCII kept: what the Redis bus stores and each SSE event carries."""
    return _ENCODER.encode(payload)


class EventBus(Protocol):
    async def publish(self, channel: str, payload: Payload, *, after: int = 0) -> int:
        """Append ``payload``; return its position: the next one, or, if that is not past
        ``after``, ``after + 1`` (the positions between are left empty, and readers skip
        them). A publisher that knows a number some listener may have seen without the bus
        knowing it (a dead replica's events, never written to the shared log) puts its
        entry past that number, so a listener resuming from there still gets it."""
        ...

    async def close(self, channel: str) -> None:
        """Mark the channel finished: subscribers end after its last entry."""
        ...

    def own(self, channel: str) -> None:
        """Declare this process the only publisher of a new channel until it closes it,
        before its first publish: listeners here may then get its entries straight from
        the publisher instead of back from a shared bus. Listeners elsewhere, and any
        that subscribe after the close, read the bus as usual."""
        ...

    def subscribe(self, channel: str, after: int = 0) -> AsyncGenerator[tuple[int, Payload], None]:
        """Entries after position ``after``, then new ones until the channel is closed."""
        ...

    async def tail(self, channel: str) -> int:
        """The position of the channel's last entry (0 when empty or unknown)."""
        ...

    async def exists(self, channel: str) -> bool: ...

    async def ping(self) -> None:
        """Raise if the bus cannot be reached (readiness)."""
        ...

    async def aclose(self) -> None: ...
