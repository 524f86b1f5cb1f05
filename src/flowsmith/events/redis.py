"""Redis Streams event bus: any replica publishes, any replica's listeners replay and follow.

One stream per channel. Entry ids are ``0-<n>``, so the stream id *is* the SSE position;
``n`` comes from a counter incremented in the same Lua call as the XADD, which keeps
positions dense and ordered with any number of publishers (a publish that names a number
to go past, ``after``, leaves a gap that readers skip). Closing adds the sentinel
``1-0`` (greater than every ``0-n``), which wakes blocked readers and ends them. Both keys
expire after the retention period; the database keeps the durable record.

Each process reads a channel once, however many of its clients listen, into a local
``ChannelLog`` that its listeners read exactly like the in-process bus. The channels a
process follows are read together: up to ``SHARD_SIZE`` of them share one blocking XREAD
(one connection, one task), which loads each new channel from its start and then follows
all of them. Ten thousand listeners of ten thousand sessions hold ~80 connections, not ten
thousand; and under load one read brings the new entries of many channels at once. A
channel added while its shard's read is blocked wakes the read with an entry on the
shard's own wake stream, so it is loaded at once, not after ``block_ms``.

An entry this process publishes is also put into its local log at once (when it is the
next position there), so the listeners on the publisher's replica do not wait for the read
to bring it back; the read still brings it, and every entry from other replicas, and
positions already held are ignored.

A channel this process **owns** (``own``: a chat turn's, whose turn is its only publisher
until it closes it) is numbered here, not by the counter script: each entry goes into the
owner's log, where this replica's listeners read it at once, and is written to Redis
behind the publisher, at the position it was given: one script call writes a batch for
every owned channel, and the next batch gathers while it is written (one write in flight,
batches in order). ``close`` waits for the channel's entries to be written before it
writes the end, so a listener elsewhere, or any that subscribes after the close, reads
every entry from Redis.

Followers never depend on cancelling a blocking read: redis-py can swallow the cancellation
of one (redis/redis-py#2028), which left followers of departed listeners reading, each
holding a connection, until the pool ran out ("Too many connections") and every command
failed. A shard's task stops once it has no channels left, within one short ``block_ms``,
and followers have their own connection pool, so however many there are, publishing and
the other commands always get a connection.

A Redis restart is waited out for up to ``retry_window_s``: publishing retries, followers
reconnect and continue after the last entry they saw. A restart that lost the data (no
persistence) does not reset positions: each publisher remembers the last position it
gave a channel and the counter continues from there, and followers place entries by their
position, so ``Last-Event-ID`` values from before the restart stay valid after it.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import logging
import time
import uuid
from collections.abc import AsyncGenerator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from redis.asyncio import BlockingConnectionPool, Redis
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from flowsmith.events.bus import Payload, encode_payload
from flowsmith.events.memory import ChannelLog

log = logging.getLogger(__name__)

T = TypeVar("T")
SENTINEL_ID = "1-0"
# channels read by one blocking XREAD (one connection, one task)
SHARD_SIZE = 128
_UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
# the last position this process gave each channel (bounded; closed channels are dropped)
_MAX_REMEMBERED = 50_000
# Publishes a batch: KEYS are (stream, counter) pairs, ARGV the retention then a
# (payload, floor) pair per entry, in publish order; returns each entry's position.
_PUBLISH = """
local out = {}
for i = 1, #KEYS / 2 do
  local stream, counter = KEYS[2 * i - 1], KEYS[2 * i]
  local n = redis.call('INCR', counter)
  local floor = tonumber(ARGV[2 * i + 1])
  if n <= floor then
    n = floor + 1
    redis.call('SET', counter, n)
  end
  redis.call('XADD', stream, '0-' .. n, 'd', ARGV[2 * i])
  redis.call('EXPIRE', stream, ARGV[1])
  redis.call('EXPIRE', counter, ARGV[1])
  out[i] = n
end
return out
"""
# entries per script call: a batch larger than this is sent as several calls, in order
_PUBLISH_CHUNK = 500
# owned channels' entries waiting for Redis beyond which a publisher waits for the write
_MAX_BEHIND = 20_000
# Writes an owned channel's entries at the positions its publisher gave them. KEYS are
# (stream, counter) pairs, ARGV the retention then a (payload, position) pair per entry.
# An entry already written (a batch retried after a lost reply) is skipped by XADD's own
# rule that ids only grow; the counter is raised to the position, never lowered.
_APPEND = """
for i = 1, #KEYS / 2 do
  local stream, counter = KEYS[2 * i - 1], KEYS[2 * i]
  local n = tonumber(ARGV[2 * i + 1])
  redis.pcall('XADD', stream, '0-' .. n, 'd', ARGV[2 * i])
  if tonumber(redis.call('GET', counter) or '0') < n then
    redis.call('SET', counter, n)
  end
  redis.call('EXPIRE', stream, ARGV[1])
  redis.call('EXPIRE', counter, ARGV[1])
