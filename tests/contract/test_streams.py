"""Whole streams against the document: a chat turn from its first event to its last, and the
generation it starts from ``waiting`` to ``complete``, every event checked against the
``itemSchema`` the served document gives its ``text/event-stream`` (and each event's JSON
``data`` against the ``contentSchema`` there). schemathesis reads the first event of many
streams; this reads every event of two."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from jsonschema import Draft202012Validator

from tests.conftest import LiveServer, make_settings
from tests.contract.test_document import CHAT, GENERATION, warm_up

REQUEST = "Watch BestBuy and Amazon stock every hour and email me when it is back"


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    server = LiveServer(make_settings(tmp_path_factory.mktemp("streams"))).start()
    warm_up(server)
    yield server
    server.stop()


def read_events(response: httpx.Response, until: set[str]) -> list[dict[str, Any]]:
    """The events as schemathesis reads them (``id``, ``event``, ``data``) up to the first
    whose JSON ``type`` is in ``until`` (a chat turn ends with ``is_complete``)."""
    events: list[dict[str, Any]] = []
    current: dict[str, Any] = {}
    for line in response.iter_lines():
        if line == "":
            if "data" in current:
                current.setdefault("event", "message")
                events.append(current)
                payload = json.loads(current["data"])
                if payload.get("type") in until or payload.get("is_complete"):
                    return events
            current = {}
        elif not line.startswith(":"):
            field, _, value = line.partition(":")
            current[field] = value.removeprefix(" ")
    return events


def check(doc: dict[str, Any], path: str, method: str, events: list[dict[str, Any]]) -> None:
    media = doc["paths"][path][method]["responses"]["200"]["content"]["text/event-stream"]
    event_schema = media["itemSchema"]
    content = event_schema["properties"]["data"]["contentSchema"]
    root = {"components": doc["components"]}
    event_validator = Draft202012Validator({**root, **event_schema})
    data_validator = Draft202012Validator({**root, **content})
    assert events
    for event in events:
        event_validator.validate(event)
        data_validator.validate(json.loads(event["data"]))


def test_whole_streams_are_what_the_document_says(live: LiveServer) -> None:
    doc = httpx.get(f"{live.url}/openapi.json", timeout=10).json()
    headers = live.headers("streams")
    with httpx.Client(base_url=live.url, headers=headers, timeout=60) as client:
        session = client.post("/api/v1/session", json={"action": "create"}).json()["session_id"]
        with client.stream("GET", GENERATION, params={"session_id": session}) as progress:
            assert progress.headers["content-type"].startswith("text/event-stream")
            with client.stream(
                "POST", CHAT, json={"session_id": session, "user_message": REQUEST}
            ) as chat:
                assert chat.headers["content-type"].startswith("text/event-stream")
                turn = read_events(chat, {"error"})
            stages = read_events(progress, {"complete", "error"})
    check(doc, CHAT, "post", turn)
    check(doc, GENERATION, "get", stages)
    kinds = [json.loads(e["data"])["type"] for e in turn]
    assert kinds[0] == "status" and "message" in kinds
    assert json.loads(turn[-1]["data"])["is_complete"] is True
    assert [json.loads(e["data"])["type"] for e in stages][-1] == "complete"
    # and the resume rule of the document: the last id back is a 204 (nothing to resume)
    with httpx.Client(base_url=live.url, headers=headers, timeout=60) as client:
        done = client.post(
            CHAT,
            json={"session_id": session, "user_message": REQUEST},
            headers={"Last-Event-ID": turn[-1]["id"]},
        )
    assert done.status_code == 204
