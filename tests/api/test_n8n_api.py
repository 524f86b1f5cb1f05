"""n8n export and import over the API and on the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import httpx

from tests.api.test_seed_flow import SEED_CREATE, listen_and_chat
from tests.helpers import create_session

CORPUS = Path(__file__).resolve().parents[1] / "n8n_corpus"
FLOWSMITH = str(Path(sys.executable).parent / "flowsmith")


async def test_export_generated_workflow_to_n8n(server, client, user) -> None:  # type: ignore[no-untyped-def]
    headers = server.headers(user)
    session_id = await create_session(client, headers)
    _, progress = await listen_and_chat(client, headers, session_id, SEED_CREATE)
    workflow_id = progress[-1].data["workflow_id"]
    exported = await client.get(
        f"/api/v1/workflows/{workflow_id}/export", params={"format": "n8n"}, headers=headers
    )
    assert exported.status_code == 200
    assert "attachment" in exported.headers["content-disposition"]
    n8n = exported.json()
    names = [n["name"] for n in n8n["nodes"]]
    assert len(names) == len(set(names)) == 6
    assert all(n["type"].startswith(("n8n-nodes-base.", "@n8n/")) for n in n8n["nodes"])
    assert all(
        isinstance(n["typeVersion"], int | float) and len(n["position"]) == 2 for n in n8n["nodes"]
    )
    targets = {
        c["node"] for outs in n8n["connections"].values() for lst in outs["main"] for c in lst
    }
    assert targets <= set(names)
    ours = await client.get(
        f"/api/v1/workflows/{workflow_id}/export", params={"format": "flowsmith"}, headers=headers
    )
    assert ours.json()["id"] == workflow_id
    assert (
        await client.get(
            f"/api/v1/workflows/{workflow_id}/export", params={"format": "zapier"}, headers=headers
        )
    ).status_code == 422
    other = server.headers(user + "-x")
    assert (
        await client.get(f"/api/v1/workflows/{workflow_id}/export", headers=other)
    ).status_code == 404


async def test_import_round_trip_keeps_every_node(server, client, user) -> None:  # type: ignore[no-untyped-def]
    headers = server.headers(user)
    files = sorted(CORPUS.glob("*.json"))
    assert files, "the corpus is in tests/n8n_corpus"
    source = json.loads(files[0].read_text(encoding="utf-8"))
    response = await client.post("/api/v1/workflows/import", json=source, headers=headers)
    assert response.status_code == 201, response.text
    result = response.json()
    assert result["version"] == 1
    back = (
        await client.get(f"/api/v1/workflows/{result['workflow_id']}/export", headers=headers)
    ).json()
    original = source[0] if isinstance(source, list) else source
    assert sorted(n["name"] for n in back["nodes"]) == sorted(n["name"] for n in original["nodes"])


async def test_import_rejects_what_is_not_a_workflow(server, client, user) -> None:  # type: ignore[no-untyped-def]
    headers = server.headers(user)
    for body in (b"not json", b'"a string"', b'{"no": "nodes"}'):
        response = await client.post(
            "/api/v1/workflows/import",
            content=body,
            headers={**headers, "Content-Type": "application/json"},
        )
        assert (
            response.status_code == 422 and response.json()["error"]["code"] == "invalid_workflow"
        )
    listing = (await client.get("/api/v1/workflows", headers=headers)).json()
    assert listing["items"] == [], "nothing stored from bad input"


async def test_import_refuses_oversized_workflows(make_server, user) -> None:  # type: ignore[no-untyped-def]
    small = make_server(FLOWSMITH_MAX_WORKFLOW_NODES=3)
    nodes = [
        {
            "id": str(i),
            "name": f"n{i}",
            "type": "n8n-nodes-base.noOp",
            "typeVersion": 1,
            "position": [i * 200, 0],
            "parameters": {},
        }
        for i in range(5)
    ]
    async with httpx.AsyncClient(base_url=small.url) as client:
        response = await client.post(
            "/api/v1/workflows/import",
            json={"nodes": nodes, "connections": {}},
            headers=small.headers(user),
        )
    assert response.status_code == 413 and response.json()["error"]["code"] == "workflow_too_large"


def test_cli_import_then_export(tmp_path: Path) -> None:
    source = sorted(CORPUS.glob("*.json"))[0]
    ours = tmp_path / "ours.json"
    imported = subprocess.run(
        [FLOWSMITH, "import", str(source), "-o", str(ours)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert imported.returncode == 0, imported.stderr
    exported = subprocess.run(
        [FLOWSMITH, "export", str(ours)], capture_output=True, text=True, timeout=60
    )
    assert exported.returncode == 0, exported.stderr
    original = json.loads(source.read_text(encoding="utf-8"))
    original = original[0] if isinstance(original, list) else original
    assert len(json.loads(exported.stdout)["nodes"]) == len(original["nodes"])
    bad = subprocess.run(
        [FLOWSMITH, "import", "-"], input="{}", capture_output=True, text=True, timeout=60
    )
    assert bad.returncode == 2 and "not an n8n workflow" in bad.stderr
