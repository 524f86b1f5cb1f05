"""Streams that survive networks: Last-Event-ID resume, 204 after the end, late listeners,
interruption by a new message."""

from __future__ import annotations

import asyncio

import httpx

from tests.helpers import chat_done, create_session, generation_done, read_events, text_of

MESSAGE = "watch BestBuy and Amazon stock for this product every hour and email me when it is back"


async def wait_generations_done(
    client: httpx.AsyncClient, headers: dict[str, str], session_id: str
) -> list[dict]:  # type: ignore[type-arg]
    for _ in range(400):
        detail = (await client.get(f"/api/v1/sessions/{session_id}", headers=headers)).json()
        gens = detail["generations"]
        if gens and all(g["status"] in ("complete", "error") for g in gens):
            return gens  # type: ignore[no-any-return]
        await asyncio.sleep(0.025)
    raise AssertionError("generation did not finish")


async def test_chat_resume_continues_the_same_turn(server, client, user) -> None:  # type: ignore[no-untyped-def]
    headers = server.headers(user)
    session_id = await create_session(client, headers)
    params = {"session_id": session_id, "user_message": MESSAGE}
    _, first = await read_events(
        client, "GET", "/api/v1/chat/stream", params=params, headers=headers, limit=4
    )
    assert len(first) == 4 and not chat_done(first[-1])
    # the browser's reconnect: the same URL, with Last-Event-ID
    status, rest = await read_events(
        client,
        "GET",
        "/api/v1/chat/stream",
        params=params,
        headers={**headers, "Last-Event-ID": first[-1].id},
        until=chat_done,
    )
    assert status == 200 and chat_done(rest[-1])
    ids = [e.id for e in first + rest]
    assert len(set(ids)) == len(ids)
    positions = [int(i.rsplit(".", 1)[1]) for i in ids]
    assert positions == list(range(1, len(ids) + 1)), "no gap and no duplicate"

    detail = (await client.get(f"/api/v1/sessions/{session_id}", headers=headers)).json()
    assert [m["role"] for m in detail["messages"]] == ["user", "assistant"], "never a second turn"
    assert detail["messages"][1]["content"] == text_of(first + rest)

    again = await client.get(
        "/api/v1/chat/stream", params=params, headers={**headers, "Last-Event-ID": rest[-1].id}
    )
    assert again.status_code == 204


async def test_turn_finishes_when_client_goes_away(server, client, user) -> None:  # type: ignore[no-untyped-def]
    headers = server.headers(user)
    session_id = await create_session(client, headers)
    params = {"session_id": session_id, "user_message": MESSAGE}
    _, first = await read_events(
        client, "GET", "/api/v1/chat/stream", params=params, headers=headers, limit=2
    )
    await wait_generations_done(client, headers, session_id)
    detail = (await client.get(f"/api/v1/sessions/{session_id}", headers=headers)).json()
    assert detail["messages"][1]["status"] == "complete"
    status, rest = await read_events(
        client,
        "GET",
        "/api/v1/chat/stream",
        params=params,
        headers={**headers, "Last-Event-ID": first[-1].id},
        until=chat_done,
    )
    assert status == 200 and text_of(first + rest) == detail["messages"][1]["content"]


async def test_generation_resume_and_204_after_end(server, client, user) -> None:  # type: ignore[no-untyped-def]
    headers = server.headers(user)
    session_id = await create_session(client, headers)
    await read_events(
        client,
        "GET",
        "/api/v1/chat/stream",
        params={"session_id": session_id, "user_message": MESSAGE},
        headers=headers,
        until=chat_done,
    )
    await wait_generations_done(client, headers, session_id)
    url, params = "/api/v1/workflow_generation", {"session_id": session_id}
    # a listener that connects after the generation already ended still gets all of it
    _, head = await read_events(client, "GET", url, params=params, headers=headers, limit=2)
    assert [e.type for e in head] == ["start", "draft"]
    status, rest = await read_events(
        client,
        "GET",
        url,
        params=params,
        headers={**headers, "Last-Event-ID": head[-1].id},
        until=generation_done,
    )
    assert status == 200 and rest[0].type == "debugging" and rest[-1].type == "complete"
    positions = [int(e.id.rsplit(".", 1)[1]) for e in head + rest]
    assert positions == list(range(1, len(positions) + 1))

    ended = await client.get(url, params=params, headers={**headers, "Last-Event-ID": rest[-1].id})
    assert ended.status_code == 204
    # its end was delivered, so a fresh listener now waits for the next generation
    _, fresh = await read_events(client, "GET", url, params=params, headers=headers, limit=1)
    assert fresh[0].type == "waiting" and fresh[0].id


