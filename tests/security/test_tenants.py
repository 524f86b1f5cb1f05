"""Suite 2, tenants: another user's session, workflow, version, generation or export is a
404, on every endpoint, through the streams, and through ``Last-Event-ID`` values borrowed
from another user's stream. A 404 for "someone else's" is byte-identical to the 404 for
"does not exist", so a response never tells whether an id is in use.
"""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from tests.conftest import LiveServer
from tests.helpers import chat_done, create_session, generation_done, read_events
from tests.security.support import MINIMAL_N8N, assert_error, start_server

# every /api/v1 route, and where this module attacks it; a new route fails
# test_every_route_is_covered until it is added here
_INTEGRATIONS = "tests/integrations/test_fake_n8n.py::test_not_connected_not_deployed_not_yours"
COVERED = {
    ("POST", "/api/v1/session"): "test_sessions_and_workflows_of_others_are_404",
    ("GET", "/api/v1/sessions/{session_id}"): "test_sessions_and_workflows_of_others_are_404",
    ("GET", "/api/v1/chat/stream"): "test_streams_of_others_are_404",
    ("POST", "/api/v1/chat/stream"): "test_streams_of_others_are_404",
    ("GET", "/api/v1/workflow_generation"): "test_streams_of_others_are_404",
    ("GET", "/api/v1/workflows"): "test_sessions_and_workflows_of_others_are_404",
    ("POST", "/api/v1/workflows/import"): "test_import_is_always_the_callers",
    ("GET", "/api/v1/workflows/{workflow_id}"): "test_sessions_and_workflows_of_others_are_404",
    ("DELETE", "/api/v1/workflows/{workflow_id}"): "test_sessions_and_workflows_of_others_are_404",
    (
        "GET",
        "/api/v1/workflows/{workflow_id}/versions",
    ): "test_sessions_and_workflows_of_others_are_404",
    (
        "GET",
        "/api/v1/workflows/{workflow_id}/versions/{version}",
    ): "test_sessions_and_workflows_of_others_are_404",
    (
        "GET",
        "/api/v1/workflows/{workflow_id}/export",
    ): "test_sessions_and_workflows_of_others_are_404",
    ("POST", "/api/v1/dev/token"): "no tenant data (mints a token in dev mode only)",
    **{
        (method, f"/api/v1/workflows/{{workflow_id}}/{suffix}"): _INTEGRATIONS
        for method, suffix in (
            ("POST", "deploy"),
            ("GET", "deployment"),
            ("POST", "activate"),
            ("POST", "deactivate"),
            ("GET", "executions"),
        )
    },
    **{(m, "/api/v1/integrations/n8n"): _INTEGRATIONS for m in ("POST", "GET", "DELETE")},
}


@dataclass
class Victim:
    headers: dict[str, str]
    session_id: str
    turn_id: str
    turn_last_id: str
    generation_id: str
    generation_last_id: str
    workflow_id: str
    imported_id: str


@pytest.fixture
async def victim(server: LiveServer, user: str) -> Victim:
    """Alice: a session with a finished turn and generation, a workflow with a version, and
    an imported workflow."""
    headers = server.headers(user + "-alice")
    async with httpx.AsyncClient(base_url=server.url, timeout=30) as client:
        session_id = await create_session(client, headers)
        _, chat = await read_events(
            client,
            "GET",
            "/api/v1/chat/stream",
            headers=headers,
            until=chat_done,
            params={
                "session_id": session_id,
                "user_message": "watch Amazon stock every hour and email me",
            },
        )
        _, progress = await read_events(
            client,
            "GET",
            "/api/v1/workflow_generation",
            headers=headers,
            params={"session_id": session_id},
            until=generation_done,
        )
        assert progress[-1].type == "complete", progress[-1].data
        imported = await client.post("/api/v1/workflows/import", json=MINIMAL_N8N, headers=headers)
        assert imported.status_code == 201
    return Victim(
        headers=headers,
        session_id=session_id,
        turn_id=chat[0].id.split(".")[1],
        turn_last_id=chat[-1].id,
        generation_id=progress[-1].id.split(".")[1],
        generation_last_id=progress[-1].id,
        workflow_id=progress[-1].data["workflow_id"],
        imported_id=imported.json()["workflow_id"],
    )


def same_404(response: httpx.Response, reference: httpx.Response, code: str) -> None:
    assert_error(response, 404, code)
    assert response.content == reference.content, "indistinguishable from a missing id"


