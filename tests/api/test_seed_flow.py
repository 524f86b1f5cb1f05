"""The seed's flows end to end over a live socket: create, edit, copy, clarify."""

from __future__ import annotations

import asyncio

import httpx

from tests.helpers import (
    Event,
    chat_done,
    create_session,
    generation_done,
    read_events,
    text_of,
)

SEED_CREATE = "请帮我创建一个电商库存监控的workflow，需要监控BestBuy和Amazon"
SEED_EDIT = "请在现有workflow中添加邮件通知功能"


async def listen_and_chat(
    client: httpx.AsyncClient, headers: dict[str, str], session_id: str, message: str
) -> tuple[list[Event], list[Event]]:
    """The seed's order: open the progress listener, then send the message."""
    first = asyncio.Event()
    events: list[Event] = []

    def until(event: Event) -> bool:
        events.append(event)
        first.set()
        return generation_done(event)

    listener = asyncio.create_task(
        read_events(
            client,
            "GET",
            "/api/v1/workflow_generation",
            params={"session_id": session_id},
            headers=headers,
            until=until,
        )
    )
    await asyncio.wait_for(first.wait(), 10)
    status, chat = await read_events(
        client,
        "GET",
        "/api/v1/chat/stream",
        params={"session_id": session_id, "user_message": message},
        headers=headers,
        until=chat_done,
    )
    assert status == 200
    await listener
    return chat, events


async def test_create_listen_chat_complete(server, client, user) -> None:  # type: ignore[no-untyped-def]
    headers = server.headers(user)
    session_id = await create_session(client, headers)
    chat, progress = await listen_and_chat(client, headers, session_id, SEED_CREATE)

    deltas = [e for e in chat if e.type == "message" and e.data["delta"]]
    assert len(deltas) > 5, "the reply must stream in real pieces"
    assert chat[-1].data["is_complete"] is True
    assert all(e.id for e in chat) and len({e.id for e in chat}) == len(chat)
    assert "offline" in text_of(chat).lower() or "离线" in text_of(chat)

    kinds = [e.type for e in progress]
    assert kinds[0] == "waiting"
    assert kinds[1:3] == ["start", "draft"]
    assert "debugging" in kinds and kinds[-1] == "complete"
    assert all(e.id for e in progress)
    assert all(isinstance(e.data["data"]["message"], str) for e in progress)
    complete = progress[-1].data
    workflow_id = complete["workflow_id"]
    assert workflow_id and all(e.data["workflow_id"] == workflow_id for e in progress[1:])
    workflow = complete["data"]["workflow"]
    subtypes = {n["subtype"] for n in workflow["nodes"]}
    assert "schedule_trigger" in subtypes and "if" in subtypes
    assert sum(1 for n in workflow["nodes"] if n["subtype"] == "web_page_check") == 2
    debugging = [e for e in progress if e.type == "debugging"]
    assert debugging[-1].data["data"]["errors"] == 0
    assert debugging[-1].data["data"]["checks"]

    stored = (await client.get(f"/api/v1/workflows/{workflow_id}", headers=headers)).json()
    assert stored["version"] == 1 and stored["workflow"]["nodes"] == workflow["nodes"]
    listing = (await client.get("/api/v1/workflows", headers=headers)).json()
    assert [w["id"] for w in listing["items"]] == [workflow_id]
    detail = (await client.get(f"/api/v1/sessions/{session_id}", headers=headers)).json()
    assert [m["role"] for m in detail["messages"]] == ["user", "assistant"]
    assert detail["messages"][1]["content"] == text_of(chat)
    assert detail["generations"][0]["status"] == "complete"


