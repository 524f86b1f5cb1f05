"""Every app mapping against the installed n8n's node descriptions, and every export run in it.

Opt-in like the rest of tests/n8n_real (``N8N_ROOT`` names an install made by
/work/shared/tools/n8n-setup.sh); ``make test-n8n`` runs this folder.

* For each app, each operation (with every field set) and each trigger event is exported with
  the real exporter and checked against n8n's own description of that node type and version:
  the resource and operation values exist, every parameter we export is one the node shows
  for them, and none it requires is missing (:mod:`tests.n8n_real.describe`).
* Every catalog example and every workflow the offline planner builds for the seed's request,
  bench/prompts.json and the evaluation set is imported and executed in n8n
  (:mod:`tests.n8n_real.runs`); none may end in a failure of ours.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from flowsmith.core.catalog import App, load_catalog
from flowsmith.core.models import Node, NodeFamily, Workflow
from flowsmith.n8n.convert import to_n8n
from tests.n8n_real import runs
from tests.n8n_real.describe import Descriptions
from tests.n8n_real.test_real_n8n import ROOT

pytestmark = pytest.mark.skipif(ROOT is None, reason="real n8n not installed (N8N_ROOT)")

_SAMPLE: dict[str, Any] = {
    "string": "x",
    "integer": 1,
    "number": 1,
    "boolean": True,
    "array": ["x"],
    "object": {"k": "v"},
}


@pytest.fixture(scope="module")
def descriptions() -> Descriptions:
    assert ROOT is not None
    return Descriptions(ROOT / "app")


def _sample(schema: dict[str, Any]) -> Any:
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type", "string")
    return _SAMPLE[kind if isinstance(kind, str) else kind[0]]


def _app_nodes(app: App) -> list[Node]:
    nodes = []
    for index, (resource, operation, op) in enumerate(app.operations()):
        params = {"resource": resource, "operation": operation}
        params |= {name: _sample(f.schema_fragment()) for name, f in op.fields.items()}
        nodes.append(
            Node(
                id=f"op{index}",
                name=f"{resource} {operation}",
                type=NodeFamily.EXTERNAL_ACTION,
                subtype=app.app,
                parameters=params,
            )
        )
    for index, event in enumerate(app.triggers.events if app.triggers else {}):
        assert app.triggers is not None and app.trigger_subtype is not None
        nodes.append(
            Node(
                id=f"ev{index}",
                name=f"on {event}",
                type=NodeFamily.TRIGGER,
                subtype=app.trigger_subtype,
                parameters={"event": event}
                | {name: _sample(f.schema_fragment()) for name, f in app.triggers.fields.items()},
            )
        )
    return nodes


@pytest.mark.parametrize("app", load_catalog().apps, ids=lambda a: a.app)
def test_every_app_mapping_exists_in_n8n(app: App, descriptions: Descriptions) -> None:
    problems = []
    for node in _app_nodes(app):
        exported = to_n8n(Workflow(nodes=[node]))["nodes"]
        for n8n_node in exported:
            for problem in descriptions.check(
                n8n_node["type"], n8n_node["typeVersion"], n8n_node.get("parameters", {})
            ):
                problems.append(f"{node.name}: {problem}")
    assert problems == []


def test_every_export_runs_in_n8n_or_stops_for_a_reason_not_ours() -> None:
    assert ROOT is not None
    results = runs.run_all(ROOT, runs.collect())
    ours = [(r.name, r.detail) for r in results if r.outcome == "ours"]
    assert [(n, d) for n, d in ours if n not in runs.KNOWN_OURS] == []
    assert sorted(n for n, _ in ours) == sorted(runs.KNOWN_OURS)  # a fixed one leaves the list
    assert sum(r.outcome == "ran" for r in results) > 0


def test_classify_reads_n8n_messages() -> None:
    on = " on node X"
    assert runs.classify("success", "") == "ran"
    assert runs.classify("error", "Node does not have any credentials set" + on) == "credential"
    assert runs.classify("error", "getaddrinfo ENOTFOUND api.example.com" + on) == "network"
    assert runs.classify("error", "Workflow failed to execute: No active execution found") == (
        "ours"
    )
    assert runs.classify("error", "Missing order id" + on, ["Missing order id"]) == "ran"
    masked = "Cannot read properties of undefined (reading 'errors')"
    assert runs.classify("error", masked + on) == "credential"
    assert runs.classify("error", masked) == "ours"
    # Discord's webhook credential is not marked required: n8n's words for "none chosen"
    assert runs.classify("error", "Node does not require credentials" + on) == "credential"


def test_run_set_covers_examples_and_planner(tmp_path: Path) -> None:
    assert runs.SEED_REQUEST in runs.planner_requests()
    examples = runs.example_runs()
    assert len(examples) >= len(load_catalog().apps)


def test_locator_modes_file_is_current() -> None:
    """``n8n/n8n_locators.json`` is the installed n8n's resource-locator modes
    (``python -m tests.n8n_real.rl_modes`` rewrites it)."""
    import json

    from flowsmith.n8n import locators
    from tests.n8n_real import rl_modes

    assert ROOT is not None
    path = Path(locators.__file__).parent / locators.FILE
    assert json.loads(path.read_text(encoding="utf-8")) == rl_modes.table(ROOT / "app")


def test_sample_item_gives_the_fields_an_example_reads_with_their_types() -> None:
    examples = runs.example_runs()
    gmail = examples["example gmail"]
    sample = gmail.node("sample")
    assert sample is not None and sample.subtype == "set_fields"
    assert sample.parameters["fields"]["email"] == "someone@example.com"
    assert any(c.from_node == "sample" for c in gmail.connections)
    assert examples["example filter"].node("sample").parameters["fields"] == {"price": 500}  # type: ignore[union-attr]
    assert examples["example if"].node("sample").parameters["fields"] == {"in_stock": True}  # type: ignore[union-attr]


def test_a_planned_node_wanting_a_file_a_fileless_start_never_gives_is_ours() -> None:
    """A planned upload right after a schedule (or a feed) wants a file nothing gives: a
    wrong operation of ours, not an input a manual start lacks; after a webhook or an app
    that may fetch one, it is still ``input``."""
    from flowsmith.core.models import Connection

    stop = "Make sure that the previous node outputs a binary file on node Upload"

    def wf(start: str, middle: str | None) -> Workflow:
        nodes = [Node(id="t", name="Start", type=NodeFamily.TRIGGER, subtype=start)]
        conns = []
        last = "t"
        if middle:
            spec = load_catalog().get(middle)
            assert spec is not None
            nodes.append(Node(id="m", name="Middle", type=spec.family, subtype=middle))
            conns.append(Connection(from_node="t", to_node="m"))
            last = "m"
        nodes.append(
            Node(id="u", name="Upload", type=NodeFamily.EXTERNAL_ACTION, subtype="youtube")
        )
        conns.append(Connection(from_node=last, to_node="u"))
        return Workflow(nodes=nodes, connections=conns)

    assert runs._file_outcome(wf("schedule_trigger", None), stop) == "ours"
    assert runs._file_outcome(wf("rss_trigger", "limit"), stop) == "ours"
    assert runs._file_outcome(wf("webhook_trigger", None), stop) == "input"
    assert runs._file_outcome(wf("schedule_trigger", "http_request"), stop) == "input"
