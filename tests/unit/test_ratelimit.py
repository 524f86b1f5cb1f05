"""Rate limits, in memory and on the real Redis (shared by every replica)."""

from __future__ import annotations

import uuid

import pytest

from flowsmith.errors import RateLimited
from flowsmith.ratelimit import Limits, MemoryLimiter, RateLimits, RedisLimiter, TooManyStreams

REDIS_URL = "redis://127.0.0.1:6379/3"


@pytest.fixture(params=["memory", "redis"])
async def limits(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    limiter = (
        MemoryLimiter()
        if request.param == "memory"
        else RedisLimiter(REDIS_URL, prefix=f"t{uuid.uuid4().hex[:6]}")
    )
    yield RateLimits(limiter, Limits(sessions_per_minute=3, turns_per_minute=2, streams_per_user=2))
    await limiter.aclose()


async def test_per_minute_limit_with_retry_after(limits: RateLimits) -> None:
    for _ in range(3):
        await limits.check_session("u")
    with pytest.raises(RateLimited) as caught:
        await limits.check_session("u")
    assert caught.value.status_code == 429 and caught.value.code == "rate_limited"
    assert 1 <= int(caught.value.headers["Retry-After"]) <= 60  # type: ignore[index]
    await limits.check_session("someone-else")


async def test_concurrent_streams_cap_and_release(limits: RateLimits) -> None:
    a = await limits.open_stream("u")
    b = await limits.open_stream("u")
    with pytest.raises(TooManyStreams) as caught:
        await limits.open_stream("u")
    assert caught.value.code == "too_many_streams"
    await limits.close_stream("u", a)
    c = await limits.open_stream("u")
    assert c is not None
    await limits.close_stream("u", b)
    await limits.close_stream("u", c)


async def test_redis_limits_are_shared_between_replicas() -> None:
    prefix = f"t{uuid.uuid4().hex[:6]}"
    one, two = RedisLimiter(REDIS_URL, prefix=prefix), RedisLimiter(REDIS_URL, prefix=prefix)
    try:
        rules = Limits(sessions_per_minute=0, turns_per_minute=2, streams_per_user=1)
        first, second = RateLimits(one, rules), RateLimits(two, rules)
        await first.check_turn("u")
        await second.check_turn("u")
        with pytest.raises(RateLimited):
            await first.check_turn("u")
        slot = await first.open_stream("u")
        with pytest.raises(TooManyStreams):
            await second.open_stream("u")
        await first.close_stream("u", slot)
        await second.close_stream("u", await second.open_stream("u"))
    finally:
        await one.aclose()
        await two.aclose()
