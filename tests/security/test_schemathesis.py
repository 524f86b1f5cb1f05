"""schemathesis against our own OpenAPI schema, on a live server: no 500, no response that
the schema does not describe (status, content type, body), in positive and negative modes.

Streaming routes are called with a streaming client: a 200 must be ``text/event-stream``
(its first bytes are read, then the connection is dropped); anything else is read whole
and validated like every other response.

``FS_TEST_FUZZ_EXAMPLES`` sets the examples per operation and mode (default 20).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.conftest import LiveServer
from tests.security.support import MINIMAL_N8N, start_server

EXAMPLES = int(os.environ.get("FS_TEST_FUZZ_EXAMPLES", "20"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]
STREAMING = {
    ("GET", "/api/v1/chat/stream"),
    ("POST", "/api/v1/chat/stream"),
    ("GET", "/api/v1/workflow_generation"),
}
SUB = "fuzzer"


@pytest.fixture(scope="module")
def fuzz_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    live = start_server(
        tmp_path_factory.mktemp("fuzz"),
        FLOWSMITH_RATE_SESSIONS_PER_MIN=0,
        FLOWSMITH_RATE_TURNS_PER_MIN=0,
        FLOWSMITH_OFFLINE_STREAM_DELAY_MS=0,
    )
    yield live
    live.stop()


@pytest.fixture(scope="module")
def real_ids(fuzz_server: LiveServer) -> dict[str, str]:
    """A workflow and a session of the fuzzing user, so some cases reach the 200 paths."""
    headers = fuzz_server.headers(SUB)
    with httpx.Client(base_url=fuzz_server.url, headers=headers, timeout=20) as client:
        imported = client.post("/api/v1/workflows/import", json=MINIMAL_N8N)
        assert imported.status_code == 201, imported.text
        session = client.post("/api/v1/session", json={"action": "create"})
        assert session.status_code == 200, session.text
    return {
        "workflow_id": imported.json()["workflow_id"],
        "session_id": session.json()["session_id"],
    }


def _call_streaming(case: Any, base_url: str, headers: dict[str, str]) -> None:
    kwargs = case.as_transport_kwargs(base_url=base_url, headers=headers)
    method, url = kwargs.pop("method"), kwargs.pop("url")
    request_kwargs = {k: kwargs[k] for k in ("params", "headers", "cookies") if kwargs.get(k)}
    if "json" in kwargs:
        request_kwargs["json"] = kwargs["json"]
    elif kwargs.get("data") is not None:
        request_kwargs["content"] = kwargs["data"]
    try:
        httpx.Request(method, url, params=request_kwargs.get("params"))
    except httpx.InvalidURL:
        # over httpx's own 64 KiB URL limit: no request leaves this client, so there is no
        # server behaviour to check (tests/hardening/test_query_limits.py sends such
        # queries over a raw socket and checks the JSON 413)
        reject()
    with (
        httpx.Client(timeout=10) as client,
        client.stream(method, url, **request_kwargs) as response,
    ):
        if response.status_code == 200:
            assert response.headers["content-type"].startswith("text/event-stream")
            next(response.iter_bytes(), b"")  # the first bytes, then drop the connection
            return
        response.read()
    case.validate_response(response, checks=CHECKS)


def _run(
    schema: Any,
    method: str,
    path: str,
    mode: GenerationMode,
    base_url: str,
    headers: dict[str, str],
    **fixed: Any,
) -> None:
    operation = schema[path][method]
    strategy = operation.as_strategy(generation_mode=mode, **fixed)
    checks = CHECKS + ([negative_data_rejection] if mode == GenerationMode.NEGATIVE else [])

    @given(case=strategy)
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        if (method, path) in STREAMING:
            _call_streaming(case, base_url, headers)
        else:
            case.call_and_validate(base_url=base_url, headers=headers, checks=checks, timeout=15)

    try:
        run()
    except Unsatisfiable:
        # nothing of this operation can be made schema-invalid (no parameters, no body)
        assert mode == GenerationMode.NEGATIVE, (method, path)


def _operations(url: str) -> list[tuple[str, str]]:
    spec = httpx.get(url + "/openapi.json").json()
    return [(m.upper(), p) for p, ops in spec["paths"].items() for m in ops]


def test_every_operation_conforms_and_never_500s(
    fuzz_server: LiveServer, real_ids: dict[str, str]
) -> None:
    schema = schemathesis.openapi.from_url(fuzz_server.url + "/openapi.json")
    headers = fuzz_server.headers(SUB)
    tested = []
    for method, path in _operations(fuzz_server.url):
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _run(schema, method, path, mode, fuzz_server.url, headers)
        if "{workflow_id}" in path and method != "DELETE":
            # the same operation on a real workflow of the caller: the 200 paths
            fixed = {"workflow_id": real_ids["workflow_id"]}
            _run(
                schema,
                method,
                path,
                GenerationMode.POSITIVE,
                fuzz_server.url,
                headers,
                path_parameters=fixed,
            )
        tested.append((method, path))
    assert len(tested) >= 16, tested


def test_routes_that_need_a_token_say_so_and_refuse_without_one(fuzz_server: LiveServer) -> None:
    """schemathesis' ``ignored_auth``: every operation with a security requirement answers 401
    when called without credentials."""
    schema = schemathesis.openapi.from_url(fuzz_server.url + "/openapi.json")
    secured = [
        (m, p)
        for m, p in _operations(fuzz_server.url)
        if p.startswith("/api/v1/") and not p.startswith("/api/v1/dev/")
    ]
    spec = httpx.get(fuzz_server.url + "/openapi.json").json()
    for method, path in secured:
        assert spec["paths"][path][method.lower()].get("security"), (method, path)
        operation = schema[path][method]

        _refused_without_token(operation, fuzz_server.url, method, path)


def _refused_without_token(operation: Any, url: str, method: str, path: str) -> None:
    @given(case=operation.as_strategy())
    @settings(
        max_examples=3,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        response = case.call(base_url=url, timeout=10)
        assert response.status_code == 401, (method, path, response.status_code)
        case.validate_response(response, checks=[*CHECKS, ignored_auth])

    run()


@given(message=st.text(min_size=0, max_size=300))
@settings(
    max_examples=EXAMPLES * 2,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_any_chat_message_is_a_stream_or_a_clear_4xx(
    fuzz_server: LiveServer, real_ids: dict[str, str], message: str
) -> None:
    """Arbitrary text (NULs, lone surrogates, RTL marks, emoji) as the message, by query and
    by JSON body, on a real session: a stream, or a 413/422 with a stable code."""
    headers = fuzz_server.headers(SUB)
    params = {"session_id": real_ids["session_id"]}
    with httpx.Client(base_url=fuzz_server.url, headers=headers, timeout=15) as client:
        safe = message.encode("utf-8", "replace").decode("utf-8")
        for method, kwargs in (
            ("GET", {"params": {**params, "user_message": safe}}),
            (
                "POST",
                {
                    "content": '{"session_id": "'
                    + real_ids["session_id"]
                    + '", "user_message": '
                    + _json_string(message)
                    + "}"
                },
            ),
        ):
            with client.stream(
                method,
                "/api/v1/chat/stream",
                headers={"Content-Type": "application/json"},
                **kwargs,
            ) as r:
                if r.status_code == 200:
                    assert r.headers["content-type"].startswith("text/event-stream")
                    continue
                r.read()
                assert r.status_code in (413, 422), (r.status_code, r.text)
                assert r.json()["error"]["code"] in (
                    "empty_message",
                    "invalid_input",
                    "message_too_long",
                ), r.text


def _json_string(text: str) -> str:
    """``text`` as a JSON string literal, lone surrogates kept as escapes (what a buggy
    client might send)."""
    import json

    return json.dumps(text)
