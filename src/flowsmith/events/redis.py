"""Redis Streams event bus: any replica publishes, any replica's listeners replay and follow.

One stream per channel. Entry ids are ``0-<n>``, so the stream id *is* the SSE position;
``n`` comes from a counter incremented in the same Lua call as the XADD, which keeps
positions dense and ordered with any number of publishers. Closing adds the sentinel
``1-0`` (greater than every ``0-n``), which wakes blocked readers and ends them. Both keys
expire after the retention period; the database keeps the durable record.

Each process reads a channel once, however many of its clients listen: a per-channel
follower loads the stream, then follows it with a blocking XREAD, into a local
``ChannelLog`` that its listeners read exactly like the in-process bus.

Followers never depend on cancelling a blocking read: redis-py can swallow the cancellation
of one (redis/redis-py#2028), which left followers of departed listeners reading, each
holding a connection, until the pool ran out ("Too many connections") and every command
failed. A follower stops once its local log is closed, within one short ``block_ms``, and
followers have their own connection pool, so however many there are, publishing and the
other commands always get a connection.

A Redis restart is waited out for up to ``retry_window_s``: publishing retries, followers
reconnect and continue after the last entry they saw. A restart that lost the data (no
persistence) does not reset positions: each publisher remembers the last position it
gave a channel and the counter continues from there, and followers place entries by their
position, so ``Last-Event-ID`` values from before the restart stay valid after it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import AsyncGenerator, Awaitable, Callable
from typing import Any, TypeVar

from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from flowsmith.events.bus import Payload
from flowsmith.events.memory import ChannelLog

log = logging.getLogger(__name__)

T = TypeVar("T")
SENTINEL_ID = "1-0"
_UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
# the last position this process gave each channel (bounded; closed channels are dropped)
_MAX_REMEMBERED = 50_000
_PUBLISH = """
local n = redis.call('INCR', KEYS[2])
local floor = tonumber(ARGV[3])
if n <= floor then
  n = floor + 1
  redis.call('SET', KEYS[2], n)
