"""The OpenAPI document against the server's behaviour, one defect at a time (each of these
failed before the document was made to say what the server does; schemathesis found them
as ST202, ST205 and ST108). ``test_schemathesis`` runs the whole document."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from jsonschema import Draft202012Validator

from tests.conftest import LiveServer, make_settings

CHAT = "/api/v1/chat/stream"
GENERATION = "/api/v1/workflow_generation"
TURN_ID = "t." + "ab" * 16 + ".3"
GENERATION_ID = "g." + "ab" * 16 + ".3"


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    server = LiveServer(make_settings(tmp_path_factory.mktemp("document"))).start()
    warm_up(server)
    yield server
    server.stop()


def warm_up(server: LiveServer) -> None:
    """The node catalog is built once per process, by the first import or turn (seconds on
    a busy machine): built here, the tests' requests get their answers at once."""
    response = httpx.post(
        f"{server.url}/api/v1/workflows/import",
        json={"nodes": []},
        headers=server.headers("warm-up"),
        timeout=180,
    )
    assert response.status_code == 201, response.text


@pytest.fixture(scope="module")
def doc(live: LiveServer) -> dict[str, Any]:
    """The document as the live server serves it."""
    return dict(httpx.get(f"{live.url}/openapi.json", timeout=10).json())


def allows(doc: dict[str, Any], schema: dict[str, Any], instance: Any) -> bool:
    """Whether ``schema`` (a part of ``doc``, with its ``$ref``s into it) takes ``instance``."""
    root = {"components": doc["components"], "$ref": "#/x-target", "x-target": schema}
    return Draft202012Validator(root).is_valid(instance)


def body_schema(doc: dict[str, Any], path: str, method: str = "post") -> dict[str, Any]:
    schema: dict[str, Any] = doc["paths"][path][method]["requestBody"]["content"][
        "application/json"
    ]["schema"]
    return schema


def parameter(doc: dict[str, Any], path: str, method: str, name: str) -> dict[str, Any]:
    found: dict[str, Any] = next(
        p for p in doc["paths"][path][method]["parameters"] if p["name"].lower() == name
    )
    return found


