"""Defect 3: the HTTP server's own limit on the request line is above
``FLOWSMITH_MAX_QUERY_BYTES``: a legal GET up to that size reaches the app, and one over it
gets the app's JSON 413 ``query_too_long``, never uvicorn's plain-text 400 (httptools
refused any URL over 64 KiB, h11 any request head over 16 KiB)."""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator

import httpx
import pytest

from tests.hardening.support import ServedLikeCli, raw_get, start_served
from tests.helpers import create_session
from tests.security.support import assert_error

# 8,000 characters: 72,000 bytes percent-encoded
MESSAGE = "请帮我监控库存并发邮件" * 727 + "好好好"


def as_response(status: int, headers: dict[str, str], body: bytes) -> httpx.Response:
    assert "chunked" not in headers.get("transfer-encoding", ""), headers
    return httpx.Response(status, headers=headers, content=body)


@pytest.fixture(scope="module", params=["default", "h11"])
def served(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServedLikeCli]:
    # the protocol ``flowsmith serve`` picks, and h11 (what uvicorn runs without httptools)
    overrides = {} if request.param == "default" else {"http": "h11"}
    live = start_served(
        tmp_path_factory.mktemp("query"),
        overrides,
        FLOWSMITH_RATE_TURNS_PER_MIN=0,
        FLOWSMITH_RATE_SESSIONS_PER_MIN=0,
    )
    yield live
    live.stop()


async def test_a_legal_72_kb_get_message(served: ServedLikeCli, user: str) -> None:
    assert len(MESSAGE) == 8000
    headers = served.headers(user)
    async with httpx.AsyncClient(base_url=served.url, timeout=60, headers=headers) as client:
        session_id = await create_session(client, {})
        query = urllib.parse.urlencode({"session_id": session_id, "user_message": MESSAGE})
        assert 72_000 <= len(query) <= served.settings.max_query_bytes
        status, _, body = await raw_get(served, f"/api/v1/chat/stream?{query}", headers)
        assert status == 200, body[:300]
        assert b'"is_complete":true' in body.replace(b" ", b"")
        detail = (await client.get(f"/api/v1/sessions/{session_id}")).json()
        stored = [m["content"] for m in detail["messages"] if m["role"] == "user"]
        assert stored == [MESSAGE]


@pytest.mark.parametrize("size", [96 * 1024 + 1, 200 * 1024, 2 * 1024 * 1024])
async def test_an_over_limit_query_is_a_json_413(
    served: ServedLikeCli, user: str, size: int
) -> None:
    headers = served.headers(user)
    if served.server.config.http == "h11" and size > 128 * 1024:
        pytest.skip("h11 refuses a request head over its limit (above ours) as it pleases")
    query = "q=" + "x" * (size - 2)
    assert len(query) == size > served.settings.max_query_bytes
    status, response_headers, body = await raw_get(served, f"/api/v1/workflows?{query}", headers)
    assert_error(as_response(status, response_headers, body), 413, "query_too_long")
    async with httpx.AsyncClient(base_url=served.url, timeout=60, headers=headers) as client:
        # the server is still fine afterwards
        assert (await client.get("/healthz")).status_code == 200


async def test_the_limit_follows_the_setting(
    tmp_path_factory: pytest.TempPathFactory, user: str
) -> None:
    live = start_served(tmp_path_factory.mktemp("query-300k"), FLOWSMITH_MAX_QUERY_BYTES=300_000)
    try:
        headers = live.headers(user)
        status, _, body = await raw_get(live, f"/api/v1/workflows?q={'x' * 299_000}", headers)
        assert status == 200, body[:200]
        over = await raw_get(live, f"/api/v1/workflows?q={'x' * 300_000}", headers)
        assert_error(as_response(*over), 413, "query_too_long")
    finally:
        live.stop()


@pytest.mark.parametrize("size", [70_000, 200_000])
async def test_an_over_limit_path_is_a_json_413(
    served: ServedLikeCli, user: str, size: int
) -> None:
    if served.server.config.http == "h11":
        pytest.skip("h11 reads such a path; the route answers 404 or 422")
    target = "/api/v1/workflows/" + "f" * size
    status, response_headers, body = await raw_get(served, target, served.headers(user))
    assert_error(as_response(status, response_headers, body), 413, "url_too_long")
