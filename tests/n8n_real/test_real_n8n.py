"""Our n8n exports against a real n8n (opt-in; needs /work/shared/tools/n8n-setup.sh).

Runs when ``N8N_ROOT`` names an n8n installed by that script and skips otherwise: installing n8n takes minutes and 3 GB, so the normal suite does
not. Each test run uses a fresh n8n user folder (its own SQLite database) under pytest's tmp.

What it checks (results of the last run are recorded in docs/n8n.md):

* every (type, typeVersion) we export exists in n8n's own node registry;
* ``n8n import:workflow`` accepts the export of every catalog example, of four offline
  workflows and of every corpus workflow after our import/export round trip;
* ``n8n execute`` runs the offline workflows (manual trigger, Set, IF, Switch with a fallback,
  Merge of three inputs, Loop Over Items, Filter, Sort, Limit, Summarize, Code, an error
  output) and their output is what our semantics say;
* n8n's own parameter check (``NodeHelpers.getNodeParametersIssues``, the warnings of its
  editor, run by ``param_issues.js``) finds only the known gaps of the catalog examples;
* ``n8n execute`` never reports an unknown node type or version for a catalog example (the
  examples need credentials or the network, so they may fail for that reason alone).
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from flowsmith.core.catalog import load_catalog
from flowsmith.core.models import Connection, Node, Workflow
from flowsmith.n8n.convert import from_n8n, to_n8n
from flowsmith.n8n.convert_shared import GENERIC_SUBTYPES, STICKY_TYPE
from tests.core.strategies import example_workflow

REPO = Path(__file__).resolve().parents[2]


def _root() -> Path | None:
    # opt-in only (N8N_ROOT set): a machine that merely has /tmp/n8n-try left over must not
    # add minutes of real-n8n runs to every pass of the suite
    env = os.environ.get("N8N_ROOT")
    if env and (Path(env) / "env.sh").is_file():
        return Path(env)
    return None


ROOT = _root()
pytestmark = pytest.mark.skipif(
    ROOT is None,
    reason="real n8n not installed: run N8N_ROOT=/tmp/n8n-try /work/shared/tools/n8n-setup.sh "
    "(about 4 minutes, 3 GB) or set N8N_ROOT to such an install",
)


class N8n:
    def __init__(self, root: Path, home: Path) -> None:
        self.root, self.home = root, home

    def run(self, command: str, timeout: int = 300) -> subprocess.CompletedProcess[str]:
        script = f". {self.root}/env.sh && export N8N_USER_FOLDER={self.home} && {command}"
        return subprocess.run(
            ["bash", "-c", script], capture_output=True, text=True, timeout=timeout, check=False
        )

    def import_file(self, path: Path) -> subprocess.CompletedProcess[str]:
        return self.run(f"n8n import:workflow --input={path}")

    def execute(self, workflow_id: str) -> tuple[int, dict[str, Any] | None, str]:
        result = self.run(f"n8n execute --id={workflow_id} --rawOutput")
        lines = result.stdout.splitlines()
        start = next((i for i, line in enumerate(lines) if line.startswith("{")), None)
        data = None
        if start is not None:  # the JSON result starts at the first line beginning with "{"
            data, _ = json.JSONDecoder().raw_decode("\n".join(lines[start:]))
        return result.returncode, data, result.stdout + result.stderr

    def registry(self) -> dict[str, set[float]]:
        known: dict[str, set[float]] = {}
        modules = self.root / "app" / "node_modules"
        for package, prefix in (
            ("n8n-nodes-base", "n8n-nodes-base."),
            ("@n8n/n8n-nodes-langchain", "@n8n/n8n-nodes-langchain."),
        ):
            for desc in json.loads((modules / package / "dist/types/nodes.json").read_text()):
                versions = (
                    desc["version"] if isinstance(desc["version"], list) else [desc["version"]]
                )
                known.setdefault(prefix + desc["name"], set()).update(versions)
        return known

    def parameter_issues(self, files: list[Path]) -> dict[str, dict[str, Any]]:
        """n8n's own parameter check (its editor's warnings) per file and node name."""
        script = Path(__file__).with_name("param_issues.js")
        args = " ".join(str(f) for f in files)
        result = self.run(f"node {script} {self.root / 'app'} {args}")
        assert result.returncode == 0, result.stderr[-2000:]
        report: dict[str, dict[str, Any]] = json.loads(result.stdout)
        return report


@pytest.fixture(scope="module")
def n8n(tmp_path_factory: pytest.TempPathFactory) -> N8n:
    assert ROOT is not None
    return N8n(ROOT, tmp_path_factory.mktemp("n8n-home"))


# --- offline workflows ---------------------------------------------------------------------


def _node(node_id: str, subtype: str, name: str, **kw: Any) -> Node:
    spec = load_catalog().get(subtype)
    assert spec is not None
    return Node(id=node_id, name=name, type=spec.family, subtype=subtype, **kw)


def _c(a: str, b: str, out: str = "main") -> Connection:
    return Connection(from_node=a, to_node=b, from_output=out)


def _seed(fields: dict[str, Any]) -> Node:
    """A Set node that starts the run with one item of ``fields``."""
    return _node(
        "seed", "set_fields", "Seed data", parameters={"fields": fields, "keep_only_set": True}
    )


def _cheap_if() -> Node:
    """An IF: price under 500 and in stock."""
    return _node(
        "cheap",
        "if",
        "Cheap enough?",
        parameters={
            "conditions": [
                {"left": "{{ $json.price }}", "operator": "less_than", "right": 500},
                {"left": "{{ $json.in_stock }}", "operator": "is_true"},
            ],
            "combine": "and",
        },
    )


ITEMS = (
    "return [{json: {sku: 'a1', kind: 'a', price: 30}}, {json: {sku: 'b1', kind: 'b', price: 80}}, "
    "{json: {sku: 'c1', kind: 'c', price: 120}}, {json: {sku: 'a2', kind: 'a', price: 60}}];"
)


def _items(node_id: str = "items") -> Node:
    return _node(node_id, "code", "Items", parameters={"language": "javascript", "code": ITEMS})


def offline_if() -> Workflow:
    return Workflow(
        id="real-if",
        name="flowsmith real check: if",
        nodes=[
            _node("start", "manual_trigger", "Start"),
            _seed({"product": "PS5", "price": 449, "in_stock": True}),
            _cheap_if(),
            _node(
                "yes",
                "set_fields",
                "Mark deal",
                parameters={
                    "fields": {
                        "deal": True,
                        "label": "{{ $node.seed.json.product }} at {{ $json.price }}",
                    }
                },
            ),
            _node("no", "no_op", "Ignore"),
            _node(
                "calc",
                "code",
                "Add tax",
                parameters={
                    "language": "javascript",
                    "mode": "all_items",
                    "code": "return $input.all().map(i => ({json: {...i.json, with_tax: Math.round(i.json.price * 1.2)}}));",
                },
            ),
        ],
        connections=[
            _c("start", "seed"),
            _c("seed", "cheap"),
            _c("cheap", "yes", "true"),
            _c("cheap", "no", "false"),
            _c("yes", "calc"),
        ],
    )


def offline_branching() -> Workflow:
    summary = (
        "return [{json: {routes: $input.all().map(i => i.json.sku + ':' + i.json.route)"
        ".sort().join(',')}}];"
    )
    return Workflow(
        id="real-branching",
        name="flowsmith real check: switch and merge",
        nodes=[
            _node("start", "manual_trigger", "Start"),
            _items(),
            _node(
                "route",
                "switch",
                "Route by kind",
                parameters={
                    "field": "{{ $json.kind }}",
                    "rules": [
                        {"operator": "equals", "value": "a"},
                        {"operator": "equals", "value": "b"},
                    ],
                },
            ),
            _node("ta", "set_fields", "Tag A", parameters={"fields": {"route": "A"}}),
            _node("tb", "set_fields", "Tag B", parameters={"fields": {"route": "B"}}),
            _node("to", "set_fields", "Tag other", parameters={"fields": {"route": "other"}}),
            _node("join", "merge", "Join", parameters={"mode": "append"}),
            _node("sum", "code", "Summary", parameters={"language": "javascript", "code": summary}),
        ],
        connections=[
            _c("start", "items"),
            _c("items", "route"),
            _c("route", "ta", "output_0"),
            _c("route", "tb", "output_1"),
            _c("route", "to", "fallback"),
            _c("ta", "join"),
            _c("tb", "join"),
            _c("to", "join"),
            _c("join", "sum"),
        ],
    )


def offline_loop() -> Workflow:
    return Workflow(
        id="real-loop",
        name="flowsmith real check: loop",
        nodes=[
            _node("start", "manual_trigger", "Start"),
            _items(),
            _node("loop", "loop", "Each item", parameters={"batch_size": 1}),
            _node(
                "double",
                "set_fields",
                "Double",
                parameters={"fields": {"double": "{{ $json.price * 2 }}"}},
            ),
            _node(
                "total",
                "aggregate",
                "Total",
                parameters={"operations": [{"field": "double", "operation": "sum"}]},
            ),
        ],
        connections=[
            _c("start", "items"),
            _c("items", "loop"),
            _c("loop", "double", "loop"),
            _c("double", "loop"),
            _c("loop", "total", "done"),
        ],
    )


def offline_errors() -> Workflow:
    reject = "if ($json.kind === 'b') { throw new Error('kind b is not allowed'); }\nreturn $json;"
    return Workflow(
        id="real-errors",
        name="flowsmith real check: filters and an error output",
        nodes=[
            _node("start", "manual_trigger", "Start"),
            _items(),
            _node(
                "cheap",
                "filter",
                "Under 100",
                parameters={
                    "conditions": [
                        {"left": "{{ $json.price }}", "operator": "less_than", "right": 100}
                    ],
                    "combine": "and",
                },
            ),
            _node(
                "sort",
                "sort",
                "Dearest first",
                parameters={"fields": [{"field": "price", "order": "desc"}]},
            ),
            _node("top", "limit", "Top 2", parameters={"max_items": 2, "keep": "first"}),
            _node(
                "check",
                "code",
                "Reject b",
                parameters={"language": "javascript", "mode": "each_item", "code": reject},
                on_error="error_output",
            ),
            _node(
                "ok",
                "text_template",
                "Accepted",
                parameters={"template": "{{ $json.sku }} ok", "output_field": "note"},
            ),
            _node("bad", "set_fields", "Rejected", parameters={"fields": {"note": "rejected"}}),
            _node("done", "no_op", "Done"),
        ],
        connections=[
            _c("start", "items"),
            _c("items", "cheap"),
            _c("cheap", "sort"),
            _c("sort", "top"),
            _c("top", "check"),
            _c("check", "ok"),
            _c("check", "bad", "error"),
            _c("ok", "done"),
        ],
    )


def offline_text_numbers() -> Workflow:
    """Numbers and a flag that arrive as text (a form, a CSV, an API): the IF, the Filter
    and the Switch compare them as numbers and a boolean (n8n converts types for ours)."""
    return Workflow(
        id="real-text-numbers",
        name="flowsmith real check: numbers as text",
        nodes=[
            _node("start", "manual_trigger", "Start"),
            _seed({"price": "449", "priority": "2", "in_stock": "true"}),
            _cheap_if(),
            _node(
                "keep",
                "filter",
                "Over 400",
                parameters={
                    "conditions": [
                        {"left": "{{ $json.price }}", "operator": "greater_than", "right": 400}
                    ]
                },
            ),
            _node(
                "route",
                "switch",
                "By priority",
                parameters={
                    "field": "{{ $json.priority }}",
                    "rules": [
                        {"operator": "equals", "value": 1},
                        {"operator": "equals", "value": 2},
                    ],
                },
            ),
            _node("one", "no_op", "Priority 1"),
            _node("two", "no_op", "Priority 2"),
            _node("other", "no_op", "Other"),
            _node("no", "no_op", "Too dear"),
        ],
        connections=[
            _c("start", "seed"),
            _c("seed", "cheap"),
            _c("cheap", "keep", "true"),
            _c("cheap", "no", "false"),
            _c("keep", "route"),
            _c("route", "one", "output_0"),
            _c("route", "two", "output_1"),
            _c("route", "other", "fallback"),
        ],
    )


def _out(data: dict[str, Any], node: str, output: int = 0, run: int = -1) -> list[dict[str, Any]]:
    runs = data["data"]["resultData"]["runData"][node]
    main = runs[run]["data"]["main"]
    return [item["json"] for item in (main[output] or [])] if output < len(main) else []


def _positions(workflow: Workflow) -> Workflow:
    nodes = [
        node.model_copy(update={"position": (i * 220.0, 0.0)})
        for i, node in enumerate(workflow.nodes)
    ]
    return workflow.model_copy(update={"nodes": nodes})


OFFLINE = {
    w.id: _positions(w)
    for w in (
        offline_if(),
        offline_text_numbers(),
        offline_branching(),
        offline_loop(),
        offline_errors(),
    )
}


def _check_if(data: dict[str, Any]) -> None:
    assert _out(data, "Cheap enough?", 1) == []
    assert _out(data, "Add tax") == [
        {
            "product": "PS5",
            "price": 449,
            "in_stock": True,
            "deal": True,
            "label": "PS5 at 449",
            "with_tax": 539,
        }
    ]


def _check_text_numbers(data: dict[str, Any]) -> None:
    item = {"price": "449", "priority": "2", "in_stock": "true"}
    assert _out(data, "Cheap enough?", 0) == [item]
    assert _out(data, "Over 400") == [item]
    assert _out(data, "By priority", 1) == [item]
    assert _out(data, "Priority 2") == [item]


def _check_branching(data: dict[str, Any]) -> None:
    assert [i["sku"] for i in _out(data, "Route by kind", 0)] == ["a1", "a2"]
    assert [i["sku"] for i in _out(data, "Route by kind", 1)] == ["b1"]
    assert [i["sku"] for i in _out(data, "Route by kind", 2)] == ["c1"]  # the fallback
    assert _out(data, "Summary") == [{"routes": "a1:A,a2:A,b1:B,c1:other"}]


def _check_loop(data: dict[str, Any]) -> None:
    runs = data["data"]["resultData"]["runData"]["Each item"]
    assert len(runs) == 5  # four batches of one, then "done"
    assert _out(data, "Each item", 1, run=0) == [{"sku": "a1", "kind": "a", "price": 30}]
    assert len(_out(data, "Each item", 0, run=-1)) == 4  # output 0 is "done"
    assert _out(data, "Total") == [{"sum_double": 580}]


def _check_errors(data: dict[str, Any]) -> None:
    assert [i["sku"] for i in _out(data, "Top 2")] == ["b1", "a2"]
    assert _out(data, "Accepted") == [{"sku": "a2", "kind": "a", "price": 60, "note": "a2 ok"}]
    rejected = _out(data, "Rejected")
    assert [(i["sku"], i["note"]) for i in rejected] == [("b1", "rejected")]
    assert "kind b is not allowed" in rejected[0]["error"]


CHECKS = {
    "real-if": _check_if,
    "real-text-numbers": _check_text_numbers,
    "real-branching": _check_branching,
    "real-loop": _check_loop,
    "real-errors": _check_errors,
}


# --- the tests -----------------------------------------------------------------------------


def _catalog_exports() -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for spec in load_catalog():
        if spec.subtype in GENERIC_SUBTYPES:
            continue
        workflow = _positions(example_workflow(spec)).model_copy(
            update={"id": f"example-{spec.subtype}", "name": f"flowsmith example {spec.subtype}"}
        )
        out[spec.subtype] = to_n8n(workflow)
    return out


def _corpus_exports() -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for path in sorted((REPO / "tests" / "n8n_corpus").glob("*.json")):
        workflow, _ = from_n8n(json.loads(path.read_text(encoding="utf-8")))
        doc = to_n8n(workflow)
        # ids must differ within one n8n database; some corpus files share one
        doc["id"] = f"corpus{len(out):02d}"
        out[path.name] = doc
    return out


def test_exported_types_and_versions_exist_in_n8n(n8n: N8n) -> None:
    known = n8n.registry()
    docs = [*_catalog_exports().values(), *(to_n8n(w) for w in OFFLINE.values())]
    bad = {
        (node["type"], node["typeVersion"])
        for doc in docs
        for node in doc["nodes"]
        if node["typeVersion"] not in known.get(node["type"], set())
    }
    assert bad == set()


def test_n8n_imports_every_export(n8n: N8n, tmp_path: Path) -> None:
    docs = {**{f"example-{k}": v for k, v in _catalog_exports().items()}, **_corpus_exports()}
    docs.update({w.id: to_n8n(w) for w in OFFLINE.values()})
    folder = tmp_path / "exports"
    folder.mkdir()
    for name, doc in docs.items():
        (folder / f"{Path(name).stem}.json").write_text(json.dumps(doc), encoding="utf-8")
    result = n8n.run(f"n8n import:workflow --separate --input={folder}", timeout=600)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert f"Successfully imported {len(docs)} workflows" in result.stdout


@pytest.mark.parametrize("workflow_id", sorted(OFFLINE))
def test_offline_workflow_executes_in_n8n(n8n: N8n, tmp_path: Path, workflow_id: str) -> None:
    doc = to_n8n(OFFLINE[workflow_id])
    path = tmp_path / "workflow.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert n8n.import_file(path).returncode == 0
    code, data, text = n8n.execute(doc["id"])
    assert code == 0 and data is not None, text[-3000:]
    assert data["status"] == "success"
    assert data["data"]["resultData"].get("error") is None
    CHECKS[workflow_id](data)


def test_no_catalog_example_has_an_unknown_type_or_version(n8n: N8n, tmp_path: Path) -> None:
    """n8n runs every catalog example (one ``execute-batch``, see runs.py) without calling
    its node type or version unknown."""
    from tests.n8n_real import runs

    results = runs.run_all(n8n.root, {k: ("example", w) for k, w in runs.example_runs().items()})
    phrases = ("Unrecognized node type", "not available in version", "is not a known node")
    rejected = {r.name: r.detail for r in results if any(p in r.detail for p in phrases)}
    assert rejected == {}
    assert len(results) == len(runs.example_runs())


# issues n8n's editor shows for the catalog examples and offline workflows: none (a value
# that fails n8n's pattern for its resource-locator mode is exported in a mode it fits)
EXPECTED_ISSUES: dict[str, dict[str, list[str]]] = {}


def test_exports_pass_n8n_parameter_checks(n8n: N8n, tmp_path: Path) -> None:
    docs = {f"{k}.json": v for k, v in _catalog_exports().items()}
    docs.update({f"{k}.json": to_n8n(w) for k, w in OFFLINE.items()})
    files = []
    for name, doc in docs.items():
        files.append(tmp_path / name)
        files[-1].write_text(json.dumps(doc), encoding="utf-8")
    report = n8n.parameter_issues(files)
    found = {
        name: {node: sorted(issues) for node, issues in nodes.items()}
        for name, nodes in report.items()
        if nodes
    }
    assert found == EXPECTED_ISSUES


def test_sticky_notes_survive_a_trip_through_n8n(n8n: N8n, tmp_path: Path) -> None:
    """Import a corpus file into n8n via our round trip, export it from n8n, import it again."""
    path = REPO / "tests" / "n8n_corpus" / "n8n-docs_advanced-ai_agents_vs_chains.json"
    workflow, _ = from_n8n(json.loads(path.read_text(encoding="utf-8")))
    doc = to_n8n(workflow)
    src = tmp_path / "in.json"
    src.write_text(json.dumps(doc), encoding="utf-8")
    assert n8n.import_file(src).returncode == 0
    dest = tmp_path / "out.json"
    result = n8n.run(f"n8n export:workflow --id={doc['id']} --output={dest}")
    assert result.returncode == 0, result.stdout + result.stderr
    exported = json.loads(dest.read_text(encoding="utf-8"))
    exported = exported[0] if isinstance(exported, list) else exported
    again, _ = from_n8n(exported)
    assert [n.id for n in again.nodes] == [n.id for n in workflow.nodes]
    assert [n.subtype for n in again.nodes] == [n.subtype for n in workflow.nodes]
    assert again.connections == workflow.connections
    names = {node["name"] for node in to_n8n(again)["nodes"] if node["type"] == STICKY_TYPE}
    assert len(names) == 6
