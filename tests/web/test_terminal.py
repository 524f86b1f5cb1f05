"""The terminal client, run as a user runs it (the ``flowsmith`` console script) against a
live server: ``flowsmith chat`` one-shot and from standard input, ``--edit``, ``--session``;
``flowsmith workflows list|show|export``; how it gets a token."""

from __future__ import annotations

import io
import json
import os
import select
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest
from rich.console import Console

from flowsmith.auth.dev import load_or_create_dev_secret
from flowsmith.terminal.client import ClientError, resolve_token
from flowsmith.terminal.display import workflow_tree
from tests.web.support import CREATE_EN, EDIT_EN

FLOWSMITH = str(Path(sys.executable).parent / "flowsmith")


def env(tmp_path: Path, **extra: str) -> dict[str, str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("FLOWSMITH_", "SUPABASE_")) and k not in ("DATABASE_URL", "REDIS_URL")
    }
    return {**clean, "COLUMNS": "160", "FLOWSMITH_DATA_DIR": str(tmp_path / "nothing"), **extra}


def run(
    args: list[str], tmp_path: Path, *, stdin: str | None = None, **extra: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [FLOWSMITH, *args],
        env=env(tmp_path, **extra),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=90,
        cwd=tmp_path,
    )


def api(server: Any, user: str, path: str) -> Any:
    response = httpx.get(server.url + path, headers=server.headers(user))
    response.raise_for_status()
    return response.json()


def squash(text: str) -> str:
    return " ".join(text.split())


def test_chat_one_shot_streams_and_prints_the_tree(server: Any, user: str, tmp_path: Path) -> None:
    result = run(["chat", "--url", server.url, "--sub", user, "-m", CREATE_EN], tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    workflows = api(server, user, "/api/v1/workflows")["items"]
    assert len(workflows) == 1
    workflow_id = workflows[0]["id"]
    session = out.split("session ", 1)[1].split(" ", 1)[0]
    stored = api(server, user, f"/api/v1/sessions/{session}")["messages"]
    assert squash(stored[-1]["content"]) in squash(out), "the whole reply was printed"
    assert f"you › {CREATE_EN}" in out
    # the stages as the live display left them, then the tree
    assert "✓ Waiting  ✓ Started  ✓ Draft  ✓ Checking  ✓ Complete" in out
    assert "saved as version 1" in out
    tree = out.split("✓ Complete", 1)[1]
    assert "Every hour" in tree and "trigger · schedule_trigger" in tree
    assert "[true] Send email" in tree
    assert "(see above)" in tree, "the merge is reached twice and printed once"
    assert f"workflow id: {workflow_id}" in out


def test_chat_streams_the_reply_as_it_arrives(make_server: Any, user: str, tmp_path: Path) -> None:
    slow = make_server(FLOWSMITH_OFFLINE_STREAM_DELAY_MS=25)
    proc = subprocess.Popen(
        [FLOWSMITH, "chat", "--url", slow.url, "--sub", user, "-m", CREATE_EN],
        env=env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
    )
    assert proc.stdout is not None
    arrivals: list[tuple[float, bytes]] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stdout], [], [], 1)
        if ready:
            chunk = os.read(proc.stdout.fileno(), 65536)
            if not chunk:
                break
            arrivals.append((time.monotonic(), chunk))
    proc.wait(timeout=30)
    assert proc.returncode == 0, proc.stderr.read() if proc.stderr else ""
    text = b"".join(c for _, c in arrivals).decode()
    assert "Send email" in text

    def first_seen(needle: str) -> float:
        seen = b""
        for at, chunk in arrivals:
            seen += chunk
            if needle.encode() in seen:
                return at
        raise AssertionError(f"{needle!r} never arrived")

    started = first_seen("flowsmith › (offline planner)")
    ended = first_seen("Generating it now")
    assert ended - started > 0.4, "the reply arrived in pieces over time, not at once"
    chunks_in_reply = [at for at, _ in arrivals if started <= at <= ended]
    assert len(chunks_in_reply) > 5


