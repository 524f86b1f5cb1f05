"""Defect 5: a stream slot that cannot be released because the rate limiter's Redis is
down is one warning line, not ``Exception in ASGI application`` with a traceback (the slot's
lease lapses by itself)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from redis.exceptions import ConnectionError as RedisConnectionError

from flowsmith.ratelimit import RedisLimiter
from tests.hardening.support import ServedLikeCli, start_served
from tests.helpers import chat_done, create_session, read_events
from tests.security.support import on_server_loop


class DownRedis:
    """A Redis client whose every call fails as an unreachable Redis does."""

    def __getattr__(self, name: str) -> Any:
        async def fail(*_args: Any, **_kwargs: Any) -> Any:
            raise RedisConnectionError(
                "Error 111 connecting to 127.0.0.1:6379. Connection refused."
            )

        return fail

    async def aclose(self) -> None:
        return None


def limiter_losing_redis() -> RedisLimiter:
    """A Redis limiter that hands out slots, then finds Redis down when releasing them."""
    limiter = RedisLimiter("redis://127.0.0.1:1/0")  # never connected

    async def acquired(**_kwargs: Any) -> int:
        limiter._redis = DownRedis()  # type: ignore[assignment]
        return 1

    limiter._acquire = acquired  # type: ignore[assignment]
    return limiter


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedLikeCli]:
    live = start_served(tmp_path_factory.mktemp("slots"), FLOWSMITH_RATE_TURNS_PER_MIN=0)
    yield live
    live.stop()


def problems(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [
        r
        for r in caplog.records
        if r.exc_info or "Exception in ASGI" in r.getMessage() or r.levelno >= logging.ERROR
    ]


def slot_warnings(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.levelno == logging.WARNING and "slot" in r.getMessage()]


@pytest.mark.parametrize("ending", ["finished", "client gone"])
async def test_release_during_an_outage_is_one_warning(
    served: ServedLikeCli, user: str, caplog: pytest.LogCaptureFixture, ending: str
) -> None:
    caplog.set_level(logging.WARNING)
    original = served.app.state.rate_limits.limiter
    losing = limiter_losing_redis()
    try:
        async with httpx.AsyncClient(
            base_url=served.url, timeout=30, headers=served.headers(user)
        ) as client:
            session_id = await create_session(client, {})
            served.app.state.rate_limits.limiter = losing
            caplog.clear()
            params = {"session_id": session_id, "user_message": "watch stock and email me"}
            status, events = await read_events(
                client,
                "GET",
                "/api/v1/chat/stream",
                params=params,
                until=chat_done if ending == "finished" else None,
                limit=None if ending == "finished" else 1,
            )
            assert status == 200 and events
            for _ in range(100):  # the release runs after the response
                if slot_warnings(caplog) or problems(caplog):
                    break
                await asyncio.sleep(0.05)
            await asyncio.sleep(0.3)
    finally:
        served.app.state.rate_limits.limiter = original
        on_server_loop(served, losing.aclose())
    lines = [f"{r.name} {r.levelname} {r.getMessage()}" for r in caplog.records]
    print("\n".join(lines))
    assert problems(caplog) == [], lines
    assert len(slot_warnings(caplog)) == 1, lines
    assert "ConnectionError" in slot_warnings(caplog)[0].getMessage()
