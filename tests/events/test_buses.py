"""Both buses honour the same contract; the Redis one against the real server on 6379."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
from redis.exceptions import ConnectionError as RedisConnectionError

from flowsmith.events.bus import EventBus
from flowsmith.events.memory import MemoryBus
from flowsmith.events.redis import RedisBus

REDIS_URL = os.environ.get("FLOWSMITH_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture(params=["memory", "redis"])
async def bus(request: pytest.FixtureRequest) -> AsyncIterator[EventBus]:
    if request.param == "memory":
        instance: EventBus = MemoryBus()
    else:
        instance = RedisBus(
            REDIS_URL, retention_s=60, block_ms=200, prefix=f"t{uuid.uuid4().hex[:8]}"
        )
        await instance.ping()
    yield instance
    await instance.aclose()


async def collect(bus: EventBus, channel: str, after: int = 0) -> list[tuple[int, dict]]:  # type: ignore[type-arg]
    return [item async for item in bus.subscribe(channel, after)]


async def test_replay_then_follow_until_closed(bus: EventBus) -> None:
    await bus.publish("c", {"n": 1})
    reader = asyncio.create_task(collect(bus, "c"))
    await asyncio.sleep(0.05)
    await bus.publish("c", {"n": 2})
    await bus.publish("c", {"n": 3})
    await bus.close("c")
    assert await asyncio.wait_for(reader, 5) == [(1, {"n": 1}), (2, {"n": 2}), (3, {"n": 3})]
    assert await collect(bus, "c", after=2) == [(3, {"n": 3})]
    assert await bus.tail("c") == 3 and await bus.exists("c")


async def test_subscribe_before_first_publish_waits(bus: EventBus) -> None:
    reader = asyncio.create_task(collect(bus, "later"))
    await asyncio.sleep(0.05)
    assert not reader.done()
    await bus.publish("later", {"x": 1})
    await bus.close("later")
    assert await asyncio.wait_for(reader, 5) == [(1, {"x": 1})]


async def test_fan_out_each_subscriber_gets_every_entry_once(bus: EventBus) -> None:
    readers = [asyncio.create_task(collect(bus, "fan")) for _ in range(50)]
    await asyncio.sleep(0.05)
    for n in range(20):
        await bus.publish("fan", {"n": n})
    await bus.close("fan")
    results = await asyncio.wait_for(asyncio.gather(*readers), 10)
    assert all([p for p, _ in r] == list(range(1, 21)) for r in results)
    await asyncio.sleep(0.05)
    assert bus.subscribers == 0  # type: ignore[attr-defined]


async def test_concurrent_publishers_get_dense_positions(bus: EventBus) -> None:
    positions = await asyncio.gather(*(bus.publish("many", {"i": i}) for i in range(100)))
    assert sorted(positions) == list(range(1, 101))
    await bus.close("many")
    assert [p for p, _ in await collect(bus, "many")] == list(range(1, 101))


async def test_abandoned_subscription_releases(bus: EventBus) -> None:
    await bus.publish("gone", {"a": 1})
    stream = bus.subscribe("gone", 0)
    assert (await anext(stream))[0] == 1
    await stream.aclose()  # type: ignore[attr-defined]
    assert bus.subscribers == 0  # type: ignore[attr-defined]


async def test_redis_replicas_share_a_channel() -> None:
    prefix = f"t{uuid.uuid4().hex[:8]}"
    a = RedisBus(REDIS_URL, retention_s=60, block_ms=200, prefix=prefix)
    b = RedisBus(REDIS_URL, retention_s=60, block_ms=200, prefix=prefix)
    try:
        reader = asyncio.create_task(collect(b, "shared"))
        await asyncio.sleep(0.05)
        await a.publish("shared", {"from": "a"})
        await b.publish("shared", {"from": "b"})
        await a.close("shared")
        assert await asyncio.wait_for(reader, 5) == [(1, {"from": "a"}), (2, {"from": "b"})]
    finally:
        await a.aclose()
        await b.aclose()


async def test_batched_publishes_keep_each_channels_order(bus: EventBus) -> None:
    """Publishers of many channels in the same loop iterations (one pipeline per iteration
    on Redis): each channel's entries in its publisher's order, positions dense."""

    async def publisher(channel: str) -> list[int]:
        return [await bus.publish(channel, {"n": n}) for n in range(20)]

    channels = [f"batch-{i}" for i in range(10)]
    results = await asyncio.gather(*(publisher(c) for c in channels))
    assert all(positions == list(range(1, 21)) for positions in results)
    for channel in channels:
        await bus.close(channel)
        assert [e["n"] for _, e in await collect(bus, channel)] == list(range(20))


async def test_redis_batch_survives_a_script_cache_flush() -> None:
    """After a Redis restart the scripts are gone (NOSCRIPT): a batch reloads them."""
    bus = RedisBus(REDIS_URL, retention_s=60, block_ms=200, prefix=f"t{uuid.uuid4().hex[:8]}")
    try:
        await bus.publish("warm", {"n": 0})
        await bus._redis.script_flush()
        positions = await asyncio.gather(*(bus.publish("flushed", {"n": n}) for n in range(5)))
        assert sorted(positions) == [1, 2, 3, 4, 5]
    finally:
        await bus.aclose()


async def test_an_owned_channel_is_read_here_and_elsewhere(bus: EventBus) -> None:
    """The publisher's own listeners read its log; another replica's read Redis; a
    listener after the close replays from the bus. All see the same entries."""
    bus.own("owned")
    here = asyncio.create_task(collect(bus, "owned"))
    await asyncio.sleep(0)
    if isinstance(bus, RedisBus):
        assert "owned" not in bus._follows  # read from the publisher's log, not an XREAD
    for n in range(5):
        await bus.publish("owned", {"n": n})
    await bus.close("owned")
    expected = [(i + 1, {"n": i}) for i in range(5)]
    assert await asyncio.wait_for(here, 5) == expected
    assert await asyncio.wait_for(collect(bus, "owned"), 5) == expected
    assert await asyncio.wait_for(collect(bus, "owned", after=3), 5) == expected[3:]
    if isinstance(bus, RedisBus):
        assert await replay_elsewhere(bus._prefix, "owned") == expected


def _redis_bus(prefix: str | None = None) -> RedisBus:
    prefix = prefix or f"t{uuid.uuid4().hex[:8]}"
    return RedisBus(REDIS_URL, retention_s=60, block_ms=200, prefix=prefix, retry_window_s=5)


async def replay_elsewhere(prefix: str, channel: str) -> list[tuple[int, dict]]:  # type: ignore[type-arg]
    """What another replica (a bus of its own on the same Redis) reads of ``channel``."""
    other = _redis_bus(prefix)
    try:
        return await asyncio.wait_for(collect(other, channel), 5)
    finally:
        await other.aclose()


def before_append(bus: RedisBus, hook: Callable[[dict[str, Any]], Awaitable[None]]) -> None:
    """Run ``hook(kwargs)`` before each of ``bus``'s owned-channel writes (it may raise)."""
    real = bus._append

    async def wrapped(*args: Any, **kwargs: Any) -> Any:
        await hook(kwargs)
        return await real(*args, **kwargs)

    bus._append = wrapped  # type: ignore[assignment]


