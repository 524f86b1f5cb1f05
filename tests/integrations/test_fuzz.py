"""schemathesis on the integration's operations (the suite-wide fuzz test covers every
route; this one runs them against a fake n8n, so no case reaches the network): no 500, and
every answer as the schema documents it, in positive and negative modes, on a missing and
on a real, deployed workflow."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
import schemathesis
from schemathesis import GenerationMode

from tests.conftest import LiveServer, make_settings
from tests.integrations.fake_n8n import FakeN8n
from tests.integrations.support import hook_workflow, store_workflow
from tests.security.test_schemathesis import _run

SUB = "n8n-fuzzer"
OURS = (
    "/api/v1/integrations/",
    "/deploy",
    "/deployment",
    "/activate",
    "/deactivate",
    "/executions",
)


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LiveServer, FakeN8n]]:
    fake = FakeN8n()
    live = LiveServer(make_settings(tmp_path_factory.mktemp("n8n-fuzz"))).start()
    live.app.state.n8n_transport = fake.transport
    yield live, fake
    live.stop()


def test_the_integration_operations_conform(fuzzed: tuple[LiveServer, FakeN8n]) -> None:
    server, fake = fuzzed
    headers = server.headers(SUB)
    workflow_id = store_workflow(server, SUB, hook_workflow("fuzz"))
    with httpx.Client(base_url=server.url, headers=headers, timeout=30) as api:
        connect = api.post(
            "/api/v1/integrations/n8n", json={"url": fake.URL, "api_key": fake.api_key}
        )
        assert connect.status_code == 200, connect.text
        assert api.post(f"/api/v1/workflows/{workflow_id}/deploy").status_code == 200
    fake.add_run(next(iter(fake.workflows)), "success")
    spec = httpx.get(server.url + "/openapi.json", timeout=30).json()
    schema = schemathesis.openapi.from_dict(spec)
    operations = [
        (m.upper(), p)
        for p, ops in spec["paths"].items()
        for m in ops
        if any(part in p for part in OURS)
    ]
    assert len(operations) == 8, operations
    for method, path in operations:
        if method == "DELETE":
            continue  # would drop the connection the other cases use; tested on its own
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _run(schema, method, path, mode, server.url, headers)
        if "{workflow_id}" in path:
            _run(
                schema,
                method,
                path,
                GenerationMode.POSITIVE,
                server.url,
                headers,
                path_parameters={"workflow_id": workflow_id},
            )
    assert len(fake.workflows) == 1
