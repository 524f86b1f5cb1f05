"""Defect 2: a burst of concurrent requests on one Redis-backed replica waits for a pooled
Redis connection instead of failing with 503 ``event_bus_unavailable`` (redis-py's
default pool raised ``MaxConnectionsError`` past 100 connections in use)."""

from __future__ import annotations

import asyncio
import collections
from collections.abc import Iterator

import httpx
import pytest
from redis.asyncio import BlockingConnectionPool

from flowsmith.events.redis import RedisBus
from flowsmith.ratelimit import RedisLimiter
from tests.conftest import TEST_REDIS_URL
from tests.hardening.support import ServedLikeCli, start_served

pytestmark = pytest.mark.skipif(not TEST_REDIS_URL, reason="needs FLOWSMITH_TEST_REDIS_URL")


async def burst(live: ServedLikeCli, count: int) -> collections.Counter[object]:
    """``count`` concurrent session creations, each by its own user (so no per-user rate
    limit is reached, while every request still counts itself in Redis)."""
    headers = [live.headers(f"burst-{id(live)}-{n}") for n in range(count)]
    limits = httpx.Limits(max_connections=count + 10, max_keepalive_connections=count + 10)
    async with httpx.AsyncClient(base_url=live.url, timeout=120, limits=limits) as client:

        async def one(h: dict[str, str]) -> object:
            response = await client.post("/api/v1/session", json={"action": "create"}, headers=h)
            if response.status_code == 200:
                return 200
            return (response.status_code, response.json().get("error", {}).get("code"))

        results = await asyncio.gather(*(one(h) for h in headers))
    return collections.Counter(results)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedLikeCli]:
    live = start_served(tmp_path_factory.mktemp("pool"))
    yield live
    live.stop()


async def test_500_concurrent_requests_all_succeed(served: ServedLikeCli) -> None:
    outcome = await burst(served, 500)
    print(f"500 concurrent POST /api/v1/session: {dict(outcome)}")
    assert outcome == {200: 500}, outcome


async def test_a_small_pool_makes_requests_wait_not_fail(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    live = start_served(tmp_path_factory.mktemp("small-pool"), FLOWSMITH_REDIS_MAX_CONNECTIONS=4)
    try:
        outcome = await burst(live, 150)
        print(f"150 concurrent POST /api/v1/session, 4 Redis connections: {dict(outcome)}")
        assert outcome == {200: 150}, outcome
    finally:
        live.stop()


async def test_pools_are_blocking_and_sized() -> None:
    assert TEST_REDIS_URL
    limiter = RedisLimiter(TEST_REDIS_URL, max_connections=7, pool_timeout_s=3)
    bus = RedisBus(TEST_REDIS_URL, max_connections=9, pool_timeout_s=4)
    try:
        for client, size, timeout in ((limiter._redis, 7, 3), (bus._redis, 9, 4)):
            pool = client.connection_pool
            assert isinstance(pool, BlockingConnectionPool)
            assert (pool.max_connections, pool.timeout) == (size, timeout)
    finally:
        await limiter.aclose()
        await bus.aclose()
