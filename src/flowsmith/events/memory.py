"""In-process event bus: the embedded default, for a single ``flowsmith serve``.

Fan-out costs one ``asyncio.Event`` per channel, not per subscriber: each publish sets the
channel's current event and replaces it, waking every waiting subscriber at once.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

from flowsmith.events.bus import Payload


@dataclass
class _Channel:
    entries: list[Payload] = field(default_factory=list)
    closed: bool = False
    changed: asyncio.Event = field(default_factory=asyncio.Event)
    touched: float = field(default_factory=time.monotonic)

    def notify(self) -> None:
        self.touched = time.monotonic()
        self.changed.set()
        self.changed = asyncio.Event()


class MemoryBus:
    def __init__(self, retention_s: float = 3600.0) -> None:
        self._channels: dict[str, _Channel] = {}
        self._retention_s = retention_s
        self._last_sweep = time.monotonic()
        self.subscribers = 0  # live subscriptions, for leak checks

    async def publish(self, channel: str, payload: Payload) -> int:
        state = self._channel(channel)
        state.entries.append(payload)
        state.notify()
        self._sweep()
        return len(state.entries)

    async def close(self, channel: str) -> None:
        state = self._channel(channel)
        state.closed = True
        state.notify()

    async def subscribe(self, channel: str, after: int = 0) -> AsyncIterator[tuple[int, Payload]]:
        # subscribing may precede the first publish (a queued generation): wait for it
        state = self._channel(channel)
        position = max(after, 0)
        self.subscribers += 1
        try:
            while True:
                while position < len(state.entries):
                    position += 1
                    yield position, state.entries[position - 1]
                if state.closed:
                    return
                await state.changed.wait()
        finally:
            self.subscribers -= 1

    async def tail(self, channel: str) -> int:
        state = self._channels.get(channel)
        return len(state.entries) if state else 0

    async def exists(self, channel: str) -> bool:
        return channel in self._channels

    async def ping(self) -> None:
        return None

    async def aclose(self) -> None:
        for state in self._channels.values():
            state.closed = True
            state.notify()

    def _channel(self, channel: str) -> _Channel:
        state = self._channels.get(channel)
        if state is None:
            state = self._channels[channel] = _Channel()
        return state

    def _sweep(self) -> None:
        """Forget channels untouched for the retention period (checked at most once a minute)."""
        now = time.monotonic()
        if now - self._last_sweep < 60:
            return
        self._last_sweep = now
        stale = [
            name
            for name, state in self._channels.items()
            if now - state.touched > self._retention_s
        ]
        for name in stale:
            state = self._channels.pop(name)
            state.closed = True
            state.notify()
