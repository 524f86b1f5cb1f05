"""HTTP errors: status codes and the one body shape, for auth, tenancy and bad input."""

from __future__ import annotations

import asyncio
import time

import httpx
import jwt
import pytest

from flowsmith.auth.dev import load_or_create_dev_secret
from tests.helpers import create_session


def signed(server, **claims) -> str:  # type: ignore[no-untyped-def]
    now = int(time.time())
    body = {"sub": "mallory", "aud": "authenticated", "exp": now + 600, "iat": now, **claims}
    secret = load_or_create_dev_secret(server.settings.data_dir)
    return jwt.encode(body, secret, algorithm="HS256")


def assert_error(response: httpx.Response, status: int, code: str | None = None) -> None:
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["message"] and isinstance(error["code"], str)
    if code:
        assert error["code"] == code


@pytest.mark.parametrize("route", ["session", "chat", "generation"])
@pytest.mark.parametrize(
    "token,code",
    [
        (None, "missing_token"),
        ("bad-signature", "invalid_token"),
        ("expired", "token_expired"),
        ("wrong-audience", "invalid_audience"),
    ],
)
async def test_401(server, client, route, token, code) -> None:  # type: ignore[no-untyped-def]
    tokens = {
        None: None,
        "bad-signature": jwt.encode(
            {"sub": "x", "aud": "authenticated", "exp": int(time.time()) + 60},
            "not-the-secret-but-long-enough-32b",
            algorithm="HS256",
        ),
        "expired": signed(server, exp=int(time.time()) - 3600),
        "wrong-audience": signed(server, aud="anon"),
    }
    headers = {"Authorization": f"Bearer {tokens[token]}"} if tokens[token] else {}
    if route == "session":
        response = await client.post("/api/v1/session", json={"action": "create"}, headers=headers)
    elif route == "chat":
        response = await client.get(
            "/api/v1/chat/stream", params={"session_id": "x", "user_message": "hi"}, headers=headers
        )
    else:
        response = await client.get(
            "/api/v1/workflow_generation", params={"session_id": "x"}, headers=headers
        )
    assert_error(response, 401, code)


async def test_token_from_cookie_and_query(server, client, user) -> None:  # type: ignore[no-untyped-def]
    token = server.token(user)
    async with httpx.AsyncClient(base_url=server.url, cookies={"sb-access-token": token}) as jar:
        by_cookie = await jar.post("/api/v1/session", json={"action": "create"})
    by_query = await client.post(
        "/api/v1/session", json={"action": "create"}, params={"access_token": token}
    )
    assert by_cookie.status_code == 200 and by_query.status_code == 200


async def test_404_unknown_and_other_users_session(server, client, user) -> None:  # type: ignore[no-untyped-def]
    mine = await create_session(client, server.headers(user))
    other = server.headers(user + "-other")
    for session_id in ("0" * 32, mine):
        assert_error(
            await client.get(f"/api/v1/sessions/{session_id}", headers=other),
            404,
            "session_not_found",
        )
        assert_error(
            await client.get(
                "/api/v1/chat/stream",
                headers=other,
                params={"session_id": session_id, "user_message": "hi"},
            ),
            404,
            "session_not_found",
        )
        assert_error(
            await client.get(
                "/api/v1/workflow_generation", headers=other, params={"session_id": session_id}
            ),
            404,
            "session_not_found",
        )


async def test_404_other_users_workflow(server, client, user) -> None:  # type: ignore[no-untyped-def]
    for action in ("edit", "copy"):
        response = await client.post(
            "/api/v1/session",
            headers=server.headers(user),
            json={"action": action, "workflow_id": "f" * 32},
        )
        assert_error(response, 404, "workflow_not_found")
    assert_error(
        await client.get(f"/api/v1/workflows/{'f' * 32}", headers=server.headers(user)),
        404,
        "workflow_not_found",
    )


@pytest.mark.parametrize(
    "body",
    [{"action": "rename"}, {"action": "edit"}, {"action": "copy", "workflow_id": None}, [], "x"],
)
async def test_422_session_body(server, client, user, body) -> None:  # type: ignore[no-untyped-def]
    response = await client.post("/api/v1/session", json=body, headers=server.headers(user))
    assert_error(response, 422, "invalid_input")


