"""Request ids, metrics, and secrets kept out of logs."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from flowsmith.logs import RedactSecrets, configure_logging, redact
from tests.helpers import chat_done, create_session, read_events


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
    await read_events(client, "GET", "/api/v1/chat/stream", headers=headers, until=chat_done,
                      params={"session_id": session_id, "user_message": "watch Amazon stock hourly and email me"})
    text = (await client.get("/metrics")).text
    assert 'flowsmith_http_requests_total{method="POST",route="/api/v1/session",status="200"}' in text
    assert 'flowsmith_stream_events_total{stream="chat"}' in text
    assert "flowsmith_chat_turns_total" in text and "flowsmith_generation_seconds_bucket" in text
    assert "/api/v1/sessions/" + session_id not in text, "routes are templates, not raw paths"


@pytest.fixture
def restore_logging() -> Iterator[None]:
    """configure_logging rewires the root and uvicorn loggers; put them back afterwards, so
    later tests do not log into this test's (closed) captured stderr."""
    names = ("", "uvicorn", "uvicorn.access", "uvicorn.error")
    saved = [(logging.getLogger(n), logging.getLogger(n).handlers[:], logging.getLogger(n).level,
              logging.getLogger(n).propagate) for n in names]
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
        '%s - "%s %s HTTP/1.1" %d', "127.0.0.1", "GET",
        f"/api/v1/workflow_generation?session_id=abc&access_token={token}", 200,
    )
    logging.getLogger("flowsmith.anything").warning("url was /x?access_token=%s", token)
    err = capsys.readouterr().err
    assert token not in err and err.count("[redacted]") == 2
    assert '"request_id"' in err
    assert redact("a?apikey=sk-123&b=1") == "a?apikey=[redacted]&b=1"
    assert isinstance(logging.getLogger().handlers[0].filters[0], RedactSecrets)
