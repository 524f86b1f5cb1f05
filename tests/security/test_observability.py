"""Request ids, metrics, and secrets kept out of logs."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator

import pytest

from flowsmith.logs import RedactSecrets, configure_logging, redact
from tests.helpers import chat_done, create_session, generation_done, read_events


async def test_request_id_is_returned_and_honoured(client) -> None:  # type: ignore[no-untyped-def]
    fresh = await client.get("/healthz")
    assert len(fresh.headers["x-request-id"]) >= 8
    mine = await client.get("/healthz", headers={"X-Request-ID": "trace-12345678"})
    assert mine.headers["x-request-id"] == "trace-12345678"
    hostile = await client.get("/healthz", headers={"X-Request-ID": "bad id; <script>"})
    assert hostile.headers["x-request-id"] != "bad id; <script>"


async def test_metrics_count_requests_streams_and_generations(server, client, user) -> None:  # type: ignore[no-untyped-def]
    headers = server.headers(user)
    session_id = await create_session(client, headers)
    await read_events(
        client,
        "GET",
        "/api/v1/chat/stream",
        headers=headers,
        until=chat_done,
        params={"session_id": session_id, "user_message": "watch Amazon stock hourly and email me"},
    )
    text = (await client.get("/metrics")).text
    assert (
        'flowsmith_http_requests_total{method="POST",route="/api/v1/session",status="200"}' in text
    )
    assert 'flowsmith_stream_events_total{stream="chat"}' in text
    assert "flowsmith_chat_turns_total" in text and "flowsmith_generation_seconds_bucket" in text
    assert "/api/v1/sessions/" + session_id not in text, "routes are templates, not raw paths"


@pytest.fixture
def restore_logging() -> Iterator[None]:
    """configure_logging rewires the root and uvicorn loggers; put them back afterwards, so
    later tests do not log into this test's (closed) captured stderr."""
    names = ("", "uvicorn", "uvicorn.access", "uvicorn.error")
    saved = [
        (
            logging.getLogger(n),
            logging.getLogger(n).handlers[:],
            logging.getLogger(n).level,
            logging.getLogger(n).propagate,
        )
        for n in names
    ]
    yield
    for logger, handlers, level, propagate in saved:
        logger.handlers[:] = handlers
        logger.setLevel(level)
        logger.propagate = propagate


def test_tokens_are_redacted_from_every_log_line(
    capsys: pytest.CaptureFixture[str], restore_logging: None
) -> None:
    configure_logging("INFO", "json")
    token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"
    logging.getLogger("uvicorn.access").info(
        '%s - "%s %s HTTP/1.1" %d',
        "127.0.0.1",
        "GET",
        f"/api/v1/workflow_generation?session_id=abc&access_token={token}",
        200,
    )
    logging.getLogger("flowsmith.anything").warning("url was /x?access_token=%s", token)
    err = capsys.readouterr().err
    assert token not in err and err.count("[redacted]") == 2
    assert '"request_id"' in err
    assert redact("a?apikey=sk-123&b=1") == "a?apikey=[redacted]&b=1"
    assert isinstance(logging.getLogger().handlers[0].filters[0], RedactSecrets)


async def test_every_stream_event_log_line_carries_its_requests_id(server, client, user) -> None:  # type: ignore[no-untyped-def]
    """Item 7: one line per stream opened/closed and per event sent, each with the request id
    of the request that opened that stream (chat and generation streams alike)."""
    from tests.security.support import captured_json_logs, json_lines

    headers = server.headers(user)
    session_id = await create_session(client, headers)
    with captured_json_logs(logging.DEBUG) as logs:
        listener = asyncio.create_task(
            read_events(
                client,
                "GET",
                "/api/v1/workflow_generation",
                until=generation_done,
                params={"session_id": session_id},
                headers={**headers, "X-Request-ID": "gen-req-0001"},
            )
        )
        await asyncio.sleep(0.3)
        _, chat = await read_events(
            client,
            "GET",
            "/api/v1/chat/stream",
            until=chat_done,
            headers={**headers, "X-Request-ID": "chat-req-0001"},
            params={
                "session_id": session_id,
                "user_message": "watch Amazon stock hourly and email me",
            },
        )
        _, progress = await listener
        await asyncio.sleep(0.3)  # the "closed" lines are written once the streams end
    lines = [line for line in json_lines(logs) if line["logger"] == "flowsmith.streams"]
    for rid, kind, events in (
        ("chat-req-0001", "chat", chat),
        ("gen-req-0001", "generation", progress),
    ):
        mine = [line for line in lines if f": {kind}" in line["message"]]
        event_lines = [line for line in mine if line["message"].startswith("stream event")]
        assert {line["request_id"] for line in mine} == {rid}, mine
        assert [line["message"].split()[3] for line in event_lines] == [e.id for e in events]
        assert any(line["message"].startswith("stream opened") for line in mine)
        assert any(line["message"].startswith("stream closed") for line in mine)
    types = [line["message"].split()[-1] for line in lines if "generation g." in line["message"]]
    assert types[0] == "start" and types[-1] == "complete" and "draft" in types


async def test_metrics_cover_requests_streams_generations_and_llm(
    server, client, user, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from flowsmith.workflows import service

    headers = server.headers(user)
    session_id = await create_session(client, headers)
    await read_events(
        client,
        "GET",
        "/api/v1/chat/stream",
        headers=headers,
        until=chat_done,
        params={"session_id": session_id, "user_message": "watch Amazon stock hourly and email me"},
    )
    await read_events(
        client,
        "GET",
        "/api/v1/workflow_generation",
        headers=headers,
        until=generation_done,
        params={"session_id": session_id},
    )

    async def broken(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("boom")

    monkeypatch.setattr(service, "list_owned", broken)
    assert (await client.get("/api/v1/workflows", headers=headers)).status_code == 500
    text = (await client.get("/metrics")).text
    for family in (
        "flowsmith_http_requests_total",
        "flowsmith_http_request_seconds",
        "flowsmith_streams_open",
        "flowsmith_stream_events_total",
        "flowsmith_stream_seconds",
        "flowsmith_generations_total",
        "flowsmith_generation_seconds",
        "flowsmith_chat_turns_total",
        "flowsmith_llm_calls_total",
        "flowsmith_llm_tokens_total",
        "flowsmith_llm_call_seconds",
    ):
        assert f"# TYPE {family} " in text, family
    assert 'flowsmith_stream_seconds_count{stream="generation"}' in text
    assert 'flowsmith_generations_total{status="complete"}' in text
    # a 500 is counted like any other response (it used to bypass the middleware)
    assert 'route="/api/v1/workflows",status="500"' in text