end
redis.call('XADD', KEYS[1], '0-' .. n, 'd', ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[2])
redis.call('EXPIRE', KEYS[2], ARGV[2])
return n
"""
_CLOSE = """
if redis.call('EXISTS', KEYS[3]) == 1 then return 0 end
redis.call('SET', KEYS[3], '1', 'EX', ARGV[1])
redis.call('XADD', KEYS[1], '1-0', 'closed', '1')
redis.call('EXPIRE', KEYS[1], ARGV[1])
return 1
"""


def command_retry() -> Retry:
    """Three quick retries on a new connection after a connection error or timeout."""
    return Retry(ExponentialBackoff(cap=0.5, base=0.05), 3)


class RedisBus:
    def __init__(
        self,
        url: str,
        *,
        retention_s: int = 3600,
        block_ms: int = 1_000,
        prefix: str = "fs",
        max_followers: int = 2_000,
        retry_window_s: float = 15.0,
    ) -> None:
        # a command on a connection that a Redis restart closed is retried on a new one
        # (redis-py's default is not to retry at all)
        self._redis: Redis = Redis.from_url(url, decode_responses=True, retry=command_retry())
        # blocking reads only; its own pool, so followers can never starve the commands
        self._reader: Redis = Redis.from_url(
            url, decode_responses=True, max_connections=max_followers
        )
        self._retention_s = retention_s
        self._block_ms = block_ms
        self._prefix = prefix
        self._publish = self._redis.register_script(_PUBLISH)
        self._close = self._redis.register_script(_CLOSE)
        self._logs: dict[str, ChannelLog] = {}
        self._followers: dict[str, asyncio.Task[None]] = {}
        self._pumps: set[asyncio.Task[None]] = set()  # current and departing followers
        self._retry_window_s = retry_window_s
        self._published: dict[str, int] = {}

    @property
    def subscribers(self) -> int:
        return sum(log.readers for log in self._logs.values())

    def _keys(self, channel: str) -> tuple[str, str, str]:
        base = f"{self._prefix}:{channel}"
        return f"{base}:s", f"{base}:n", f"{base}:closed"

    async def publish(self, channel: str, payload: Payload) -> int:
        stream, counter, _ = self._keys(channel)
        data = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))

        async def publish() -> int:
            floor = self._published.get(channel, 0)
            args: list[str | int] = [data, self._retention_s, floor]
            return int(await self._publish(keys=[stream, counter], args=args))

        position = await self._retrying(publish)
        self._published.pop(channel, None)
        self._published[channel] = position  # most recent last, for the bound below
        if len(self._published) > _MAX_REMEMBERED:
            del self._published[next(iter(self._published))]
        return position

    async def close(self, channel: str) -> None:
        keys = list(self._keys(channel))
        await self._retrying(lambda: self._close(keys=keys, args=[self._retention_s]))
        self._published.pop(channel, None)

    async def _retrying(self, call: Callable[[], Awaitable[T]]) -> T:
        """``call``, retried while Redis is unreachable, for up to ``retry_window_s``."""
        deadline = time.monotonic() + self._retry_window_s
        delay = 0.05
        while True:
            try:
                return await call()
            except _UNREACHABLE:
                if time.monotonic() + delay > deadline:
                    raise
                await asyncio.sleep(delay)
                delay = min(delay * 2, 1.0)

    async def subscribe(
        self, channel: str, after: int = 0
    ) -> AsyncGenerator[tuple[int, Payload], None]:
        local = self._follow(channel)
        try:
            async with contextlib.aclosing(local.read(after)) as reader:
                async for item in reader:
                    yield item
        finally:
            self._release(channel, local)

    async def tail(self, channel: str) -> int:
        value = await self._redis.get(self._keys(channel)[1])
        return int(value) if value else 0

    async def exists(self, channel: str) -> bool:
        return bool(await self._redis.exists(self._keys(channel)[0]))

    async def ping(self) -> None:
        await self._redis.ping()

    async def aclose(self) -> None:
        for local in self._logs.values():
            local.close()
        pumps = list(self._pumps)
        for task in pumps:
            task.cancel()
        if pumps:
            # a swallowed cancellation still ends within one blocking read
            await asyncio.wait(pumps, timeout=self._block_ms / 1000 + 1)
        await self._reader.aclose()
        await self._redis.aclose()

    def _follow(self, channel: str) -> ChannelLog:
        local = self._logs.get(channel)
        if local is None:
            local = self._logs[channel] = ChannelLog()
            task = asyncio.create_task(self._pump(channel, local))
            self._followers[channel] = task
            self._pumps.add(task)
            task.add_done_callback(self._pumps.discard)
        return local

    def _release(self, channel: str, local: ChannelLog) -> None:
        if local.readers > 0 or self._logs.get(channel) is not local:
            return
        # the last local listener left: stop reading; a later one starts afresh. Closing
        # the log stops the follower after its current read even if the cancel is lost
        del self._logs[channel]
        local.close()
        task = self._followers.pop(channel, None)
        if task is not None:
            task.cancel()

    async def _pump(self, channel: str, local: ChannelLog) -> None:
        """Copy the stream into ``local`` from its first entry, then follow it until closed."""
        stream = self._keys(channel)[0]
        last = "0-0"
        unreachable_since: float | None = None
        try:
            while not local.closed:
                try:
                    response: Any = await self._reader.xread(
                        {stream: last}, block=self._block_ms, count=500
                    )
                except _UNREACHABLE:
                    # Redis restarting: keep the listeners, continue after ``last``
                    now = time.monotonic()
                    unreachable_since = unreachable_since or now
                    if now - unreachable_since > self._retry_window_s:
                        raise
                    await asyncio.sleep(0.2)
                    continue
                unreachable_since = None
                for _key, entries in response or []:
                    for entry_id, fields in entries:
                        last = entry_id
                        if entry_id == SENTINEL_ID:
                            local.close()
                            break
                        # placed by position: entries lost in a restart leave gaps
                        local.put(int(entry_id.split("-")[1]), json.loads(fields["d"]))
        except asyncio.CancelledError:
            raise
        except Exception:
            if not local.closed:
                log.exception("redis follower for %s failed", channel)
            # listeners end; EventSource reconnects with Last-Event-ID and resumes
            local.close()
        finally:
            with contextlib.suppress(Exception):
                if self._logs.get(channel) is local and local.readers == 0:
                    del self._logs[channel]