async def test_sessions_and_workflows_of_others_are_404(
    server: LiveServer, user: str, victim: Victim
) -> None:
    mallory = server.headers(user + "-mallory")
    missing_wf, missing_session = uuid.uuid4().hex, uuid.uuid4().hex
    async with httpx.AsyncClient(base_url=server.url, headers=mallory, timeout=20) as client:
        for workflow_id in (victim.workflow_id, victim.imported_id):
            for suffix, params in (
                ("", {}),
                ("/versions", {}),
                ("/versions/1", {}),
                ("/export", {}),
                ("/export", {"format": "flowsmith"}),
                ("/export", {"format": "n8n", "version": "1"}),
            ):
                reference = await client.get(
                    f"/api/v1/workflows/{missing_wf}{suffix}", params=params
                )
                got = await client.get(f"/api/v1/workflows/{workflow_id}{suffix}", params=params)
                expected = (
                    "version_not_found"
                    if reference.json()["error"]["code"] == ("version_not_found")
                    else "workflow_not_found"
                )
                same_404(got, reference, expected)
            for action in ("edit", "copy"):
                reference = await client.post(
                    "/api/v1/session", json={"action": action, "workflow_id": missing_wf}
                )
                got = await client.post(
                    "/api/v1/session", json={"action": action, "workflow_id": workflow_id}
                )
                same_404(got, reference, "workflow_not_found")
            reference = await client.delete(f"/api/v1/workflows/{missing_wf}")
            same_404(
                await client.delete(f"/api/v1/workflows/{workflow_id}"),
                reference,
                "workflow_not_found",
            )
        # "create" with someone's workflow id ignores it: the new session owns nothing yet
        created = await client.post(
            "/api/v1/session", json={"action": "create", "workflow_id": victim.workflow_id}
        )
        assert created.status_code == 200 and created.json()["workflow_id"] is None
        listed = (await client.get("/api/v1/workflows", params={"limit": 200})).json()
        assert not {victim.workflow_id, victim.imported_id} & {w["id"] for w in listed["items"]}
        reference = await client.get(f"/api/v1/sessions/{missing_session}")
        same_404(
            await client.get(f"/api/v1/sessions/{victim.session_id}"),
            reference,
            "session_not_found",
        )
    # nothing of alice's was touched by any of it
    async with httpx.AsyncClient(base_url=server.url, headers=victim.headers, timeout=20) as owner:
        for workflow_id in (victim.workflow_id, victim.imported_id):
            assert (await owner.get(f"/api/v1/workflows/{workflow_id}")).status_code == 200
            versions = (await owner.get(f"/api/v1/workflows/{workflow_id}/versions")).json()
            assert [v["version"] for v in versions["items"]] == [1]
        detail = (await owner.get(f"/api/v1/sessions/{victim.session_id}")).json()
        assert len(detail["messages"]) == 2 and len(detail["generations"]) == 1


async def test_streams_of_others_are_404(server: LiveServer, user: str, victim: Victim) -> None:
    mallory = server.headers(user + "-mallory")
    async with httpx.AsyncClient(base_url=server.url, headers=mallory, timeout=20) as client:
        own = await create_session(client, mallory)
        missing = uuid.uuid4().hex

        async def chat(
            session_id: str, last: str | None = None, method: str = "GET"
        ) -> httpx.Response:
            headers = {"Last-Event-ID": last} if last else {}
            if method == "GET":
                return await client.get(
                    "/api/v1/chat/stream",
                    headers=headers,
                    params={"session_id": session_id, "user_message": "show me what you have"},
                )
            return await client.post(
                "/api/v1/chat/stream",
                headers=headers,
                json={"session_id": session_id, "user_message": "show me what you have"},
            )

        async def progress(session_id: str, last: str | None = None) -> httpx.Response:
            headers = {"Last-Event-ID": last} if last else {}
            return await client.get(
                "/api/v1/workflow_generation", headers=headers, params={"session_id": session_id}
            )

        for method in ("GET", "POST"):
            # alice's session, with or without one of her event ids
            for last in (None, victim.turn_last_id, f"t.{victim.turn_id}.1"):
                same_404(
                    await chat(victim.session_id, last, method),
                    await chat(missing, last, method),
                    "session_not_found",
                )
            # mallory's own session, resuming from alice's turn: no such event here
            for last in (victim.turn_last_id, f"t.{victim.turn_id}.1"):
                same_404(
                    await chat(own, last, method),
                    await chat(own, f"t.{uuid.uuid4().hex}.1", method),
                    "event_not_found",
                )
        for last in (None, victim.generation_last_id, f"s.{victim.session_id}.0"):
            same_404(
                await progress(victim.session_id, last),
                await progress(missing, last),
                "session_not_found",
            )
        for last in (
            victim.generation_last_id,
            f"g.{victim.generation_id}.1",
            f"s.{victim.session_id}.0",
            f"s.{victim.session_id}.1",
        ):
            kind = last[0]
            same_404(
                await progress(own, last),
                await progress(own, f"{kind}.{uuid.uuid4().hex}.1"),
                "event_not_found",
            )
        # an id of the other stream's kind is refused by its shape, whoever owns it
        assert_error(await chat(own, victim.generation_last_id), 422, "invalid_last_event_id")
        assert_error(await progress(own, victim.turn_last_id), 422, "invalid_last_event_id")
        detail = (await client.get(f"/api/v1/sessions/{own}")).json()
        assert detail["messages"] == [] and detail["generations"] == []


