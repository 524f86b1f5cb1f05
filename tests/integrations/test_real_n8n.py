"""Deploy to a real n8n (2.41.1 from /work/shared/tools/n8n-setup.sh), opt-in via N8N_ROOT.

One n8n server for the module (``n8n start`` on free ports, a fresh user folder, an owner
and an API key made through its REST API), one flowsmith server. The flow a user goes
through: connect → deploy → the workflow is in n8n with our nodes → an edit redeployed
updates the same n8n workflow → activate → call its webhook → the run shows in our
executions list with its status and the failing node mapped back to ours.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import LiveServer
from tests.integrations.support import (
    RealN8n,
    add_version,
    dump,
    hook_workflow,
    n8n_root,
    store_workflow,
)

ROOT = n8n_root()
pytestmark = pytest.mark.skipif(
    ROOT is None,
    reason="real n8n not installed: set N8N_ROOT to an install of /work/shared/tools/n8n-setup.sh",
)


@pytest.fixture(scope="module")
def n8n(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RealN8n]:
    assert ROOT is not None
    real = RealN8n(ROOT, Path(tmp_path_factory.mktemp("n8n"))).start()
    try:
        yield real
    finally:
        real.stop()


@pytest.fixture
def fs(make_server) -> LiveServer:  # type: ignore[no-untyped-def]
    return make_server()  # type: ignore[no-any-return]


def _webhook(n8n: RealN8n, path: str, payload: dict[str, object]) -> httpx.Response:
    """POST to the production webhook; n8n registers it a moment after activation."""
    deadline = time.monotonic() + 30
    while True:
        response = httpx.post(f"{n8n.url}/webhook/{path}", json=payload, timeout=30)
        if response.status_code != 404 or time.monotonic() > deadline:
            return response
        time.sleep(0.5)


def test_connect_deploy_redeploy_activate_run_and_list(n8n: RealN8n, fs: LiveServer) -> None:
    user = "real-n8n-user"
    headers = fs.headers(user)
    with httpx.Client(base_url=fs.url, headers=headers, timeout=60) as api, n8n.api() as raw:
        # a wrong key is refused, with n8n's verdict
        wrong = api.post("/api/v1/integrations/n8n", json={"url": n8n.url, "api_key": "nope"})
        assert wrong.status_code == 422, wrong.text
        assert wrong.json()["error"]["code"] == "n8n_unauthorized"
        # connect (the URL as a user may paste it: with the API's path)
        connected = api.post(
            "/api/v1/integrations/n8n", json={"url": n8n.url + "/api/v1/", "api_key": n8n.api_key}
        )
        assert connected.status_code == 200, connected.text
        info = connected.json()
        assert info["connected"] and info["url"] == n8n.url
        assert n8n.api_key not in connected.text and info["api_key_hint"].endswith(n8n.api_key[-4:])
        assert api.get("/api/v1/integrations/n8n").json()["url"] == n8n.url

        # deploy: created in n8n with our nodes, no credentials
        # with a description, which n8n 2.41.1 refuses on create
        workflow = hook_workflow("fs-orders", with_mail=True).model_copy(
            update={"description": "Checks each order"}
        )
        workflow_id = store_workflow(fs, user, workflow)
        first = api.post(f"/api/v1/workflows/{workflow_id}/deploy")
        assert first.status_code == 200, first.text
        deployed = first.json()
        assert deployed["created"] and not deployed["recreated"]
        assert deployed["version"] == 1 and deployed["active"] is False
        n8n_id = deployed["n8n_workflow_id"]
        assert deployed["url"] == f"{n8n.url}/workflow/{n8n_id}"
        assert deployed["credentials_needed"] == [
            {
                "node_id": "mail",
                "node_name": "Email me",
                "n8n_node": "Email me",
                "credential_types": ["smtp"],
                "chosen_in_n8n": False,
            }
        ]
        in_n8n = raw.get(f"/workflows/{n8n_id}").json()
        assert {n["id"]: n["name"] for n in in_n8n["nodes"]} == {
            "hook": "Incoming order",
            "shape": "Shape it",
            "check": "Check stock",
            "mail": "Email me",
        }
        assert all("credentials" not in n or not n["credentials"] for n in in_n8n["nodes"])
        assert in_n8n["name"] == workflow.name

        # activation is refused while the email node has no SMTP credential: n8n says why
        refused = api.post(f"/api/v1/workflows/{workflow_id}/activate")
        assert refused.status_code == 422, refused.text
        assert refused.json()["error"]["code"] == "n8n_rejected"
        assert "credential" in refused.json()["error"]["message"].lower()

        # an edit (the email step removed) redeployed: the same n8n workflow, updated
        edited = hook_workflow("fs-orders", with_mail=False)
        assert add_version(fs, workflow_id, edited) == 2
        second = api.post(f"/api/v1/workflows/{workflow_id}/deploy")
        assert second.status_code == 200, second.text
        redeployed = second.json()
        assert redeployed["n8n_workflow_id"] == n8n_id and not redeployed["created"]
        assert redeployed["version"] == 2 and redeployed["credentials_needed"] == []
        in_n8n = raw.get(f"/workflows/{n8n_id}").json()
        assert sorted(n["id"] for n in in_n8n["nodes"]) == ["check", "hook", "shape"]
        listed = raw.get("/workflows", params={"limit": 100}).json()["data"]
        assert [w["id"] for w in listed if w["name"] == workflow.name] == [n8n_id]

        # activate, call the webhook: the run (its Code node throws) is in our list
        activated = api.post(f"/api/v1/workflows/{workflow_id}/activate")
        assert activated.status_code == 200, activated.text
        assert activated.json()["active"] is True
        assert raw.get(f"/workflows/{n8n_id}").json()["active"] is True
        called = _webhook(n8n, "fs-orders", {"order": 1})
        assert called.status_code == 200, called.text
        execution = _first_execution(api, workflow_id)
        assert execution["status"] == "error", dump(execution)
        assert execution["failed_node"] == {
            "id": "check",
            "name": "Check stock",
            "n8n_name": "Check stock",
        }
        assert "kaboom" in str(execution["error_message"])
        assert execution["started_at"] and execution["stopped_at"]

        # a redeploy of the active workflow keeps it active with the new version live
        fixed = hook_workflow("fs-orders", fail=False)
        assert add_version(fs, workflow_id, fixed) == 3
        third = api.post(f"/api/v1/workflows/{workflow_id}/deploy").json()
        assert third["active"] is True and third["activation_error"] is None, dump(third)
        live_version = raw.get(f"/workflows/{n8n_id}").json()
        assert (
            live_version["active"] and live_version["activeVersionId"] == live_version["versionId"]
        )
        # n8n swaps the live version in a moment after the update answers
        runs = _run_until_success(api, n8n, workflow_id, "fs-orders")
        assert runs[0]["status"] == "success" and runs[0]["failed_node"] is None, dump(runs)
        assert runs[0]["error_message"] is None
        # paged: one at a time
        page = api.get(f"/api/v1/workflows/{workflow_id}/executions", params={"limit": 1})
        assert len(page.json()["items"]) == 1 and page.json()["next_cursor"]
        rest = api.get(
            f"/api/v1/workflows/{workflow_id}/executions",
            params={"limit": 1, "cursor": page.json()["next_cursor"]},
        ).json()
        assert rest["items"][0]["id"] != page.json()["items"][0]["id"]

        # deactivate
        off = api.post(f"/api/v1/workflows/{workflow_id}/deactivate")
        assert off.status_code == 200 and off.json()["active"] is False
        assert raw.get(f"/workflows/{n8n_id}").json()["active"] is False

        # deleted in n8n: the next deploy creates it again and re-maps, never two
        assert _delete_in_n8n(raw, n8n_id).status_code == 200
        again = api.post(f"/api/v1/workflows/{workflow_id}/deploy")
        assert again.status_code == 200, again.text
        assert again.json()["recreated"] and again.json()["n8n_workflow_id"] != n8n_id
        new_id = again.json()["n8n_workflow_id"]
        assert (
            api.get(f"/api/v1/workflows/{workflow_id}/deployment").json()["n8n_workflow_id"]
            == new_id
        )
        # archived in n8n: the same
        assert raw.post(f"/workflows/{new_id}/archive").status_code == 200
        archived = api.post(f"/api/v1/workflows/{workflow_id}/deploy").json()
        assert archived["recreated"] and archived["n8n_workflow_id"] not in (n8n_id, new_id)
        live = [
            w
            for w in raw.get("/workflows", params={"limit": 100}).json()["data"]
            if w["name"] == workflow.name and not w.get("isArchived")
        ]
        assert [w["id"] for w in live] == [archived["n8n_workflow_id"]]


def test_concurrent_deploys_make_one_n8n_workflow(n8n: RealN8n, fs: LiveServer) -> None:
    user = "real-n8n-concurrent"
    headers = fs.headers(user)
    workflow = hook_workflow("fs-concurrent", fail=False)
    workflow_id = store_workflow(fs, user, workflow)

    async def go() -> list[httpx.Response]:
        import asyncio

        async with httpx.AsyncClient(base_url=fs.url, headers=headers, timeout=60) as api:
            await api.post(
                "/api/v1/integrations/n8n", json={"url": n8n.url, "api_key": n8n.api_key}
            )
            return await asyncio.gather(
                *(api.post(f"/api/v1/workflows/{workflow_id}/deploy") for _ in range(5))
            )

    import asyncio

    answers = asyncio.run(go())
    assert all(a.status_code == 200 for a in answers), [a.text for a in answers]
    ids = {a.json()["n8n_workflow_id"] for a in answers}
    assert len(ids) == 1
    assert sum(a.json()["created"] for a in answers) == 1
    with n8n.api() as raw:
        listed = raw.get("/workflows", params={"limit": 100}).json()["data"]
        assert [w["id"] for w in listed if w["name"] == workflow.name] == list(ids)


def _first_execution(api: httpx.Client, workflow_id: str) -> dict[str, object]:
    return _executions_until(api, workflow_id, 1)[0]


def _executions_until(api: httpx.Client, workflow_id: str, count: int) -> list[dict[str, object]]:
    deadline = time.monotonic() + 30
    while True:
        answer = api.get(f"/api/v1/workflows/{workflow_id}/executions")
        assert answer.status_code == 200, answer.text
        items = answer.json()["items"]
        done = [i for i in items if i["status"] not in ("running", "new", "waiting")]
        if len(done) >= count or time.monotonic() > deadline:
            assert len(done) >= count, dump(items)
            return list(items)
        time.sleep(0.5)


def _run_until_success(
    api: httpx.Client, n8n: RealN8n, workflow_id: str, path: str
) -> list[dict[str, object]]:
    deadline = time.monotonic() + 30
    while True:
        seen = len(_executions_until(api, workflow_id, 1))
        assert _webhook(n8n, path, {"order": 2}).status_code == 200
        runs = _executions_until(api, workflow_id, seen + 1)
        if runs[0]["status"] == "success" or time.monotonic() > deadline:
            return runs
        time.sleep(1)


def _delete_in_n8n(raw: httpx.Client, n8n_id: str) -> httpx.Response:
    """n8n answers 409 "still being unpublished" for a moment after a deactivate."""
    deadline = time.monotonic() + 30
    while True:
        response = raw.delete(f"/workflows/{n8n_id}")
        if response.status_code != 409 or time.monotonic() > deadline:
            return response
        time.sleep(0.5)