def test_chat_reads_messages_from_stdin_and_edits(server: Any, user: str, tmp_path: Path) -> None:
    result = run(
        ["chat", "--url", server.url, "--sub", user], tmp_path, stdin=f"{CREATE_EN}\n\n{EDIT_EN}\n"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("you › ") == 2
    assert "saved as version 1" in result.stdout and "saved as version 2" in result.stdout
    assert "Every 30 minutes" in result.stdout.split("saved as version 2")[1]
    [workflow] = api(server, user, "/api/v1/workflows")["items"]
    assert workflow["version"] == 2

    # --edit: a new session that edits the workflow
    edit = run(
        [
            "chat",
            "--url",
            server.url,
            "--sub",
            user,
            "--edit",
            workflow["id"],
            "-m",
            "change the schedule to every 2 hours",
        ],
        tmp_path,
    )
    assert edit.returncode == 0, edit.stderr
    assert "(edit of " in edit.stdout and "saved as version 3" in edit.stdout
    session = edit.stdout.split("session ", 1)[1].split(" ", 1)[0]

    # --session: continue that session
    again = run(
        [
            "chat",
            "--url",
            server.url,
            "--sub",
            user,
            "--session",
            session,
            "-m",
            "change the schedule to every 45 minutes",
        ],
        tmp_path,
    )
    assert again.returncode == 0, again.stderr
    assert f"session {session} (edit), 2 messages so far" in again.stdout
    assert "saved as version 4" in again.stdout
    assert len(api(server, user, f"/api/v1/workflows/{workflow['id']}/versions")["items"]) == 4


def test_workflows_list_show_export(server: Any, user: str, tmp_path: Path) -> None:
    assert (
        run(["chat", "--url", server.url, "--sub", user, "-m", CREATE_EN], tmp_path).returncode == 0
    )
    [workflow] = api(server, user, "/api/v1/workflows")["items"]

    listed = run(["workflows", "list", "--url", server.url, "--sub", user], tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert workflow["id"] in listed.stdout and "Stock monitor" in listed.stdout

    shown = run(["workflows", "show", workflow["id"], "--url", server.url, "--sub", user], tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert "Stock monitor: BestBuy + Amazon  v1  · 6 nodes" in shown.stdout
    assert "[true] Send email" in shown.stdout and "versions: v1" in shown.stdout

    as_json = run(
        [
            "workflows",
            "show",
            workflow["id"],
            "--json",
            "--version",
            "1",
            "--url",
            server.url,
            "--sub",
            user,
        ],
        tmp_path,
    )
    assert as_json.returncode == 0 and '"schedule_trigger"' in as_json.stdout

    exported = run(
        [
            "workflows",
            "export",
            workflow["id"],
            "--url",
            server.url,
            "--sub",
            user,
            "-o",
            str(tmp_path / "out.json"),
        ],
        tmp_path,
    )
    probe = httpx.get(
        f"{server.url}/api/v1/workflows/{workflow['id']}/export",
        params={"format": "n8n"},
        headers=server.headers(user),
    )
    if probe.status_code == 404:
        assert exported.returncode == 1
        assert "export to n8n is not available" in exported.stderr
    else:
        assert exported.returncode == 0, exported.stderr
        n8n = json.loads((tmp_path / "out.json").read_text())
        assert n8n["nodes"] and "connections" in n8n
        ours = run(
            [
                "workflows",
                "export",
                workflow["id"],
                "--format",
                "flowsmith",
                "--version",
                "1",
                "--url",
                server.url,
                "--sub",
                user,
            ],
            tmp_path,
        )
        assert ours.returncode == 0, ours.stderr
        assert json.loads(ours.stdout)["version"] == 1

    missing = run(["workflows", "show", "f" * 32, "--url", server.url, "--sub", user], tmp_path)
    assert missing.returncode == 1 and "404 workflow_not_found" in missing.stderr


def test_token_from_the_environment(server: Any, user: str, tmp_path: Path) -> None:
    assert (
        run(["chat", "--url", server.url, "--sub", user, "-m", CREATE_EN], tmp_path).returncode == 0
    )
    listed = run(
        ["workflows", "list", "--url", server.url, "--sub", "not-this-one", "--json"],
        tmp_path,
        FLOWSMITH_TOKEN=server.token(user),
    )
    assert listed.returncode == 0, listed.stderr
    assert "Stock monitor" in listed.stdout
    refused = run(
        ["workflows", "list", "--url", server.url], tmp_path, FLOWSMITH_TOKEN="not-a-token"
    )
    assert refused.returncode == 1 and "401" in refused.stderr


def test_unreachable_server(tmp_path: Path) -> None:
    result = run(["workflows", "list", "--url", "http://127.0.0.1:9", "--token", "x"], tmp_path)
    assert result.returncode == 1
    assert "cannot reach http://127.0.0.1:9" in result.stderr


def test_dev_token_minted_locally_when_the_server_gives_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_dev_endpoint = httpx.MockTransport(lambda request: httpx.Response(404, json={}))
    monkeypatch.setenv("FLOWSMITH_DATA_DIR", str(tmp_path))
    with pytest.raises(ClientError, match="no token"):
        resolve_token("http://server", None, "alice", transport=no_dev_endpoint)
    secret = load_or_create_dev_secret(tmp_path)  # the server's data folder, on this machine
    token = resolve_token("http://server", None, "alice", transport=no_dev_endpoint)
    claims = jwt.decode(token, secret, algorithms=["HS256"], audience="authenticated")
    assert claims["sub"] == "alice"
    # an explicit token wins, a dev endpoint's token comes next
    assert resolve_token("http://server", "Bearer abc", "alice") == "abc"
    dev = httpx.MockTransport(lambda request: httpx.Response(200, json={"access_token": "dev"}))
    assert resolve_token("http://server", None, "alice", transport=dev) == "dev"


def test_workflow_tree_shows_branches_and_attachments() -> None:
    workflow = {
        "name": "Triage",
        "version": 2,
        "nodes": [
            {"id": "hook", "name": "Webhook", "type": "TRIGGER", "subtype": "webhook_trigger"},
            {
                "id": "agent",
                "name": "Classify",
                "type": "AI_AGENT",
                "subtype": "ai_agent",
                "attached_nodes": ["search", "mem"],
            },
            {"id": "search", "name": "Search", "type": "TOOL", "subtype": "http_tool"},
            {"id": "mem", "name": "Memory", "type": "MEMORY", "subtype": "window_memory"},
            {
                "id": "ok",
                "name": "Approve?",
                "type": "HUMAN_IN_THE_LOOP",
                "subtype": "approval_slack",
            },
            {"id": "yes", "name": "Post", "type": "EXTERNAL_ACTION", "subtype": "slack_message"},
            {"id": "no", "name": "Log", "type": "ACTION", "subtype": "set_fields"},
        ],
        "connections": [
            {"from_node": "hook", "to_node": "agent"},
            {"from_node": "agent", "to_node": "ok"},
            {"from_node": "ok", "to_node": "yes", "from_output": "approved"},
            {"from_node": "ok", "to_node": "no", "from_output": "rejected"},
        ],
    }
    console = Console(file=io.StringIO(), width=120, color_system=None)
    console.print(workflow_tree(workflow))
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert out.splitlines()[0] == "Triage  v2  · 7 nodes"
    assert "[uses] Search  tool · http_tool" in out
    assert "[uses] Memory  memory · window_memory" in out
    assert "[approved] Post" in out and "[rejected] Log" in out
    assert out.count("Search") == 1, "an attached tool is not a root of its own"
