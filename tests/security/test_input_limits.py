"""Suite 3, input: every limit answers with a clear 413/422 and a stable code, and hostile
input (deep nesting, NUL characters, unpaired surrogates, non-UTF-8 bodies) is refused
before it reaches the database, never a 500. Rejected input stores nothing.

(``tests/api/test_errors.py`` covers the basic 413/422 cases; schemathesis fuzzes the rest:
``test_schemathesis.py``.)
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest

from tests.conftest import LiveServer
from tests.helpers import create_session
from tests.security.support import (
    MINIMAL_N8N,
    assert_error,
    captured_json_logs,
    json_lines,
    start_server,
)

MAX_CHARS = 500


@pytest.fixture(scope="module")
def limited(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    live = start_server(
        tmp_path_factory.mktemp("limits"),
        FLOWSMITH_MAX_MESSAGE_CHARS=MAX_CHARS,
        FLOWSMITH_MAX_WORKFLOW_NODES=20,
        FLOWSMITH_MAX_BODY_BYTES=256 * 1024,
        FLOWSMITH_MAX_QUERY_BYTES=8192,
        FLOWSMITH_RATE_TURNS_PER_MIN=0,
        FLOWSMITH_RATE_SESSIONS_PER_MIN=0,
    )
    yield live
    live.stop()


@pytest.fixture
async def client(limited: LiveServer, user: str) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(
        base_url=limited.url, headers=limited.headers(user), timeout=20
    ) as c:
        yield c


def nested(depth: int) -> dict[str, Any]:
    root: dict[str, Any] = {}
    cursor = root
    for _ in range(depth):
        cursor["a"] = {}
        cursor = cursor["a"]
    return root


def n8n_with(parameters: dict[str, Any], **extra: Any) -> dict[str, Any]:
    workflow = json.loads(json.dumps(MINIMAL_N8N))
    workflow["nodes"].append(
        {
            "id": "b2",
            "name": "Set",
            "type": "n8n-nodes-base.set",
            "typeVersion": 1,
            "position": [200, 0],
            "parameters": parameters,
        }
    )
    workflow["connections"] = {"Manual": {"main": [[{"node": "Set", "type": "main", "index": 0}]]}}
    workflow.update(extra)
    return workflow


async def post_raw(client: httpx.AsyncClient, path: str, body: bytes) -> httpx.Response:
    return await client.post(path, content=body, headers={"Content-Type": "application/json"})


async def test_message_length_and_content(client: httpx.AsyncClient) -> None:
    session_id = await create_session(client, {})
    params = {"session_id": session_id}
    at_limit = "好" * MAX_CHARS  # characters, not bytes
    async with client.stream(
        "GET", "/api/v1/chat/stream", params={**params, "user_message": at_limit}
    ) as ok:
        assert ok.status_code == 200
    for method in ("GET", "POST"):
        over = "x" * (MAX_CHARS + 1)
        response = (
            await client.get("/api/v1/chat/stream", params={**params, "user_message": over})
            if method == "GET"
            else await client.post("/api/v1/chat/stream", json={**params, "user_message": over})
        )
        assert_error(response, 413, "message_too_long")
    for text in ("", "   ", "\n\t"):
        assert_error(
            await client.post("/api/v1/chat/stream", json={**params, "user_message": text}),
            422,
            "empty_message",
        )
    # text no database can hold: a NUL (PostgreSQL refuses it), an unpaired surrogate
    assert_error(
        await client.get("/api/v1/chat/stream", params={**params, "user_message": "hi\x00there"}),
        422,
        "invalid_text",
    )
    body = (f'{{"session_id": "{session_id}", "user_message": "hi \\ud800 there"}}').encode()
    assert_error(await post_raw(client, "/api/v1/chat/stream", body), 422, "invalid_text")
    assert_error(
        await client.post("/api/v1/chat/stream", json={**params, "user_message": "a\u0000b"}),
        422,
        "invalid_text",
    )
    # not-UTF-8 query bytes are refused as a not-UTF-8 body is (tests/hardening)
    assert_error(
        await client.get(f"/api/v1/chat/stream?session_id={session_id}&user_message=%ff%fe%fd"),
        422,
        "invalid_input",
    )
    detail = (await client.get(f"/api/v1/sessions/{session_id}")).json()
    assert [m["content"] for m in detail["messages"] if m["role"] == "user"] == [
        at_limit,
    ], "rejected messages are not stored"


async def test_ids_names_and_headers(
    client: httpx.AsyncClient, limited: LiveServer, user: str
) -> None:
    session_id = await create_session(client, {})
    long_id = "a" * 65
    assert_error(await client.get(f"/api/v1/sessions/{long_id}"), 422, "invalid_input")
    assert_error(await client.get(f"/api/v1/workflows/{long_id}"), 422, "invalid_input")
    assert_error(
        await client.get(
            "/api/v1/chat/stream", params={"session_id": long_id, "user_message": "hi"}
        ),
        422,
        "invalid_input",
    )
    assert_error(
        await client.get("/api/v1/workflow_generation", params={"session_id": ""}),
        422,
        "invalid_input",
    )
    assert_error(
        await client.post("/api/v1/session", json={"action": "edit", "workflow_id": long_id}),
        422,
        "invalid_input",
    )
    # ids that cannot exist (NUL, unpaired surrogate): not found, never a database error
    assert_error(await client.get("/api/v1/sessions/ab%00cd"), 404, "session_not_found")
    assert_error(await client.get("/api/v1/workflows/ab%00cd/versions"), 404, "workflow_not_found")
    surrogate_id = await post_raw(
        client, "/api/v1/chat/stream", b'{"session_id": "\\ud800", "user_message": "hi"}'
    )
    assert surrogate_id.status_code in (404, 422)
    assert_error(surrogate_id, surrogate_id.status_code)
    assert_error(
        await post_raw(client, "/api/v1/session", b'{"action": "copy", "workflow_id": "x\\u0000"}'),
        404,
        "workflow_not_found",
    )
    for last in ("x" * 129, "t." + "0" * 32 + ".1" + "0" * 100):
        assert_error(
            await client.get(
                "/api/v1/workflow_generation",
                params={"session_id": session_id},
                headers={"Last-Event-ID": last},
            ),
            422,
        )
    for bad in ("t.1.1", "g.%s.-1" % ("0" * 32), "s.%s.1234567890" % ("0" * 32), "t.xyz"):
        assert_error(
            await client.get(
                "/api/v1/workflow_generation",
                params={"session_id": session_id},
                headers={"Last-Event-ID": bad},
            ),
            422,
            "invalid_last_event_id",
        )
    for params in ({"limit": 0}, {"limit": 201}, {"offset": -1}, {"limit": "ten"}):
        assert_error(await client.get("/api/v1/workflows", params=params), 422, "invalid_input")
    for version in ("0", "1000001", "-1", "one"):
        assert_error(
            await client.get(f"/api/v1/workflows/{'f' * 32}/versions/{version}"),
            422,
            "invalid_input",
        )
    assert_error(
        await client.get(f"/api/v1/workflows/{'f' * 32}/export", params={"format": "zip"}),
        422,
        "invalid_input",
    )
    async with httpx.AsyncClient(base_url=limited.url) as anonymous:
        assert_error(await anonymous.post("/api/v1/dev/token", json={"sub": "x" * 65}), 422)
        assert_error(await anonymous.post("/api/v1/dev/token", json={"sub": "a b"}), 422)


async def test_request_bodies_and_queries(client: httpx.AsyncClient) -> None:
    for path in ("/api/v1/session", "/api/v1/chat/stream"):
        assert_error(await post_raw(client, path, b"\xff\xfe\x00{"), 422, "invalid_input")
        assert_error(await post_raw(client, path, b"{not json"), 422, "invalid_input")
        assert_error(
            await post_raw(client, path, b"[" * 50_000 + b"]" * 50_000), 422, "invalid_input"
        )
        assert_error(
            await post_raw(client, path, b"{" + b" " * (300 * 1024) + b"}"), 413, "body_too_large"
        )
    assert_error(
        await client.get("/api/v1/workflows", params={"q": "x" * 9000}), 413, "query_too_long"
    )
    assert_error(
        await client.post("/api/v1/session", json={"action": "create" * 10}), 422, "invalid_input"
    )


async def test_workflow_size_depth_and_text(client: httpx.AsyncClient) -> None:
    imports = "/api/v1/workflows/import"
    too_many = json.loads(json.dumps(MINIMAL_N8N))
    too_many["nodes"] += [
        {
            "id": f"n{i}",
            "name": f"N{i}",
            "type": "n8n-nodes-base.noOp",
            "typeVersion": 1,
            "position": [0, 0],
            "parameters": {},
        }
        for i in range(20)
    ]
    assert_error(await client.post(imports, json=too_many), 413, "workflow_too_large")
    assert_error(
        await client.post(imports, json=n8n_with({"blob": "x" * (300 * 1024)})),
        413,
        "body_too_large",
    )
    # nesting: beyond what the JSON parser or the importer's recursion could survive
    assert_error(
        await post_raw(client, imports, b"[" * 100_000 + b"]" * 100_000), 422, "workflow_too_deep"
    )
    assert_error(await client.post(imports, json=n8n_with(nested(300))), 422, "workflow_too_deep")
    assert_error(await client.post(imports, json=n8n_with(nested(80))), 422, "workflow_too_deep")
    assert (await client.post(imports, json=n8n_with(nested(40)))).status_code == 201
    # text no database can hold
    assert_error(
        await client.post(imports, json=n8n_with({"value": "a\x00b"})), 422, "invalid_text"
    )
    assert_error(
        await client.post(imports, json=n8n_with({}, name="bad\x00name")), 422, "invalid_text"
    )
    surrogate = json.dumps(n8n_with({"value": "PLACEHOLDER"})).replace("PLACEHOLDER", "\\udc00")
    assert_error(await post_raw(client, imports, surrogate.encode()), 422, "invalid_text")
    # not a workflow at all
    for body in (b"", b"null", b"42", b'"text"', b"{}", b'{"nodes": "abc"}', b"[1, 2]"):
        assert_error(await post_raw(client, imports, body), 422, "invalid_workflow")
    # names past the language's limits are cut to them (n8n has none)
    long_names = n8n_with({}, name="N" * 5000)
    long_names["nodes"][0]["name"] = "M" * 5000
    imported = await client.post(imports, json=long_names)
    assert imported.status_code == 201, imported.text
    stored = (await client.get(f"/api/v1/workflows/{imported.json()['workflow_id']}")).json()
    assert len(stored["name"]) == 200
    assert max(len(node["name"]) for node in stored["workflow"]["nodes"]) == 200
    listed = (await client.get("/api/v1/workflows")).json()["items"]
    assert len(listed) == 2, "only the two accepted imports were stored"


async def test_unexpected_error_is_a_500_with_the_request_id(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug is a plain 500 (no trace in the body) whose one log line, with its trace,
    carries the request id that the response names."""
    from flowsmith.workflows import service

    async def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("boom: a bug")

    monkeypatch.setattr(service, "list_owned", broken)
    with captured_json_logs(logging.INFO) as logs:
        response = await client.get("/api/v1/workflows", headers={"X-Request-ID": "bug-12345678"})
    assert_error(response, 500, "internal_error")
    assert "boom" not in response.text
    assert response.headers["x-request-id"] == "bug-12345678"
    errors = [line for line in json_lines(logs) if line["level"] == "ERROR"]
    assert len(errors) == 1, errors
    assert errors[0]["request_id"] == "bug-12345678" and "RuntimeError: boom" in errors[0]["exc"]