async def test_an_owned_channel_publishes_without_a_round_trip() -> None:
    """The owner numbers the entries and its listeners get them at once; Redis gets them
    behind it, and a replica reading while the turn runs sees every one, in order."""
    owner = _redis_bus()
    other = _redis_bus(owner._prefix)
    calls: list[int] = []

    async def count(_kwargs: dict[str, Any]) -> None:
        calls.append(1)

    before_append(owner, count)
    try:
        owner.own("turn")
        elsewhere = asyncio.create_task(collect(other, "turn"))
        positions = [await owner.publish("turn", {"n": n}) for n in range(50)]
        assert positions == list(range(1, 51))
        assert calls == []  # no publish waited for Redis: the writes are queued
        assert await owner.tail("turn") == 50
        await owner.close("turn")
        expected = [(n + 1, {"n": n}) for n in range(50)]
        assert await asyncio.wait_for(elsewhere, 5) == expected
        assert len(calls) <= 2  # publishes of one loop iteration share a script call
        assert await other.tail("turn") == 50
    finally:
        await owner.aclose()
        await other.aclose()


async def test_owned_writes_survive_a_failed_batch_in_order() -> None:
    """A batch that fails (Redis unreachable) is retried; the batches after it wait for it,
    so Redis gets every entry once, in order, and the close comes last."""
    owner = _redis_bus()
    failures = [RedisConnectionError("down"), RedisConnectionError("down")]

    async def flaky(_kwargs: dict[str, Any]) -> None:
        if failures:
            await asyncio.sleep(0.05)
            raise failures.pop()

    before_append(owner, flaky)
    try:
        owner.own("turn")
        for n in range(10):
            await owner.publish("turn", {"n": n})
            await asyncio.sleep(0.01)  # one batch per publish
        await owner.close("turn")
        assert not failures
        replay = await replay_elsewhere(owner._prefix, "turn")
        assert replay == [(n + 1, {"n": n}) for n in range(10)]
    finally:
        await owner.aclose()