async def test_waiting_id_resumes_into_the_next_generation(server, client, user) -> None:  # type: ignore[no-untyped-def]
    headers = server.headers(user)
    session_id = await create_session(client, headers)
    url, params = "/api/v1/workflow_generation", {"session_id": session_id}
    _, waiting = await read_events(client, "GET", url, params=params, headers=headers, limit=1)
    assert waiting[0].type == "waiting"
    # while disconnected, a generation runs
    await read_events(
        client,
        "GET",
        "/api/v1/chat/stream",
        params={"session_id": session_id, "user_message": MESSAGE},
        headers=headers,
        until=chat_done,
    )
    status, events = await read_events(
        client,
        "GET",
        url,
        params=params,
        headers={**headers, "Last-Event-ID": waiting[0].id},
        until=generation_done,
    )
    assert status == 200 and events[0].type == "start" and events[-1].type == "complete"


async def test_new_message_interrupts_streaming_turn(make_server, user) -> None:  # type: ignore[no-untyped-def]
    slow = make_server(FLOWSMITH_OFFLINE_STREAM_DELAY_MS=40)
    headers = slow.headers(user)
    async with httpx.AsyncClient(base_url=slow.url, timeout=20) as client:
        session_id = await create_session(client, headers)
        _, first = await read_events(
            client,
            "GET",
            "/api/v1/chat/stream",
            params={"session_id": session_id, "user_message": MESSAGE},
            headers=headers,
            limit=3,
        )
        status, second = await read_events(
            client,
            "GET",
            "/api/v1/chat/stream",
            params={"session_id": session_id, "user_message": "请创建一个数据分析的workflow"},
            headers=headers,
            until=chat_done,
        )
        assert status == 200 and chat_done(second[-1])
        detail = (await client.get(f"/api/v1/sessions/{session_id}", headers=headers)).json()
        roles_status = [(m["role"], m["status"]) for m in detail["messages"]]
        assert roles_status == [
            ("user", "complete"),
            ("assistant", "interrupted"),
            ("user", "complete"),
            ("assistant", "complete"),
        ]
        interrupted = detail["messages"][1]["content"]
        assert interrupted and text_of(first).startswith(interrupted[: len(text_of(first))])
        # the interrupted turn's stream ends too, for anyone resuming it
        status, tail = await read_events(
            client,
            "GET",
            "/api/v1/chat/stream",
            params={"session_id": session_id, "user_message": MESSAGE},
            headers={**headers, "Last-Event-ID": first[-1].id},
            until=chat_done,
        )
        assert status in (200, 204)
        if status == 200:
            assert tail[-1].data.get("interrupted") is True


async def test_keepalive_comments_while_idle(server, client, user) -> None:  # type: ignore[no-untyped-def]
    headers = server.headers(user)
    session_id = await create_session(client, headers)
    seen = b""
    async with client.stream(
        "GET", "/api/v1/workflow_generation", params={"session_id": session_id}, headers=headers
    ) as response:
        async for chunk in response.aiter_bytes():
            seen += chunk
            if b"\n: " in seen or seen.startswith(b": "):
                break
    assert b"data:" in seen and b": " in seen, "a keepalive comment follows the waiting event"


async def test_disconnect_releases_subscriptions_and_connections(server, client, user) -> None:  # type: ignore[no-untyped-def]
    headers = server.headers(user)
    state = server.app.state
    baseline = state.bus.subscribers  # the replica's own control subscription
    session_id = await create_session(client, headers)
    for _ in range(5):
        _, events = await read_events(
            client,
            "GET",
            "/api/v1/workflow_generation",
            params={"session_id": session_id},
            headers=headers,
            limit=1,
        )
        assert events[0].type == "waiting"
    await read_events(
        client,
        "GET",
        "/api/v1/chat/stream",
        params={"session_id": session_id, "user_message": MESSAGE},
        headers=headers,
        limit=2,
    )
    await wait_generations_done(client, headers, session_id)
    for _ in range(100):
        if state.bus.subscribers == baseline and state.engine.pool.checkedout() == 0:
            break
        await asyncio.sleep(0.02)
    assert state.bus.subscribers == baseline
    assert state.engine.pool.checkedout() == 0


async def test_first_waiting_speaks_the_browsers_language_and_knows_the_action(
    server, client, user
) -> None:  # type: ignore[no-untyped-def]
    headers = server.headers(user)
    session_id = await create_session(client, headers)
    params = {"session_id": session_id}
    _, zh = await read_events(
        client,
        "GET",
        "/api/v1/workflow_generation",
        params=params,
        headers={**headers, "Accept-Language": "zh-CN,zh;q=0.9"},
        limit=1,
    )
    _, en = await read_events(
        client,
        "GET",
        "/api/v1/workflow_generation",
        params=params,
        headers={**headers, "Accept-Language": "en-US"},
        limit=1,
    )
    assert "需求" in zh[0].data["data"]["message"]
    assert "describe the automation" in en[0].data["data"]["message"]
