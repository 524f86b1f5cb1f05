"""Suite 6, secrets: tokens and API keys never appear in logs (the ``access_token`` query
parameter in access logs included) or in error bodies; credentials used by workflows are
stored as ``{{ $env.NAME }}`` references, never as values in the workflow JSON, whoever
writes the version (import, generation, copy).
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest

from flowsmith.core.catalog import load_catalog
from flowsmith.core.models import Node, Workflow
from flowsmith.logs import redact
from flowsmith.planner import offline
from flowsmith.workflows import service
from tests.conftest import LiveServer
from tests.helpers import chat_done, create_session, generation_done, read_events
from tests.security.support import ServeProcess, on_server_loop

JWT_SECRET = "jwt-secret-MARKER-" + "s" * 40
LLM_KEY = "sk-llmkeyMARKER" + "k" * 30
# what an n8n export of a careless user holds
SLACK_TOKEN = "xoxb-123456789012-abcdefghijklmnop"
OPENAI_KEY = "sk-proj-abcdefghijklmnopqrstuvwxyz012345"
AWS_KEY = "AKIAIOSFODNN7EXAMPLE"
PASSWORD = "hunter2-correct-horse"
JWT_IN_PARAM = jwt.encode({"sub": "svc"}, "k" * 32, algorithm="HS256")
INLINE = (SLACK_TOKEN, OPENAI_KEY, AWS_KEY, PASSWORD, JWT_IN_PARAM, "s3cr3tpw")


def token(sub: str, **claims: Any) -> str:
    now = int(time.time())
    body = {"sub": sub, "aud": "authenticated", "iat": now, "exp": now + 600, **claims}
    return jwt.encode(body, JWT_SECRET, algorithm="HS256")


def test_no_token_or_key_in_the_logs_of_a_real_server(tmp_path: Path) -> None:
    """``flowsmith serve`` with its own logging (JSON, DEBUG, uvicorn's access log): tokens
    in every place they travel, good and bad, streams included; then read every line."""
    proc = ServeProcess(
        tmp_path,
        SUPABASE_JWT_SECRET=JWT_SECRET,
        FLOWSMITH_LLM_API_KEY=LLM_KEY,
        FLOWSMITH_LOG_LEVEL="DEBUG",
        FLOWSMITH_KEEPALIVE_S="1",
        FLOWSMITH_OFFLINE_STREAM_DELAY_MS="0",
    )
    good, expired = token("alice"), token("alice", exp=int(time.time()) - 3600)
    forged = jwt.encode(
        {"sub": "alice", "aud": "authenticated", "exp": 2**31}, "x" * 40, algorithm="HS256"
    )
    secrets = [good, expired, forged, JWT_SECRET, LLM_KEY]
    try:
        proc.wait_ready()
        with httpx.Client(base_url=proc.url, timeout=30) as client:
            # the EventSource way: the token in the query, on every route that takes one
            session = client.post(
                "/api/v1/session", params={"access_token": good}, json={"action": "create"}
            ).json()["session_id"]
            with client.stream(
                "GET",
                "/api/v1/chat/stream",
                params={
                    "session_id": session,
                    "access_token": good,
                    "user_message": "watch Amazon stock every hour and email me",
                },
            ) as chat:
                assert chat.status_code == 200
                for line in chat.iter_lines():
                    if '"is_complete":true' in line:
                        break
            with client.stream(
                "GET",
                "/api/v1/workflow_generation",
                params={"session_id": session, "access_token": good},
            ) as progress:
                for line in progress.iter_lines():
                    if '"type":"complete"' in line or '"type":"error"' in line:
                        break
            client.get("/api/v1/workflows", headers={"Authorization": f"Bearer {good}"})
            client.get("/api/v1/workflows", headers={"Cookie": f"sb-access-token={good}"})
            for bad in (expired, forged):
                assert (
                    client.get("/api/v1/workflows", params={"access_token": bad}).status_code == 401
                )
                assert (
                    client.get(
                        "/api/v1/workflows", headers={"Authorization": f"Bearer {bad}"}
                    ).status_code
                    == 401
                )
            client.get(f"/api/v1/sessions/{'0' * 32}", params={"access_token": good})
            client.get(
                "/api/v1/workflows", params={"token": good, "apikey": LLM_KEY, "access_token": good}
            )
    finally:
        output = proc.stop()
    for secret in secrets:
        assert secret not in output, f"a secret reached the log: {secret[:12]}…"
        assert secret.rsplit(".", 1)[-1] not in output  # not even a JWT's signature
    lines = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    access = [line for line in lines if line["logger"] == "uvicorn.access"]
    assert len(access) >= 10 and any("access_token=[redacted]" in a["message"] for a in access)
    assert all(line["request_id"] != "-" for line in access)


async def test_error_bodies_never_echo_what_was_sent(server: LiveServer, user: str) -> None:
    secret = OPENAI_KEY
    headers = server.headers(user)
    async with httpx.AsyncClient(base_url=server.url, headers=headers, timeout=20) as client:
        session_id = await create_session(client, headers)
        responses = [
            await client.post(
                "/api/v1/chat/stream",
                json={"session_id": session_id, "user_message": secret + "x" * 9000},
            ),
            await client.get(
                "/api/v1/chat/stream", params={"session_id": secret * 3, "user_message": "hi"}
            ),
            await client.get(f"/api/v1/sessions/{secret}"),
            await client.get(f"/api/v1/workflows/{secret}/versions/1"),
            await client.get(
                "/api/v1/workflow_generation",
                params={"session_id": session_id},
                headers={"Last-Event-ID": secret},
            ),
            await client.post("/api/v1/workflows/import", content=("{" + secret).encode()),
            await client.post("/api/v1/session", json={"action": secret}),
            await client.get("/api/v1/workflows", headers={"Authorization": f"Bearer {secret}"}),
        ]
    for response in responses:
        assert 400 <= response.status_code < 500
        assert secret not in response.text and secret[:16] not in response.text, response.text


def careless_n8n() -> dict[str, Any]:
    """An n8n export with credentials pasted into parameters, and one proper reference."""
    return {
        "name": "Careless",
        "nodes": [
            {
                "id": "t",
                "name": "Manual",
                "type": "n8n-nodes-base.manualTrigger",
                "typeVersion": 1,
                "position": [0, 0],
                "parameters": {},
            },
            {
                "id": "h",
                "name": "Call API",
                "type": "n8n-nodes-base.httpRequest",
                "typeVersion": 4.2,
                "position": [200, 0],
                "parameters": {
                    "url": "https://admin:s3cr3tpw@api.example.com/v1/items",
                    "sendHeaders": True,
                    "headerParameters": {
                        "parameters": [
                            {"name": "Authorization", "value": f"Bearer {OPENAI_KEY}"},
                            {"name": "X-Api-Key", "value": AWS_KEY},
                            {"name": "Accept", "value": "application/json"},
                        ]
                    },
                    "options": {},
                },
                "credentials": {"httpHeaderAuth": {"id": "7", "name": "Shop API"}},
            },
            {
                "id": "s",
                "name": "Slack",
                "type": "n8n-nodes-base.slack",
                "typeVersion": 2,
                "position": [400, 0],
                "parameters": {
                    "text": f"token {SLACK_TOKEN} done",
                    "channel": "#ops",
                    "password": PASSWORD,
                    "note": JWT_IN_PARAM,
                },
            },
        ],
        "connections": {
            "Manual": {"main": [[{"node": "Call API", "type": "main", "index": 0}]]},
            "Call API": {"main": [[{"node": "Slack", "type": "main", "index": 0}]]},
        },
    }


async def test_imported_credentials_become_references(server: LiveServer, user: str) -> None:
    headers = server.headers(user)
    async with httpx.AsyncClient(base_url=server.url, headers=headers, timeout=20) as client:
        imported = await client.post("/api/v1/workflows/import", json=careless_n8n())
        assert imported.status_code == 201, imported.text
        result = imported.json()
        workflow_id = result["workflow_id"]
        reads = [
            result,
            (await client.get(f"/api/v1/workflows/{workflow_id}")).json(),
            (await client.get(f"/api/v1/workflows/{workflow_id}/versions/1")).json(),
            (await client.get(f"/api/v1/workflows/{workflow_id}/export")).json(),
            (
                await client.get(
                    f"/api/v1/workflows/{workflow_id}/export", params={"format": "flowsmith"}
                )
            ).json(),
        ]
        copy = await client.post(
            "/api/v1/session", json={"action": "copy", "workflow_id": workflow_id}
        )
        copied = (await client.get(f"/api/v1/workflows/{copy.json()['workflow_id']}")).json()
    for body in [*reads, copied]:
        text = json.dumps(body)
        for secret in INLINE:
            assert secret not in text, (secret, text[:300])
    notes = [n for n in result["notes"] if n["code"] == "inline_secret"]
    assert len(notes) >= 6, notes
    exported = json.dumps(reads[3])
    assert "$env." in exported and "Bearer {{ $env." in exported
    assert '"httpHeaderAuth": {"id": "7", "name": "Shop API"}' in exported, "references stay"
    assert "https://admin:{{ $env." in exported and "Accept" in exported
    assert "application/json" in exported, "ordinary values are untouched"


async def test_every_version_writer_goes_through_the_guard(server: LiveServer, user: str) -> None:
    """A generation stores through ``workflows.service`` like an import does: a workflow an
    LLM drafted with a pasted key is stored with a reference."""
    node = Node(
        id="notify",
        name="Notify",
        type="ACTION",
        subtype="http_request",
        parameters={
            "url": "https://hooks.example.com/x",
            "method": "POST",
            "headers": {"Authorization": f"Bearer {OPENAI_KEY}"},
            "body": {"api_key": "plain-literal-key", "text": "hello"},
        },
    )
    drafted = Workflow(
        name="Drafted", nodes=[node], settings={"timezone": "UTC", "smtp_password": PASSWORD}
    )  # type: ignore[arg-type]

    async def store() -> dict[str, Any]:
        from flowsmith.db.engine import session_scope

        async with session_scope(server.app.state.sessionmaker) as db:
            stored = await service.create_workflow(db, user, drafted, summary="generated")
            version = await service.get_version(db, stored.id, stored.version)
            return dict(version.definition)

    definition = on_server_loop(server, store())
    text = json.dumps(definition)
    assert OPENAI_KEY not in text and PASSWORD not in text and "plain-literal-key" not in text
    params = definition["nodes"][0]["parameters"]
    assert params["headers"]["Authorization"] == "Bearer {{ $env.NOTIFY_AUTHORIZATION }}"
    assert params["body"] == {"api_key": "{{ $env.NOTIFY_API_KEY }}", "text": "hello"}
    assert definition["settings"]["smtp_password"] == "{{ $env.WORKFLOW_SMTP_PASSWORD }}"


def test_the_guard_has_no_false_positives() -> None:
    """Every catalog example and the planner's workflows for common requests pass through
    unchanged; references and expressions are never touched."""
    catalog = load_catalog()
    for spec in catalog:
        workflow = Workflow(
            nodes=[
                Node(
                    id="n",
                    name="N",
                    type=spec.family,
                    subtype=spec.subtype,
                    parameters=spec.example.parameters,
                )
            ]
        )
        scrubbed, findings = service.scrub_secrets(workflow)
        assert findings == [] and scrubbed == workflow, (spec.subtype, findings)
    for request in (
        "watch Amazon stock every hour and email me",
        "every morning send the weather to slack",
        "when a form is submitted, ask an AI agent to summarize it and email me",
        "sync new google sheets rows to a postgres table daily",
    ):
        decision = offline.decide(request, [], None)
        if decision.request is None:
            continue
        workflow = offline.build({**decision.request, "message": request}, None)
        assert service.scrub_secrets(workflow)[1] == [], request
    safe = Workflow(
        nodes=[
            Node(
                id="n",
                name="N",
                type="ACTION",
                subtype="http_request",
                parameters={
                    "headers": {"Authorization": "Bearer {{ $env.SHOP_API_TOKEN }}"},
                    "max_tokens": 100,
                    "token_field": "{{ $json.token }}",
                    "password": "",
                },
            )
        ]
    )
    assert service.scrub_secrets(safe) == (safe, [])


def test_log_redaction_patterns() -> None:
    line = (
        f"GET /x?access_token={JWT_IN_PARAM}&page=2 Authorization: Bearer {OPENAI_KEY} "
        f"key={SLACK_TOKEN} url=postgresql://app:{PASSWORD}@db:5432/x jwt {JWT_IN_PARAM}"
    )
    cleaned = redact(line)
    for secret in (JWT_IN_PARAM, OPENAI_KEY, SLACK_TOKEN, PASSWORD):
        assert secret not in cleaned
    assert "page=2" in cleaned and "db:5432/x" in cleaned


def test_a_bad_setting_is_named_without_its_secret_value() -> None:
    from pydantic import ValidationError

    from flowsmith.config import Settings, describe_settings_error

    with pytest.raises(ValidationError) as error:
        Settings(_env_file=None, DATABASE_URL=f"mysql://app:{PASSWORD}@db/x")  # type: ignore[call-arg]
    described = describe_settings_error(error.value)
    assert PASSWORD not in described
    assert "DATABASE_URL" in described and "mysql://app:***@db/x" in described
    with pytest.raises(ValidationError) as error:
        Settings(_env_file=None, FLOWSMITH_PORT="not-a-port")  # type: ignore[call-arg]
    assert "'not-a-port'" in describe_settings_error(error.value)  # harmless values still shown


async def test_streams_and_sessions_hold_no_token(server: LiveServer, user: str) -> None:
    """What the service stores and streams about a session never includes the caller's
    token (it is only ever read from the request)."""
    headers = server.headers(user)
    raw = headers["Authorization"].split()[1]
    async with httpx.AsyncClient(base_url=server.url, timeout=20) as client:
        session_id = await create_session(client, headers)
        _, chat = await read_events(
            client,
            "GET",
            "/api/v1/chat/stream",
            until=chat_done,
            params={
                "session_id": session_id,
                "access_token": raw,
                "user_message": "watch Amazon stock and email me",
            },
        )
        _, progress = await read_events(
            client,
            "GET",
            "/api/v1/workflow_generation",
            params={"session_id": session_id, "access_token": raw},
            until=generation_done,
        )
        detail = await client.get(f"/api/v1/sessions/{session_id}", headers=headers)
    everything = json.dumps([e.data for e in chat + progress]) + detail.text
    assert raw not in everything and raw.rsplit(".", 1)[1] not in everything