async def test_422_chat_input(server, client, user) -> None:  # type: ignore[no-untyped-def]
    headers = server.headers(user)
    session_id = await create_session(client, headers)
    empty = await client.get(
        "/api/v1/chat/stream",
        headers=headers,
        params={"session_id": session_id, "user_message": "   "},
    )
    assert_error(empty, 422, "empty_message")
    missing = await client.get("/api/v1/chat/stream", headers=headers, params={"user_message": "x"})
    assert_error(missing, 422, "invalid_input")
    bad_id = await client.get(
        "/api/v1/chat/stream",
        params={"session_id": session_id, "user_message": "x"},
        headers={**headers, "Last-Event-ID": "not-ours"},
    )
    assert_error(bad_id, 422, "invalid_last_event_id")
    too_long = await client.post(
        "/api/v1/chat/stream",
        headers=headers,
        json={"session_id": session_id, "user_message": "x" * 9000},
    )
    assert_error(too_long, 413, "message_too_long")
    detail = (await client.get(f"/api/v1/sessions/{session_id}", headers=headers)).json()
    assert detail["messages"] == [], "rejected input stores nothing"


async def test_borrowed_last_event_id_is_404(server, client, user) -> None:  # type: ignore[no-untyped-def]
    mine = await create_session(client, server.headers(user))
    other_headers = server.headers(user + "-b")
    theirs = await create_session(client, other_headers)
    borrowed = f"s.{mine}.0"
    response = await client.get(
        "/api/v1/workflow_generation",
        params={"session_id": theirs},
        headers={**other_headers, "Last-Event-ID": borrowed},
    )
    assert_error(response, 404, "event_not_found")


async def test_health(client) -> None:  # type: ignore[no-untyped-def]
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    ready = await client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["checks"]["database"] == "ok"


async def test_429_with_retry_after_and_stream_cap(make_server, user) -> None:  # type: ignore[no-untyped-def]
    strict = make_server(FLOWSMITH_RATE_SESSIONS_PER_MIN=2, FLOWSMITH_MAX_STREAMS_PER_USER=1)
    headers = strict.headers(user)
    async with httpx.AsyncClient(base_url=strict.url, timeout=20) as client:
        session_id = await create_session(client, headers)
        await create_session(client, headers)
        limited = await client.post("/api/v1/session", json={"action": "create"}, headers=headers)
        assert_error(limited, 429, "rate_limited")
        assert int(limited.headers["Retry-After"]) >= 1
        async with client.stream(
            "GET", "/api/v1/workflow_generation", params={"session_id": session_id}, headers=headers
        ) as open_one:
            assert open_one.status_code == 200
            second = await client.get(
                "/api/v1/workflow_generation", params={"session_id": session_id}, headers=headers
            )
            assert_error(second, 429, "too_many_streams")
        # the slot comes back once the first stream has ended
        for _ in range(50):
            again = await client.get(
                "/api/v1/chat/stream",
                headers=headers,
                params={"session_id": session_id, "user_message": "hi"},
            )
            if again.status_code == 200:
                break
            await asyncio.sleep(0.05)
        assert again.status_code == 200


async def test_dev_token_endpoint_only_in_dev_mode_on_loopback(server, client) -> None:  # type: ignore[no-untyped-def]
    response = await client.post("/api/v1/dev/token", json={"sub": "page-user"})
    assert response.status_code == 200
    token = response.json()["access_token"]
    ok = await client.post(
        "/api/v1/session", json={"action": "create"}, headers={"Authorization": f"Bearer {token}"}
    )
    assert ok.status_code == 200
    assert_error(await client.post("/api/v1/dev/token", json={"sub": "bad sub!"}), 422)


async def test_dev_token_endpoint_absent_with_supabase_secret(make_server) -> None:  # type: ignore[no-untyped-def]
    prod = make_server(SUPABASE_JWT_SECRET="a-real-secret-that-is-long-enough-000")
    async with httpx.AsyncClient(base_url=prod.url) as client:
        assert_error(await client.post("/api/v1/dev/token", json={}), 404)


async def test_413_for_oversized_body_and_query(server, client, user) -> None:  # type: ignore[no-untyped-def]
    headers = server.headers(user)
    huge = await client.post(
        "/api/v1/session",
        headers={**headers, "Content-Type": "application/json"},
        content=b'{"action":"create","x":"' + b"a" * (3 * 1024 * 1024) + b'"}',
    )
    assert_error(huge, 413, "body_too_large")

    async def chunks():  # type: ignore[no-untyped-def]
        for _ in range(40):
            yield b"a" * 65536

    streamed = await client.post(
        "/api/v1/chat/stream",
        headers={**headers, "Content-Type": "application/json"},
        content=chunks(),
    )
    assert_error(streamed, 413, "body_too_large")
    assert_error(streamed, 413, "body_too_large")


async def test_413_for_oversized_query(make_server, user) -> None:  # type: ignore[no-untyped-def]
    small = make_server(FLOWSMITH_MAX_QUERY_BYTES=2048)
    async with httpx.AsyncClient(base_url=small.url) as client:
        long_query = await client.get(
            "/api/v1/workflows", params={"x": "a" * 4000}, headers=small.headers(user)
        )
    assert_error(long_query, 413, "query_too_long")