end
return #KEYS / 2
"""
_CLOSE = """
if redis.call('EXISTS', KEYS[3]) == 1 then return 0 end
redis.call('SET', KEYS[3], '1', 'EX', ARGV[1])
redis.call('XADD', KEYS[1], '1-0', 'closed', '1')
redis.call('EXPIRE', KEYS[1], ARGV[1])
return 1
"""


@dataclass(eq=False)
class _Follow:
    """One followed channel: its stream key, its local log, the last entry id read."""

    channel: str
    stream: str
    local: ChannelLog
    last: str = "0-0"


@dataclass(eq=False)
class _Shard:
    """Channels read together by one task with one blocking XREAD."""

    number: int
    wake_key: str
    follows: dict[str, _Follow] = field(default_factory=dict)  # stream key -> follow
    reading: frozenset[str] = frozenset()  # the stream keys of the read in flight
    wake_last: str = "0-0"
    wake_pending: bool = False
    task: asyncio.Task[None] | None = None


def command_retry() -> Retry:
    """Three quick retries on a new connection after a connection error or timeout."""
    return Retry(ExponentialBackoff(cap=0.5, base=0.05), 3)


# connections per command pool, and how long a command waits for one of them
DEFAULT_MAX_CONNECTIONS = 100
DEFAULT_POOL_TIMEOUT_S = 5.0


def command_client(
    url: str,
    *,
    max_connections: int = DEFAULT_MAX_CONNECTIONS,
    pool_timeout_s: float = DEFAULT_POOL_TIMEOUT_S,
) -> Redis:
    """A client for short commands: at most ``max_connections`` connections, and a command
    that finds them all in use waits up to ``pool_timeout_s`` for one.

    redis-py's default pool has 100 connections and *raises* (``MaxConnectionsError``)
    when a 101st command runs at once: a burst of a few hundred requests on one replica
    got 503 ``event_bus_unavailable`` for every request past the hundredth while Redis
    was healthy. Waiting turns a burst into a short queue; a pool still empty after the
    timeout raises ``ConnectionError("No connection available.")`` (503, as an outage).
    A command on a connection that a Redis restart closed is retried on a new one
    (redis-py's default is not to retry at all).
    """
    pool = BlockingConnectionPool.from_url(
        url,
        decode_responses=True,
        retry=command_retry(),
        max_connections=max_connections,
        timeout=pool_timeout_s,
    )
    return Redis.from_pool(pool)


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
        max_connections: int = DEFAULT_MAX_CONNECTIONS,
        pool_timeout_s: float = DEFAULT_POOL_TIMEOUT_S,
    ) -> None:
        self._redis: Redis = command_client(
            url, max_connections=max_connections, pool_timeout_s=pool_timeout_s
        )
        # blocking reads only; its own pool, so followers can never starve the commands
        self._reader: Redis = Redis.from_url(
            url, decode_responses=True, max_connections=max_followers
        )
        self._retention_s = retention_s
        self._block_ms = block_ms
        self._prefix = prefix
        self._publish = self._redis.register_script(_PUBLISH)
        self._append = self._redis.register_script(_APPEND)
        self._close = self._redis.register_script(_CLOSE)
        self._logs: dict[str, ChannelLog] = {}
        self._follows: dict[str, tuple[_Shard, _Follow]] = {}  # channel -> its shard, follow
        self._shards: list[_Shard] = []
        self._uid = uuid.uuid4().hex
        # shard number -> its task while it has channels (``_pumps`` also holds departing
        # ones, until their last read returns)
        self._followers: dict[int, asyncio.Task[None]] = {}
        self._pumps: set[asyncio.Task[None]] = set()
        self._wakers: set[asyncio.Task[None]] = set()
        self._retry_window_s = retry_window_s
        self._published: dict[str, int] = {}
        self._batch: list[tuple[tuple[str, str], str, int, asyncio.Future[Any]]] = []
        # channels this process alone publishes, with their local log (see ``own``)
        self._owned: dict[str, ChannelLog] = {}
        # owned channels' entries not yet written to Redis, and the write of the last batch
        # (each batch's write waits for the one before it, so entries land in order)
        self._behind: list[tuple[tuple[str, str], str, int]] = []
        self._behind_written: asyncio.Future[None] | None = None
        self._last_write: dict[str, asyncio.Future[None]] = {}  # owned channel -> its last
        self._unwritten: set[str] = set()  # streams of owned channels with entries lost
        self._flushers: set[asyncio.Task[None]] = set()

    @property
    def subscribers(self) -> int:
        logs = [*self._logs.values(), *self._owned.values()]
        return sum(log.readers for log in logs)

    def _keys(self, channel: str) -> tuple[str, str, str]:
        base = f"{self._prefix}:{channel}"
        return f"{base}:s", f"{base}:n", f"{base}:closed"

    async def publish(self, channel: str, payload: Payload, *, after: int = 0) -> int:
        keys = self._keys(channel)[:2]
        data = encode_payload(payload)
        owned = self._owned.get(channel)
        if owned is not None:
            # the only publisher: the position is ours to give, the listeners here get the
            # entry now, and Redis gets it in the next batch, behind us (``close`` waits
            # for it), so a turn never waits a round trip per delta
            position = owned.append(payload, after)
            written = self._last_write[channel] = self._write_behind(keys, data, position)
            if len(self._behind) >= _MAX_BEHIND:
                await asyncio.shield(written)  # Redis is behind: wait for it (backpressure)
            return position

        # the script numbers it past the floor (and past the channel's counter)
        floor = max(self._published.get(channel, 0), after)

        async def publish() -> int:
            return int(await self._batched(keys, data, floor))

        position = await self._retrying(publish)
        local = self._logs.get(channel)
        if local is not None and not local.closed and position == len(local.entries) + 1:
            # this replica's listeners get it now; the follower's copy is then ignored
            local.append(payload)
        self._published.pop(channel, None)
        self._published[channel] = position  # most recent last, for the bound below
        if len(self._published) > _MAX_REMEMBERED:
            del self._published[next(iter(self._published))]
        return position

    async def _batched(self, keys: tuple[str, str], data: str, floor: int) -> Any:
        """Publish in the next batch: every publish of this loop iteration, in one call of
        the publish script (one command, one round trip, however many entries).

        Under load many turns publish in the same iteration of the event loop; redis-py's
        per-command overhead was the largest share of a Postgres + Redis chat turn's CPU,
        and a pipeline of one script call per entry still paid it per entry. Order per
        channel is kept: a publisher awaits each publish before the next. A failure fails
        every publish of the batch, and each is retried by its caller.
        """
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._batch.append((keys, data, floor, future))
        if len(self._batch) == 1:
            task = asyncio.get_running_loop().create_task(self._flush_batch())
            self._flushers.add(task)
            task.add_done_callback(self._flushers.discard)
        return await future

    async def _flush_batch(self) -> None:
        await asyncio.sleep(0)  # let the rest of this iteration's publishers join
        batch, self._batch = self._batch, []
        try:
            positions: list[Any] = []
            entries = [(keys, data, floor) for keys, data, floor, _ in batch]
            for keys, args in self._script_calls(entries):
                # the Script object reloads the script after a NOSCRIPT (a Redis restart)
                positions += await self._publish(keys=keys, args=args)
        except BaseException as exc:
            for *_, future in batch:
                if not future.done():
                    future.set_exception(exc)
            if not isinstance(exc, Exception):
                raise
            return
        for (*_, future), position in zip(batch, positions, strict=True):
            if not future.done():  # else its publisher was cancelled
                future.set_result(position)

    def _script_calls(
        self, entries: list[tuple[tuple[str, str], str, int]]
    ) -> list[tuple[list[str], list[str | int]]]:
        """The KEYS and ARGV of the script calls that publish or append ``entries`` (each
        its (stream, counter) keys, its payload and a number), in order, at most
        ``_PUBLISH_CHUNK`` entries a call."""
        calls: list[tuple[list[str], list[str | int]]] = []
        for start in range(0, len(entries), _PUBLISH_CHUNK):
            chunk = entries[start : start + _PUBLISH_CHUNK]
            keys = [key for entry in chunk for key in entry[0]]
            args: list[str | int] = [self._retention_s]
            for _, data, number in chunk:
                args += (data, number)
            calls.append((keys, args))
        return calls

    def _write_behind(
        self, keys: tuple[str, str], data: str, position: int
    ) -> asyncio.Future[None]:
        """Queue an owned channel's entry in the batch now gathering; the future of that
        batch's write (done once it is in Redis, after every batch before it)."""
        self._behind.append((keys, data, position))
        if len(self._behind) == 1:
            loop = asyncio.get_running_loop()
            previous, written = self._behind_written, loop.create_future()
            self._behind_written = written
            task = loop.create_task(self._flush_behind(previous, written))
            self._flushers.add(task)
            task.add_done_callback(self._flushers.discard)
        assert self._behind_written is not None
        return self._behind_written

    async def _flush_behind(
        self, previous: asyncio.Future[None] | None, written: asyncio.Future[None]
    ) -> None:
        """Write the batch that gathers while the batch before it is written: at most one
        write in flight and one batch waiting, however fast the owners publish, so the
        backlog never grows into a chain of small writes (a turn publishing faster than
        round trips complete once held a queue of them, and the memory with it)."""
        batch: list[tuple[tuple[str, str], str, int]] = []
        try:
            await asyncio.sleep(0)  # let the rest of this iteration's entries join
            if previous is not None:
                with contextlib.suppress(Exception):  # its failure is its own
                    await asyncio.shield(previous)
            batch, self._behind = self._behind, []
            for keys, args in self._script_calls(batch):
                await self._retrying(functools.partial(self._append, keys=keys, args=args))
        except BaseException as exc:
            if not batch:
                batch, self._behind = self._behind, []
            self._unwritten.update(stream for (stream, _), _, _ in batch)
            if not written.done():
                written.set_exception(exc)
                written.exception()  # retrieved here: only a close awaits it, maybe none
            if not isinstance(exc, Exception):
                raise
            log.error("event bus: %d entries of owned channels not written", len(batch))
            return
        if not written.done():
            written.set_result(None)

    async def close(self, channel: str) -> None:
        keys = list(self._keys(channel))
        try:
            last_write = self._last_write.pop(channel, None)
            try:
                if last_write is not None:
                    await asyncio.shield(last_write)  # every entry in Redis before the end
            finally:
                lost = keys[0] in self._unwritten
                self._unwritten.discard(keys[0])
            if lost:
                raise RedisConnectionError(f"entries of {channel} could not be written")
            await self._retrying(lambda: self._close(keys=keys, args=[self._retention_s]))
        finally:
            owned = self._owned.pop(channel, None)
            if owned is not None:
                owned.close()  # its readers end; later subscribers read Redis
        self._published.pop(channel, None)

    def own(self, channel: str) -> None:
        """Listeners here read the channel from the publisher's own log: no follower, no
        XREAD of entries this process just wrote (a chat turn's deltas are the busiest
        channels, and reading each back cost more than publishing it); and its entries
        are numbered here and written behind the publisher (see the module's docstring),
        so a publish costs no round trip."""
        self._owned.setdefault(channel, ChannelLog())

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
        owned = self._owned.get(channel)
        if owned is not None:
            async with contextlib.aclosing(owned.read(after)) as reader:
                async for item in reader:
                    yield item
            return
        local = self._follow(channel)
        try:
            async with contextlib.aclosing(local.read(after)) as reader:
                async for item in reader:
                    yield item
        finally:
            self._release(channel, local)

    async def tail(self, channel: str) -> int:
        owned = self._owned.get(channel)
        if owned is not None:
            return len(owned.entries)
        value = await self._redis.get(self._keys(channel)[1])
        return int(value) if value else 0

    async def exists(self, channel: str) -> bool:
        return bool(await self._redis.exists(self._keys(channel)[0]))

    async def ping(self) -> None:
        await self._redis.ping()

    async def aclose(self) -> None:
        for local in [*self._logs.values(), *self._owned.values()]:
            local.close()
        for shard in self._shards:
            shard.follows.clear()
        pumps = [*self._pumps, *self._wakers]
        for task in pumps:
            task.cancel()
        if pumps:
            # a swallowed cancellation still ends within one blocking read
            await asyncio.wait(pumps, timeout=self._block_ms / 1000 + 1)
        await self._reader.aclose()
        await self._redis.aclose()

    def _follow(self, channel: str) -> ChannelLog:
        local = self._logs.get(channel)
        if local is not None:
            return local
        local = self._logs[channel] = ChannelLog()
        shard = self._shard_with_room()
        follow = _Follow(channel, self._keys(channel)[0], local)
        shard.follows[follow.stream] = follow
        self._follows[channel] = (shard, follow)
        if shard.task is None or shard.task.done():
            shard.task = asyncio.create_task(self._pump(shard))
            self._pumps.add(shard.task)
            shard.task.add_done_callback(self._pumps.discard)
        elif shard.reading and follow.stream not in shard.reading:
            self._wake(shard)
        self._followers[shard.number] = shard.task
        return local

    def _shard_with_room(self) -> _Shard:
        for shard in self._shards:
            if len(shard.follows) < SHARD_SIZE:
                return shard
        number = len(self._shards)
        shard = _Shard(number, f"{self._prefix}:wake:{self._uid}:{number}")
        self._shards.append(shard)
        return shard

    def _wake(self, shard: _Shard) -> None:
        """End the shard's blocked read now, so its next read includes the new channels."""
        if shard.wake_pending:
            return
        shard.wake_pending = True

        async def wake() -> None:
            with contextlib.suppress(Exception):  # at worst, the read ends after block_ms
                async with self._redis.pipeline(transaction=False) as pipe:
                    pipe.xadd(shard.wake_key, {"w": "1"}, maxlen=8, approximate=True)
                    pipe.expire(shard.wake_key, 60)
                    await pipe.execute()

        task = asyncio.create_task(wake())
        self._wakers.add(task)
        task.add_done_callback(self._wakers.discard)

    def _release(self, channel: str, local: ChannelLog) -> None:
        if local.readers > 0 or self._logs.get(channel) is not local:
            return
        # the last local listener left: stop reading it; a later one starts afresh. The
        # shard's read in flight may still return its entries: they are dropped
        del self._logs[channel]
        local.close()
        self._unfollow(channel, local)

    def _unfollow(self, channel: str, local: ChannelLog) -> None:
        entry = self._follows.get(channel)
        if entry is None or entry[1].local is not local:
            return
        shard, follow = entry
        del self._follows[channel]
        shard.follows.pop(follow.stream, None)
        if not shard.follows:
            self._followers.pop(shard.number, None)

    async def _pump(self, shard: _Shard) -> None:
        """Read the shard's channels, each from its first entry, until it has none left."""
        unreachable_since: float | None = None
        try:
            while shard.follows:
                follows = dict(shard.follows)
                streams = {key: follow.last for key, follow in follows.items()}
                streams[shard.wake_key] = shard.wake_last
                shard.reading = frozenset(follows)
                shard.wake_pending = False
                try:
                    response: Any = await self._reader.xread(
                        streams,  # type: ignore[arg-type]
                        block=self._block_ms,
                        count=500,
                    )
                except _UNREACHABLE:
                    # Redis restarting: keep the listeners, continue after each ``last``
                    now = time.monotonic()
                    unreachable_since = unreachable_since or now
                    if now - unreachable_since > self._retry_window_s:
                        raise
                    await asyncio.sleep(0.2)
                    continue
                finally:
                    shard.reading = frozenset()
                unreachable_since = None
                for key, entries in response or []:
                    if key == shard.wake_key:
                        shard.wake_last = entries[-1][0]
                        continue
                    follow = follows.get(key)
                    if follow is not None:
                        self._deliver(follow, entries)
        except asyncio.CancelledError:
            raise
        except Exception:
            if any(not f.local.closed for f in shard.follows.values()):
                log.exception("redis follower of %d channels failed", len(shard.follows))
            # listeners end; EventSource reconnects with Last-Event-ID and resumes
            for follow in list(shard.follows.values()):
                follow.local.close()
                self._forget(follow)
        finally:
            me = asyncio.current_task()
            if shard.task is me:
                shard.task = None
            if self._followers.get(shard.number) is me:
                del self._followers[shard.number]

    def _deliver(self, follow: _Follow, entries: list[tuple[str, dict[str, str]]]) -> None:
        local = follow.local
        for entry_id, fields in entries:
            follow.last = entry_id
            if local.closed:
                break
            if entry_id == SENTINEL_ID:
                local.close()
                break
            position = int(entry_id.split("-")[1])
            if position > len(local.entries):  # not already put here by our own publish
                # placed by position: entries lost in a restart leave gaps
                local.put(position, json.loads(fields["d"]))
        if local.closed:
            # the channel has ended: nothing more to read; its log stays while read
            self._forget(follow)

    def _forget(self, follow: _Follow) -> None:
        """Stop reading a channel whose log is closed; drop the log once nobody reads it."""
        self._unfollow(follow.channel, follow.local)
        if self._logs.get(follow.channel) is follow.local and follow.local.readers == 0:
            del self._logs[follow.channel]