def operations(doc: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in doc["paths"].items():
        for method, operation in item.items():
            yield path, method, operation


# --- ST202: requests the document allowed were refused with 422 ----------------------------


def test_an_empty_message_is_outside_the_document(live: LiveServer, doc: dict[str, Any]) -> None:
    body = body_schema(doc, CHAT)
    query = parameter(doc, CHAT, "get", "user_message")
    assert query["required"] is True
    for blank in ("", "   ", "\t\n", "\u3000", "a\x00"):
        assert not allows(doc, body, {"session_id": "s", "user_message": blank}), repr(blank)
        assert not allows(doc, query["schema"], blank), repr(blank)
    for text in ("hi", " x ", "请帮我", "\ufeff"):
        assert allows(doc, body, {"session_id": "s", "user_message": text}), repr(text)
        assert allows(doc, query["schema"], text), repr(text)
    assert query["schema"]["maxLength"] == live.settings.max_message_chars
    # and the server refuses what the document refuses, with its own code
    headers = live.headers("doc-empty")
    session = httpx.post(f"{live.url}/api/v1/session", json={}, headers=headers, timeout=10).json()
    response = httpx.post(
        f"{live.url}{CHAT}",
        json={"session_id": session["session_id"], "user_message": "  "},
        headers=headers,
        timeout=10,
    )
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "empty_message"


def test_edit_and_copy_need_a_workflow_id_in_the_document(
    live: LiveServer, doc: dict[str, Any]
) -> None:
    body = body_schema(doc, "/api/v1/session")
    for action in ("edit", "copy"):
        assert not allows(doc, body, {"action": action})
        assert not allows(doc, body, {"action": action, "workflow_id": ""})
        assert not allows(doc, body, {"action": action, "workflow_id": None})
        assert allows(doc, body, {"action": action, "workflow_id": "w1"})
    for create in ({}, {"action": "create"}, {"action": "create", "workflow_id": None}):
        assert allows(doc, body, create), create
    assert not allows(doc, body, {"action": "move"})
    response = httpx.post(
        f"{live.url}/api/v1/session",
        json={"action": "copy"},
        headers=live.headers("doc-copy"),
        timeout=10,
    )
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_input"


def test_the_import_body_is_an_n8n_workflow(live: LiveServer, doc: dict[str, Any]) -> None:
    body = body_schema(doc, "/api/v1/workflows/import")
    for refused in ({}, [], [{}], {"nodes": "abc"}, {"nodes": [1]}, {"nodes": [], "name": 5}):
        assert not allows(doc, body, refused), refused
    workflow = {"name": "w", "nodes": [], "connections": {}, "settings": {}}
    assert allows(doc, body, workflow)
    assert allows(doc, body, [workflow])
    assert not allows(doc, body, [workflow, workflow])
    headers = live.headers("doc-import")
    url = f"{live.url}/api/v1/workflows/import"
    # what the document refuses, the server refuses (the settings were ignored before)
    for refused in ({}, {"nodes": [], "settings": [None]}, {"nodes": [1]}, [workflow, workflow]):
        response = httpx.post(url, json=refused, headers=headers, timeout=10)
        assert response.status_code == 422, (refused, response.text)
        error = response.json()["error"]
        assert error["code"] == "invalid_workflow"
        assert "None" not in error["message"], "the message never repeats the body"
    for taken in (workflow, [workflow], {"nodes": []}):
        assert httpx.post(url, json=taken, headers=headers, timeout=10).status_code == 201


def test_last_event_id_is_an_id_of_the_stream(live: LiveServer, doc: dict[str, Any]) -> None:
    chat = parameter(doc, CHAT, "get", "last-event-id")["schema"]
    generation = parameter(doc, GENERATION, "get", "last-event-id")["schema"]
    for schema, own, other in (
        (chat, TURN_ID, GENERATION_ID),
        (generation, GENERATION_ID, TURN_ID),
    ):
        assert allows(doc, schema, own)
        assert allows(doc, schema, "")
        for refused in ("not-ours", "0" * 128, other, own + "0" * 10, "t.1.1"):
            assert not allows(doc, schema, refused), refused
    assert allows(doc, generation, "s." + "cd" * 16 + ".0")
    # the server: an id of another stream or none of ours is 422 invalid_last_event_id, even
    # on a session that is not the caller's (it is the header that is wrong)
    headers = live.headers("doc-resume")
    for path, params, wrong in (
        (CHAT, {"session_id": "x", "user_message": "hi"}, GENERATION_ID),
        (GENERATION, {"session_id": "x"}, TURN_ID),
        (CHAT, {"session_id": "x", "user_message": "hi"}, "not-ours"),
    ):
        response = httpx.get(
            f"{live.url}{path}",
            params=params,
            headers={**headers, "Last-Event-ID": wrong},
            timeout=10,
        )
        assert response.status_code == 422, response.text
        assert response.json()["error"]["code"] == "invalid_last_event_id"


# --- ST205: Allow named the first route's methods only -------------------------------------


def test_405_names_every_method_of_the_path(live: LiveServer, doc: dict[str, Any]) -> None:
    headers = live.headers("doc-allow")
    for path, probe in (
        ("/api/v1/workflows/{workflow_id}", "/api/v1/workflows/" + "f" * 32),
        (CHAT, CHAT),
        ("/api/v1/session", "/api/v1/session"),
    ):
        documented = sorted(m.upper() for m in doc["paths"][path])
        for method in ("OPTIONS", "PUT", "PATCH"):
            response = httpx.request(method, f"{live.url}{probe}", headers=headers, timeout=10)
            assert response.status_code == 405, (method, path)
            allowed = sorted(m.strip() for m in response.headers["allow"].split(","))
            assert allowed == documented, (method, path, allowed)
            assert response.json()["error"]["code"] == "method_not_allowed"


# --- ST108 and the rest: responses as the server sends them --------------------------------


def test_streams_are_text_event_stream_of_json_events(doc: dict[str, Any]) -> None:
    for path, method in ((CHAT, "get"), (CHAT, "post"), (GENERATION, "get")):
        ok = doc["paths"][path][method]["responses"]["200"]
        assert list(ok["content"]) == ["text/event-stream"], (path, method)
        media = ok["content"]["text/event-stream"]
        assert "schema" not in media, "no 'type: string' for a stream"
        event = media["itemSchema"]
        assert event["required"] == ["id", "data"]
        assert event["properties"]["data"]["contentMediaType"] == "application/json"
        assert "204" in doc["paths"][path][method]["responses"]


def test_readyz_documents_its_503(doc: dict[str, Any]) -> None:
    responses = doc["paths"]["/readyz"]["get"]["responses"]
    assert {"200", "503"} <= set(responses)
    for status in ("200", "503"):
        schema = responses[status]["content"]["application/json"]["schema"]
        assert schema == {"$ref": "#/components/schemas/ReadyStatus"}
    assert allows(
        doc,
        responses["503"]["content"]["application/json"]["schema"],
        {"status": "unavailable", "checks": {"database": "error: OSError", "event_bus": "ok"}},
    )


def test_every_error_is_documented_with_the_error_body(doc: dict[str, Any]) -> None:
    error = {"$ref": "#/components/schemas/ErrorBody"}
    for path, method, operation in operations(doc):
        responses = operation["responses"]
        assert {"413", "422"} <= set(responses), (method, path)  # the size and query checks
        if operation.get("security"):
            assert {"401", "503"} <= set(responses), (method, path)
        for status, response in responses.items():
            if status.startswith(("4", "5")) and not (path == "/readyz" and status == "503"):
                schema = response["content"]["application/json"]["schema"]
                assert schema == error, (method, path, status)