async def test_edit_adds_email_and_keeps_node_ids(server, client, user) -> None:  # type: ignore[no-untyped-def]
    headers = server.headers(user)
    session_id = await create_session(client, headers)
    # notified by Slack, so that adding email is a real change
    _, created = await listen_and_chat(
        client, headers, session_id, SEED_CREATE + "，有货时发Slack消息"
    )
    workflow_id = created[-1].data["workflow_id"]
    before = {n["id"]: n for n in created[-1].data["data"]["workflow"]["nodes"]}
    assert "send_email" not in {n["subtype"] for n in before.values()}

    edit_id = await create_session(client, headers, "edit", workflow_id)
    _, edited = await listen_and_chat(client, headers, edit_id, SEED_EDIT)
    assert edited[-1].type == "complete", edited[-1].data
    assert edited[-1].data["workflow_id"] == workflow_id
    after = {n["id"]: n for n in edited[-1].data["data"]["workflow"]["nodes"]}
    for node_id, node in before.items():
        assert after[node_id]["parameters"] == node["parameters"], "untouched nodes keep ids"
    emails = [n for n in after.values() if n["subtype"] == "send_email"]
    assert len(emails) == 1
    condition = next(n["id"] for n in after.values() if n["subtype"] == "if")
    connections = edited[-1].data["data"]["workflow"]["connections"]
    assert {
        "from_node": condition,
        "to_node": emails[0]["id"],
        "from_output": "true",
        "to_input": "main",
    } in connections
    assert edited[-1].data["data"]["diff"]["added_nodes"] == [emails[0]["id"]]
    assert edited[-1].data["data"]["version"] == 2

    versions = (
        await client.get(f"/api/v1/workflows/{workflow_id}/versions", headers=headers)
    ).json()
    assert [v["version"] for v in versions["items"]] == [1, 2]
    v1 = (await client.get(f"/api/v1/workflows/{workflow_id}/versions/1", headers=headers)).json()
    assert {n["id"] for n in v1["workflow"]["nodes"]} == set(before)


async def test_copy_makes_an_independent_workflow(server, client, user) -> None:  # type: ignore[no-untyped-def]
    headers = server.headers(user)
    session_id = await create_session(client, headers)
    _, created = await listen_and_chat(client, headers, session_id, SEED_CREATE)
    original_id = created[-1].data["workflow_id"]

    response = await client.post(
        "/api/v1/session", json={"action": "copy", "workflow_id": original_id}, headers=headers
    )
    assert response.status_code == 200
    body = response.json()
    copy_id = body["workflow_id"]
    assert body["action"] == "copy" and copy_id and copy_id != original_id
    copy = (await client.get(f"/api/v1/workflows/{copy_id}", headers=headers)).json()
    assert copy["version"] == 1 and copy["copied_from"] == original_id

    _, edited = await listen_and_chat(
        client, headers, body["session_id"], "change the schedule to every 30 minutes"
    )
    assert edited[-1].type == "complete" and edited[-1].data["workflow_id"] == copy_id
    original = (await client.get(f"/api/v1/workflows/{original_id}", headers=headers)).json()
    assert original["version"] == 1


async def test_question_sends_a_fresh_waiting(server, client, user) -> None:  # type: ignore[no-untyped-def]
    headers = server.headers(user)
    session_id = await create_session(client, headers)
    events: list[Event] = []

    def until(event: Event) -> bool:
        events.append(event)
        return len(events) >= 2

    listener = asyncio.create_task(
        read_events(
            client,
            "GET",
            "/api/v1/workflow_generation",
            params={"session_id": session_id},
            headers=headers,
            until=until,
        )
    )
    await asyncio.sleep(0.3)
    _, chat = await read_events(
        client,
        "GET",
        "/api/v1/chat/stream",
        params={"session_id": session_id, "user_message": "你好，请帮我创建一个workflow"},
        headers=headers,
        until=chat_done,
    )
    status, _ = await listener
    assert status == 200
    assert [e.type for e in events] == ["waiting", "waiting"]
    assert events[1].data["data"]["message"] != events[0].data["data"]["message"]
    assert events[1].id != events[0].id
    detail = (await client.get(f"/api/v1/sessions/{session_id}", headers=headers)).json()
    assert detail["generations"] == []
    assert detail["messages"][1]["meta"]["decision"] == "clarify"
    assert "?" in text_of(chat) or "？" in text_of(chat)


async def test_generations_run_in_order_each_from_the_last(server, client, user) -> None:  # type: ignore[no-untyped-def]
    headers = server.headers(user)
    session_id = await create_session(client, headers)
    for message in (SEED_CREATE, "change the schedule to every 30 minutes"):
        status, _ = await read_events(
            client,
            "GET",
            "/api/v1/chat/stream",
            params={"session_id": session_id, "user_message": message},
            headers=headers,
            until=chat_done,
        )
        assert status == 200
    for _ in range(200):
        detail = (await client.get(f"/api/v1/sessions/{session_id}", headers=headers)).json()
        if all(g["status"] in ("complete", "error") for g in detail["generations"]):
            break
        await asyncio.sleep(0.05)
    generations = detail["generations"]
    assert [g["status"] for g in generations] == ["complete", "complete"]
    assert generations[0]["workflow_id"] == generations[1]["workflow_id"]
    assert [g["version"] for g in generations] == [1, 2]