async def test_import_is_always_the_callers(server: LiveServer, user: str) -> None:
    a, b = server.headers(user + "-a"), server.headers(user + "-b")
    async with httpx.AsyncClient(base_url=server.url, timeout=20) as client:
        # an n8n export carrying some other id is imported under a new id of the caller's
        foreign: dict[str, Any] = {**MINIMAL_N8N, "id": uuid.uuid4().hex}
        first = (await client.post("/api/v1/workflows/import", json=foreign, headers=a)).json()
        second = (await client.post("/api/v1/workflows/import", json=foreign, headers=b)).json()
        assert first["workflow_id"] != second["workflow_id"] != foreign["id"]
        assert (
            await client.get(f"/api/v1/workflows/{first['workflow_id']}", headers=b)
        ).status_code == 404


async def test_deleted_workflow_is_404_for_its_owner_too(
    server: LiveServer, victim: Victim
) -> None:
    async with httpx.AsyncClient(base_url=server.url, headers=victim.headers, timeout=20) as client:
        assert (await client.delete(f"/api/v1/workflows/{victim.imported_id}")).status_code == 204
        for suffix in ("", "/versions", "/versions/1", "/export"):
            assert_error(
                await client.get(f"/api/v1/workflows/{victim.imported_id}{suffix}"),
                404,
                "workflow_not_found",
            )
        assert_error(
            await client.post(
                "/api/v1/session", json={"action": "copy", "workflow_id": victim.imported_id}
            ),
            404,
            "workflow_not_found",
        )


def test_every_route_is_covered(server: LiveServer) -> None:
    spec = server.app.openapi()
    routes = {
        (method.upper(), path)
        for path, ops in spec["paths"].items()
        for method in ops
        if path.startswith("/api/")
    }
    assert routes == set(COVERED), routes ^ set(COVERED)


async def test_someone_elses_running_turn_is_never_interrupted(
    tmp_path_factory: pytest.TempPathFactory, user: str
) -> None:
    """A new message is checked against the session's owner before it stops the turn
    running there: Mallory's message to Alice's session is a 404 and Alice's reply ends
    complete, not interrupted (the ownership check is in the turn start's own query)."""
    live = start_server(tmp_path_factory.mktemp("slow"), FLOWSMITH_OFFLINE_STREAM_DELAY_MS=40)
    try:
        alice, mallory = live.headers(user + "-alice"), live.headers(user + "-mallory")
        async with httpx.AsyncClient(base_url=live.url, timeout=60) as client:
            session_id = await create_session(client, alice)
            params = {"session_id": session_id, "user_message": "hello, what can you do?"}
            reply = asyncio.create_task(
                read_events(
                    client,
                    "GET",
                    "/api/v1/chat/stream",
                    headers=alice,
                    until=chat_done,
                    params=params,
                )
            )
            await asyncio.sleep(0.5)
            assert not reply.done()  # Alice's turn is streaming
            attack = await client.get("/api/v1/chat/stream", headers=mallory, params=params)
            missing = await client.get(
                "/api/v1/chat/stream",
                headers=mallory,
                params={**params, "session_id": uuid.uuid4().hex},
            )
            _, events = await reply
            detail = (await client.get(f"/api/v1/sessions/{session_id}", headers=alice)).json()
        assert_error(attack, 404, "session_not_found")
        assert attack.content == missing.content
        assert chat_done(events[-1]) and not events[-1].data.get("interrupted"), events[-1]
        assert [m["status"] for m in detail["messages"]] == ["complete", "complete"]
    finally:
        live.stop()
