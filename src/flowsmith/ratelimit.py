"""Per-user rate limits: requests per window, and concurrent streams.

With Redis the counts are shared by every replica; without it they are this process's.
Window limits are fixed windows keyed by the window's start (INCR + EXPIRE). A stream holds
a slot (a sorted-set member whose score is its lease end) that this replica refreshes while
the stream is open; a replica that dies stops refreshing, so its slots lapse on their own.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import time
import uuid
from dataclasses import dataclass, field
from typing import Protocol

from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from flowsmith.errors import RateLimited
from flowsmith.events.redis import (
    DEFAULT_MAX_CONNECTIONS,
    DEFAULT_POOL_TIMEOUT_S,
    command_client,
)
from flowsmith.text import api_text

log = logging.getLogger(__name__)
STREAM_LEASE_S = 90.0


class TooManyStreams(RateLimited):
    code = "too_many_streams"


class Limiter(Protocol):
    async def hit(self, key: str, limit: int, window_s: int) -> float | None:
        """Count one event; the seconds to wait if ``limit`` is exceeded, else None."""
        ...

    async def acquire(self, key: str, limit: int) -> str | None:
        """A slot id, or None when ``limit`` slots are taken."""
        ...

    async def release(self, key: str, slot: str) -> None: ...

    async def aclose(self) -> None: ...


@dataclass
class MemoryLimiter:
    _windows: dict[tuple[str, int], int] = field(default_factory=dict)
    _slots: dict[str, set[str]] = field(default_factory=dict)

    async def hit(self, key: str, limit: int, window_s: int) -> float | None:
        now = time.time()
        start = int(now // window_s)
        count = self._windows.get((key, start), 0) + 1
        self._windows[(key, start)] = count
        if len(self._windows) > 10_000:
            self._windows = {k: v for k, v in self._windows.items() if k[1] >= start}
        return (start + 1) * window_s - now if count > limit else None

    async def acquire(self, key: str, limit: int) -> str | None:
        slots = self._slots.setdefault(key, set())
        if len(slots) >= limit:
            return None
        slot = uuid.uuid4().hex
        slots.add(slot)
        return slot

    async def release(self, key: str, slot: str) -> None:
        slots = self._slots.get(key)
        if slots is not None:
            slots.discard(slot)
            if not slots:
                del self._slots[key]

    async def aclose(self) -> None:
        return None


_ACQUIRE = """
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[4])
redis.call('EXPIRE', KEYS[1], ARGV[5])
return 1
"""


class RedisLimiter:
    def __init__(
        self,
        url: str,
        prefix: str = "fs:rl",
        *,
        max_connections: int = DEFAULT_MAX_CONNECTIONS,
        pool_timeout_s: float = DEFAULT_POOL_TIMEOUT_S,
    ) -> None:
        # a bounded pool that makes a burst wait for a connection (see ``command_client``)
        self._redis: Redis = command_client(
            url, max_connections=max_connections, pool_timeout_s=pool_timeout_s
        )
        self._prefix = prefix
        self._acquire = self._redis.register_script(_ACQUIRE)
        self._held: dict[str, str] = {}  # slot -> key, refreshed while held
        self._refresher: asyncio.Task[None] | None = None

    async def hit(self, key: str, limit: int, window_s: int) -> float | None:
        now = time.time()
        start = int(now // window_s)
        name = f"{self._prefix}:w:{key}:{start}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(name)
            pipe.expire(name, window_s + 1)
            count, _ = await pipe.execute()
        return (start + 1) * window_s - now if int(count) > limit else None

    async def acquire(self, key: str, limit: int) -> str | None:
        slot, now = uuid.uuid4().hex, time.time()
        name = f"{self._prefix}:s:{key}"
        args: list[float | int | str] = [
            now,
            now + STREAM_LEASE_S,
            limit,
            slot,
            math.ceil(STREAM_LEASE_S * 2),
        ]
        if not int(await self._acquire(keys=[name], args=args)):
            return None
        self._held[slot] = name
        if self._refresher is None:
            self._refresher = asyncio.create_task(self._refresh())
        return slot

    async def release(self, key: str, slot: str) -> None:
        name = self._held.pop(slot, None)
        if name is not None:
            await self._redis.zrem(name, slot)

    async def _refresh(self) -> None:
        while True:
            await asyncio.sleep(STREAM_LEASE_S / 3)
            lease_end = time.time() + STREAM_LEASE_S
            with contextlib.suppress(Exception):
                for slot, name in list(self._held.items()):
                    await self._redis.zadd(name, {slot: lease_end}, xx=True)

    async def aclose(self) -> None:
        if self._refresher is not None:
            self._refresher.cancel()
            await asyncio.gather(self._refresher, return_exceptions=True)
        await self._redis.aclose()


@dataclass(frozen=True)
class Limits:
    sessions_per_minute: int
    turns_per_minute: int
    streams_per_user: int


class RateLimits:
    """The checks the endpoints make; a limit of 0 means unlimited."""

    def __init__(self, limiter: Limiter, limits: Limits) -> None:
        self.limiter = limiter
        self.limits = limits

    async def check_session(self, user_id: str) -> None:
        await self._per_minute("session", user_id, self.limits.sessions_per_minute)

    async def check_turn(self, user_id: str) -> None:
        await self._per_minute("turn", user_id, self.limits.turns_per_minute)

    async def _per_minute(self, what: str, user_id: str, limit: int) -> None:
        if limit <= 0:
            return
        wait = await self.limiter.hit(f"{what}:{user_id}", limit, 60)
        if wait is not None:
            retry = max(1, math.ceil(wait))
            raise RateLimited(
                api_text("error.rate_limited", what=what, limit=limit, retry=retry),
                headers={"Retry-After": str(retry)},
            )

    async def open_stream(self, user_id: str) -> str | None:
        """A slot to release when the stream ends (None when streams are unlimited)."""
        limit = self.limits.streams_per_user
        if limit <= 0:
            return None
        slot = await self.limiter.acquire(f"streams:{user_id}", limit)
        if slot is None:
            raise TooManyStreams(
                api_text("error.too_many_streams", limit=limit),
                headers={"Retry-After": "5"},
            )
        return slot

    async def close_stream(self, user_id: str, slot: str | None) -> None:
        """Release a stream's slot. Runs after the response has finished, where an error
        can only be logged: a Redis outage is one warning line (the slot is no longer
        refreshed, so its lease lapses by itself), not uvicorn's "Exception in ASGI
        application" and a traceback."""
        if slot is None:
            return
        try:
            await self.limiter.release(f"streams:{user_id}", slot)
        except (RedisConnectionError, RedisTimeoutError, OSError) as exc:
            log.warning(
                "stream slot not released (Redis unavailable: %s); it lapses within %d s",
                type(exc).__name__,
                STREAM_LEASE_S,
            )