async def test_closing_an_owned_channel_fails_when_its_entries_cannot_be_written() -> None:
    owner = _redis_bus()
    owner._retry_window_s = 0.2

    async def down(_kwargs: dict[str, Any]) -> None:
        raise RedisConnectionError("down")

    before_append(owner, down)
    try:
        owner.own("turn")
        here = asyncio.create_task(collect(owner, "turn"))
        await owner.publish("turn", {"n": 0})
        with pytest.raises(Exception, match="down"):
            await owner.close("turn")
        # the listeners here had the entry and ended with the channel
        assert await asyncio.wait_for(here, 5) == [(1, {"n": 0})]
    finally:
        await owner.aclose()


async def test_owned_writes_gather_while_redis_is_slow() -> None:
    """While one write is in flight, everything published meanwhile waits in one batch:
    the calls do not pile up one per loop iteration (nor does their memory)."""
    owner = _redis_bus()
    calls: list[int] = []

    async def slow(kwargs: dict[str, Any]) -> None:
        calls.append(len(kwargs["keys"]) // 2)
        await asyncio.sleep(0.1)

    before_append(owner, slow)
    try:
        owner.own("turn")
        for n in range(40):
            await owner.publish("turn", {"n": n})
            await asyncio.sleep(0.005)  # a new loop iteration for each
        await owner.close("turn")
        assert sum(calls) == 40 and len(calls) <= 4, calls
        replay = await replay_elsewhere(owner._prefix, "turn")
        assert replay == [(n + 1, {"n": n}) for n in range(40)]
    finally:
        await owner.aclose()


async def test_a_lost_batch_fails_only_its_channels_close() -> None:
    """Redis gone longer than the retry window loses one batch: its channel's close says
    so; batches after it (Redis back) are written, and their channels close cleanly."""
    owner = _redis_bus()
    owner._retry_window_s = 0.1
    down = [True]

    async def outage(_kwargs: dict[str, Any]) -> None:
        if down[0]:
            raise RedisConnectionError("down")

    before_append(owner, outage)
    try:
        owner.own("lost")
        await owner.publish("lost", {"n": 0})
        with pytest.raises(RedisConnectionError):
            await owner.close("lost")
        down[0] = False
        owner.own("later")
        await owner.publish("later", {"n": 1})
        await owner.close("later")
        assert await replay_elsewhere(owner._prefix, "later") == [(1, {"n": 1})]
        assert not owner._unwritten
    finally:
        await owner.aclose()
