"""Defect 4: a query string that is not UTF-8 once percent-decoded is refused like a body
that is not UTF-8: 422 ``invalid_input``, nothing stored (it used to be decoded with
replacement characters and stored as ``'\\ufffd\\ufffdhello'``)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import httpx
import pytest

from tests.hardening.support import ServedLikeCli, start_served
from tests.helpers import chat_done, create_session, read_events
from tests.security.support import assert_error


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedLikeCli]:
    live = start_served(
        tmp_path_factory.mktemp("utf8"),
        FLOWSMITH_RATE_TURNS_PER_MIN=0,
        FLOWSMITH_RATE_SESSIONS_PER_MIN=0,
    )
    yield live
    live.stop()


@pytest.fixture
async def client(served: ServedLikeCli, user: str) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(
        base_url=served.url, timeout=30, headers=served.headers(user)
    ) as c:
        yield c


async def stored_user_messages(client: httpx.AsyncClient, session_id: str) -> list[str]:
    detail = (await client.get(f"/api/v1/sessions/{session_id}")).json()
    return [m["content"] for m in detail["messages"] if m["role"] == "user"]


@pytest.mark.parametrize(
    "encoded",
    [
        "%FF%FEhello",  # not UTF-8 at all
        "%C3",  # a truncated sequence
        "%E4%B8",  # a truncated 3-byte sequence
        "%ED%A0%80",  # an encoded surrogate
        "%C0%AF",  # an overlong encoding
        "%E4%26%B8%AD",  # a sequence split by an (encoded) separator
    ],
)
async def test_get_and_post_refuse_non_utf8_alike(client: httpx.AsyncClient, encoded: str) -> None:
    session_id = await create_session(client, {})
    get = await client.get(f"/api/v1/chat/stream?session_id={session_id}&user_message={encoded}")
    assert_error(get, 422, "invalid_input")
    raw = bytes.fromhex(encoded.replace("%", "")) if "hello" not in encoded else b"\xff\xfehello"
    body = b'{"session_id": "' + session_id.encode() + b'", "user_message": "' + raw + b'"}'
    post = await client.post(
        "/api/v1/chat/stream", content=body, headers={"Content-Type": "application/json"}
    )
    # (an encoded surrogate is read by the JSON parser, then refused as unstorable text)
    assert_error(post, 422, "invalid_text" if encoded == "%ED%A0%80" else "invalid_input")
    assert await stored_user_messages(client, session_id) == []


async def test_any_parameter_any_route(client: httpx.AsyncClient) -> None:
    session_id = await create_session(client, {})
    assert_error(await client.get(f"/api/v1/sessions/{session_id}?x=%FF"), 422, "invalid_input")
    assert_error(await client.get("/api/v1/workflows?limit=1&%FE=1"), 422, "invalid_input")
    assert_error(
        await client.get(f"/api/v1/workflow_generation?session_id={session_id}%FF"),
        422,
        "invalid_input",
    )


async def test_utf8_queries_still_work(client: httpx.AsyncClient) -> None:
    session_id = await create_session(client, {})
    text = "请帮我 watch stock & email me + 100%"
    status, events = await read_events(
        client,
        "GET",
        "/api/v1/chat/stream",
        params={"session_id": session_id, "user_message": text},
        until=chat_done,
    )
    assert status == 200 and events
    # '+' is a space, a lone '%' stays as it is (as Starlette reads it)
    status, _ = await read_events(
        client,
        "GET",
        f"/api/v1/chat/stream?session_id={session_id}&user_message=a+b%20c%zz%",
        until=chat_done,
    )
    assert status == 200
    assert await stored_user_messages(client, session_id) == [text, "a b c%zz%"]
