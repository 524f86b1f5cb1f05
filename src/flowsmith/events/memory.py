"""In-process event bus: the embedded default, for a single ``flowsmith serve``.

Fan-out costs one ``asyncio.Event`` per channel, not per subscriber: each append sets the
channel's current event and replaces it, waking every waiting subscriber at once. The same
``ChannelLog`` is the local fan-out of the Redis bus.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncGenerator
from dataclasses import dataclass, field

from flowsmith.events.bus import Payload


@dataclass
class ChannelLog:
    """Entries numbered from 1 in append order; readers replay, then wait for more."""

    # None marks a position whose entry is gone (the Redis bus after a restart that lost
    # data): readers skip it, so the positions of the entries that remain stay theirs
    entries: list[Payload | None] = field(default_factory=list)
    closed: bool = False
    changed: asyncio.Event = field(default_factory=asyncio.Event)
    touched: float = field(default_factory=time.monotonic)
    readers: int = 0

    def append(self, payload: Payload, after: int = 0) -> int:
        """Store ``payload`` at the next position, or at ``after + 1`` if that is further
        (the gap left empty); its position."""
        if after > len(self.entries):
            self.entries.extend([None] * (after - len(self.entries)))
        self.entries.append(payload)
        self._notify()
        return len(self.entries)

    def put(self, position: int, payload: Payload) -> None:
        """Store ``payload`` at ``position`` (1-based): ignored if already held, any gap
        before it left empty."""
        if position <= len(self.entries):
            return
        self.entries.extend([None] * (position - 1 - len(self.entries)))
        self.append(payload)

    def close(self) -> None:
        self.closed = True
        self._notify()

    def _notify(self) -> None:
        self.touched = time.monotonic()
        # set wakes every reader waiting now; clear re-arms the same event for the next
        # entry (readers re-check the log before they wait again, with no await between)
        self.changed.set()
        self.changed.clear()

    async def read(self, after: int) -> AsyncGenerator[tuple[int, Payload], None]:
        position = max(after, 0)
        self.readers += 1
        try:
            while True:
                while position < len(self.entries):
                    position += 1
                    entry = self.entries[position - 1]
                    if entry is not None:
                        yield position, entry
                if self.closed:
                    return
                await self.changed.wait()
        finally:
            self.readers -= 1
            self.touched = time.monotonic()


class MemoryBus:
    def __init__(self, retention_s: float = 3600.0) -> None:
        self._channels: dict[str, ChannelLog] = {}
        self._retention_s = retention_s
        self._last_sweep = time.monotonic()

    @property
    def subscribers(self) -> int:
        """Live subscriptions, for leak checks."""
        return sum(log.readers for log in self._channels.values())

    async def publish(self, channel: str, payload: Payload, *, after: int = 0) -> int:
        position = self._channel(channel).append(payload, after)
        self._sweep()
        return position

    async def close(self, channel: str) -> None:
        self._channel(channel).close()

    def own(self, channel: str) -> None:
        return None  # every channel here is local already

    def subscribe(self, channel: str, after: int = 0) -> AsyncGenerator[tuple[int, Payload], None]:
        # subscribing may precede the first publish (a queued generation): it waits for it
        return self._channel(channel).read(after)

    async def tail(self, channel: str) -> int:
        log = self._channels.get(channel)
        return len(log.entries) if log else 0

    async def exists(self, channel: str) -> bool:
        return channel in self._channels

    async def ping(self) -> None:
        return None

    async def aclose(self) -> None:
        for log in self._channels.values():
            log.close()

    def _channel(self, channel: str) -> ChannelLog:
        log = self._channels.get(channel)
        if log is None:
            log = self._channels[channel] = ChannelLog()
        return log

    def _sweep(self) -> None:
        """Forget channels untouched for the retention period (checked at most once a minute)."""
        now = time.monotonic()
        if now - self._last_sweep < 60:
            return
        self._last_sweep = now
        # a channel someone still reads (a long-lived subscription such as the turns'
        # control channel) is in use however long it has been quiet
        for name in [
            n
            for n, log in self._channels.items()
            if now - log.touched > self._retention_s and log.readers == 0
        ]:
            self._channels.pop(name).close()
