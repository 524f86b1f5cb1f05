"""Redis Streams event bus: any replica publishes, any replica's listeners replay and follow.

One stream per channel. Entry ids are ``0-<n>``, so the stream id *is* the SSE position;
``n`` comes from a counter incremented in the same Lua call as the XADD, which keeps
positions dense and ordered with any number of publishers. Closing adds the sentinel
``1-0`` (greater than every ``0-n``), which wakes blocked readers and ends them. Both keys
expire after the retention period; the database keeps the durable record.

Each process reads a channel once, however many of its clients listen: a per-channel
follower loads the stream, then follows it with a blocking XREAD, into a local
``ChannelLog`` that its listeners read exactly like the in-process bus.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator
from typing import Any

from redis.asyncio import Redis

from flowsmith.events.bus import Payload
from flowsmith.events.memory import ChannelLog

log = logging.getLogger(__name__)

SENTINEL_ID = "1-0"
_PUBLISH = """
local n = redis.call('INCR', KEYS[2])
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


class RedisBus:
    def __init__(
        self, url: str, *, retention_s: int = 3600, block_ms: int = 10_000, prefix: str = "fs"
    ) -> None:
        self._redis: Redis = Redis.from_url(url, decode_responses=True)
        self._retention_s = retention_s
        self._block_ms = block_ms
        self._prefix = prefix
        self._publish = self._redis.register_script(_PUBLISH)
        self._close = self._redis.register_script(_CLOSE)
        self._logs: dict[str, ChannelLog] = {}
        self._followers: dict[str, asyncio.Task[None]] = {}

    @property
    def subscribers(self) -> int:
        return sum(log.readers for log in self._logs.values())

    def _keys(self, channel: str) -> tuple[str, str, str]:
        base = f"{self._prefix}:{channel}"
        return f"{base}:s", f"{base}:n", f"{base}:closed"

    async def publish(self, channel: str, payload: Payload) -> int:
        stream, counter, _ = self._keys(channel)
        data = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
        return int(await self._publish(keys=[stream, counter], args=[data, self._retention_s]))

    async def close(self, channel: str) -> None:
        await self._close(keys=list(self._keys(channel)), args=[self._retention_s])

    async def subscribe(self, channel: str, after: int = 0) -> AsyncIterator[tuple[int, Payload]]:
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
        for task in self._followers.values():
            task.cancel()
        await asyncio.gather(*self._followers.values(), return_exceptions=True)
        for local in self._logs.values():
            local.close()
        await self._redis.aclose()

    def _follow(self, channel: str) -> ChannelLog:
        local = self._logs.get(channel)
        if local is None:
            local = self._logs[channel] = ChannelLog()
            self._followers[channel] = asyncio.create_task(self._pump(channel, local))
        return local

    def _release(self, channel: str, local: ChannelLog) -> None:
        if local.readers > 0 or self._logs.get(channel) is not local:
            return
        # the last local listener left: stop reading; a later one starts afresh
        del self._logs[channel]
        task = self._followers.pop(channel, None)
        if task is not None:
            task.cancel()

    async def _pump(self, channel: str, local: ChannelLog) -> None:
        """Copy the stream into ``local`` from its first entry, then follow it until closed."""
        stream = self._keys(channel)[0]
        last = "0-0"
        try:
            while not local.closed:
                response: Any = await self._redis.xread(
                    {stream: last}, block=self._block_ms, count=500
                )
                for _key, entries in response or []:
                    for entry_id, fields in entries:
                        last = entry_id
                        if entry_id == SENTINEL_ID:
                            local.close()
                            break
                        local.append(json.loads(fields["d"]))
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("redis follower for %s failed", channel)
            # listeners end; EventSource reconnects with Last-Event-ID and resumes
            local.close()
        finally:
            with contextlib.suppress(Exception):
                if self._logs.get(channel) is local and local.readers == 0:
                    del self._logs[channel]
