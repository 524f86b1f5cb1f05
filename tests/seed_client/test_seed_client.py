"""The seed document's own JavaScript client, unchanged, against a live server.

``extract.mjs`` cuts the client code out of our copy of the seed document (verbatim: only the
usage-example tails with top-level ``await`` are left out), ``browser.mjs`` gives it the few
browser globals it touches, and ``run_seed.mjs`` drives one scenario and prints one JSON line.
Needs ``node`` and ``npm ci`` in this folder (``make test`` does it).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import httpx
import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SEED_COPY = HERE / "frontend-integration.md"
SHARED_SEED = REPO.parent / "shared" / "seed" / "frontend-integration.md"
NODE = shutil.which("node")
NPM = shutil.which("npm")

needs_node = pytest.mark.skipif(
    NODE is None, reason="node is not installed: cannot run the seed's JS"
)

PIECES = ["createSession", "sendMessage", "listenWorkflowProgress", "WorkflowChat"]


@pytest.fixture(scope="session")
def node_modules() -> Path:
    """``npm ci`` when the folder has not been installed yet (``make test`` normally has)."""
    installed = HERE / "node_modules" / "eventsource" / "package.json"
    if not installed.exists():
        if NPM is None:
            pytest.fail(f"{installed} is missing and npm is not installed: run `npm ci` in {HERE}")
        subprocess.run(
            [NPM, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=HERE,
            check=True,
            timeout=300,
        )
    version = json.loads(installed.read_text())["version"]
    assert version.startswith("2."), f"the shim relies on eventsource v2, found {version}"
    return installed.parent


def node(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    assert NODE is not None
    return subprocess.run(
        [NODE, *args], cwd=HERE, capture_output=True, text=True, timeout=timeout, check=False
    )


def run_seed(server: Any, user: str, scenario: str) -> dict[str, Any]:
    proc = node("run_seed.mjs", server.url, server.token(user), scenario)
    lines = proc.stdout.strip().splitlines()
    assert lines, f"no output (exit {proc.returncode}); stderr:\n{proc.stderr}"
    result: dict[str, Any] = json.loads(lines[-1])
    assert proc.returncode == 0 and result["ok"], json.dumps(result, ensure_ascii=False, indent=1)
    assert result["consoleErrors"] == [], result["consoleErrors"]
    for source in result["eventSources"]:
        assert source["errors"] == [], source
        assert source["closedByClient"], source
        assert source["opens"] == 1, f"an EventSource reconnected: {source}"
    return result


def assert_stages(stages: list[str]) -> None:
    """waiting (when the listener connected before the generation) → start → draft →
    debugging (one or more) → complete."""
    assert stages and stages[0] in ("waiting", "start"), stages
    rest = stages[1:] if stages[0] == "waiting" else stages
    assert rest[:2] == ["start", "draft"], stages
    assert "debugging" in rest and rest[-1] == "complete", stages
    assert set(rest[2:-1]) == {"debugging"}, stages


def assert_streamed_chat(flow: dict[str, Any]) -> None:
    assert flow["chatText"].strip(), flow
    assert flow["onCompleteText"] == flow["chatText"]
    assert flow["updates"] > 1, "the reply must arrive in several deltas"
    flags = flow["updateCompleteFlags"]
    assert flags[-1] is True and not any(flags[:-1]), flags
    assert flow["growsByPrefix"], "each update must extend the previous text"


def test_seed_copy_matches_shared() -> None:
    if not SHARED_SEED.exists():
        pytest.skip(f"{SHARED_SEED} is not beside the repo; nothing to compare the copy with")
    assert SEED_COPY.read_bytes() == SHARED_SEED.read_bytes(), (
        f"{SEED_COPY} differs from {SHARED_SEED}: copy it again"
    )


@needs_node
def test_extracted_code_is_verbatim(node_modules: Path) -> None:
    proc = node("extract.mjs", timeout=30)
    assert proc.returncode == 0, proc.stderr
    pieces = json.loads(proc.stdout)["pieces"]
    assert [p["name"] for p in pieces] == [*PIECES, "WorkflowChatExamples"]
    document = SEED_COPY.read_bytes()
    for piece in pieces:
        assert document[piece["byteStart"] : piece["byteEnd"]].decode() == piece["code"]
    for piece in pieces[:3]:
        # cut exactly at the usage example, nothing of the function left out
        assert document[piece["byteEnd"] :].startswith("// 使用示例\n".encode())
    assert pieces[3]["code"].startswith("class WorkflowChat {")
    assert pieces[3]["code"].rstrip().endswith("}")
    assert pieces[4]["byteStart"] == pieces[3]["byteEnd"]
    assert pieces[4]["code"].startswith("// 使用示例\nconst chat = new WorkflowChat(userToken);")


@needs_node
def test_workflow_chat_create(server: Any, user: str, node_modules: Path) -> None:
    result = run_seed(server, user, "create")
    assert_streamed_chat(result)
    assert_stages(result["stages"])
    assert result["workflowId"]
    assert result["completeVersion"] == 1
    assert result["onCompleteType"] == "complete"
    assert result["nodeCount"] and result["nodeCount"] > 1
    # the class sends no Authorization header; the page's cookie carried the token
    assert {s["auth"] for s in result["eventSources"]} == {"cookie"}
    assert [s["path"] for s in result["eventSources"]] == [
        "/api/v1/workflow_generation",
        "/api/v1/chat/stream",
    ]

    # the concatenated deltas are exactly the reply the service stored
    detail = httpx.get(
        f"{server.url}/api/v1/sessions/{result['sessionId']}",
        headers=server.headers(user),
        timeout=10,
    ).json()
    assert detail["messages"][-1]["role"] == "assistant"
    assert detail["messages"][-1]["content"] == result["chatText"]


@needs_node
def test_standalone_functions(server: Any, user: str, node_modules: Path) -> None:
    result = run_seed(server, user, "functions")
    assert result["sessionId"]
    assert result["chatText"].strip()
    ui = result["aiResponse"]
    assert ui["text"] == result["chatText"]
    assert ui["textWrites"] > 1, "updateChatUI must run once per delta"
    assert "complete" in ui["classes"]
    # the doc's order: the listener connects after the turn ended, and still gets the run
    assert_stages(result["stages"])
    assert result["workflowId"]
    assert result["completeVersion"] == 1
    assert result["stageClasses"][-1] == "stage-complete"
    assert {s["auth"] for s in result["eventSources"]} == {"header"}


@needs_node
def test_workflow_chat_edit(server: Any, user: str, node_modules: Path) -> None:
    result = run_seed(server, user, "edit")
    created, edited = result["created"], result["edited"]
    assert_streamed_chat(created)
    assert_stages(created["stages"])
    assert created["completeVersion"] == 1
    assert_streamed_chat(edited)
    assert_stages(edited["stages"])
    assert edited["workflowId"] == created["workflowId"]
    assert edited["completeVersion"] == 2


@needs_node
def test_workflow_chat_edit_that_needs_no_change_completes(
    server: Any, user: str, node_modules: Path
) -> None:
    """The doc's own create → edit pair: the inventory monitor already emails, so "add email
    notification" changes nothing; the seed's listener (no timeout) still gets ``complete``,
    on the unchanged workflow, and no version is added."""
    result = run_seed(server, user, "edit_noop")
    created, edited = result["created"], result["edited"]
    assert_stages(created["stages"])
    assert created["completeVersion"] == 1
    assert_streamed_chat(edited)
    assert_stages(edited["stages"])
    assert edited["onCompleteType"] == "complete"
    assert edited["workflowId"] == created["workflowId"]
    assert edited["completeVersion"] == 1, "no new version for no change"
    assert edited["completeUnchanged"] is True
    assert edited["nodeCount"] == created["nodeCount"]
    assert "无需修改" in edited["completeMessage"], edited["completeMessage"]
    assert "send_email" in edited["chatText"] or "发送邮件" in edited["chatText"]

    versions = httpx.get(
        f"{server.url}/api/v1/workflows/{created['workflowId']}/versions",
        headers=server.headers(user),
        timeout=10,
    ).json()
    assert [v["version"] for v in versions["items"]] == [1]


@needs_node
def test_doc_usage_examples_verbatim(server: Any, user: str, node_modules: Path) -> None:
    result = run_seed(server, user, "examples")
    assert result["chatResponse"].strip()
    assert result["workflowId"]
    assert result["createVersion"] == 1
    assert result["chatUpdatesLogged"] > 1
    assert result["editType"] == "complete"
    assert result["existingWorkflowId"] != result["workflowId"]
    assert result["editWorkflowId"] == result["existingWorkflowId"]
    assert result["editVersion"] == 2
