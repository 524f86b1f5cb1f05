"""``flowsmith n8n connect|status|disconnect``, ``flowsmith deploy`` and ``flowsmith
executions``, run as a user runs them, against a live server and a fake n8n."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import LiveServer, make_settings
from tests.integrations.fake_n8n import FakeN8n, real_error_execution
from tests.integrations.support import hook_workflow, store_workflow

FLOWSMITH = str(Path(sys.executable).parent / "flowsmith")
FAKE = FakeN8n()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    live = LiveServer(make_settings(tmp_path_factory.mktemp("n8n-cli"))).start()
    live.app.state.n8n_transport = FAKE.transport
    yield live
    live.stop()


def run(server: LiveServer, user: str, *args: str, stdin: str | None = None) -> tuple[int, str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("FLOWSMITH_", "SUPABASE_", "N8N_"))
    }
    env.update(COLUMNS="160", FLOWSMITH_TOKEN=server.token(user), FLOWSMITH_URL=server.url)
    done = subprocess.run(
        [FLOWSMITH, *args], env=env, input=stdin, capture_output=True, text=True, timeout=90
    )
    return done.returncode, " ".join((done.stdout + done.stderr).split())


def test_connect_deploy_activate_and_list_runs(server: LiveServer) -> None:
    user = "cli-n8n-user"
    workflow_id = store_workflow(server, user, hook_workflow("orders", with_mail=True))

    code, out = run(server, user, "deploy", workflow_id)
    assert code == 1 and "409 n8n_not_connected" in out

    code, out = run(server, user, "n8n", "connect", FakeN8n.URL, "--api-key", "wrong")
    assert code == 1 and "422 n8n_unauthorized" in out
    # the key asked for when not given (hidden input), never printed back
    code, out = run(server, user, "n8n", "connect", FakeN8n.URL, stdin=FAKE.api_key + "\n")
    assert code == 0 and f"connected {FakeN8n.URL}" in out and FAKE.api_key not in out
    code, out = run(server, user, "n8n", "status")
    assert code == 0 and FakeN8n.URL in out and "******" in out

    code, out = run(server, user, "deploy", workflow_id)
    assert code == 0, out
    (n8n_id,) = FAKE.workflows
    assert "deployed v1 · created · inactive" in out
    assert f"{FakeN8n.URL}/workflow/{n8n_id}" in out
    assert "still to set up in n8n" in out and "Email me: smtp" in out

    FAKE.activation_error = "Cannot publish workflow: Missing required credential: smtp"
    code, out = run(server, user, "deploy", workflow_id, "--activate")
    assert code == 1 and "422 n8n_rejected" in out and "Missing required credential" in out
    FAKE.activation_error = None
    code, out = run(server, user, "deploy", workflow_id, "--activate", "--json")
    assert code == 0 and json.loads(out)["active"] is True and len(FAKE.workflows) == 1

    code, out = run(server, user, "executions", workflow_id)
    assert code == 0 and "no runs yet" in out
    FAKE.add_run(n8n_id, "success")
    FAKE.add_run(n8n_id, "error", real_error_execution({"Boom": ("Check stock", "check")}))
    code, out = run(server, user, "executions", workflow_id, "--limit", "1")
    assert code == 0, out
    assert "error" in out and "Check stock (check)" in out and "kaboom [line 1]" in out
    assert "more: --cursor" in out
    code, out = run(server, user, "executions", workflow_id, "--json")
    page = json.loads(out)
    assert [i["status"] for i in page["items"]] == ["error", "success"]

    code, out = run(server, user, "deploy", workflow_id, "--deactivate")
    assert code == 0 and "deactivated" in out
    code, out = run(server, user, "n8n", "disconnect")
    assert code == 0
    code, out = run(server, user, "n8n", "status")
    assert "no n8n instance connected" in out
