"""Round trips of real n8n workflows (tests/n8n_corpus) and of our own workflows through n8n JSON.

For every corpus file: import with ``from_n8n``, export with ``to_n8n`` and compare with the
original, node by node (name, type, typeVersion, parameters, position, credential references,
every other field) and connection by connection (every connection type, output and input
index). The numbers go to ``test-artifacts/n8n_corpus_report.md`` (and to stdout with ``-s``).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from flowsmith.core.catalog import load_catalog
from flowsmith.core.models import Workflow
from flowsmith.core.validate import validate_workflow
from flowsmith.n8n.convert import from_n8n, to_n8n
from flowsmith.n8n.convert_shared import GENERIC_SUBTYPES, STICKY_TYPE

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "tests" / "n8n_corpus"
FILES = sorted(CORPUS.glob("*.json"))
REPORT = REPO / "test-artifacts" / "n8n_corpus_report.md"
RESULTS: dict[str, dict[str, Any]] = {}

Link = tuple[str, str, int, str, str, int]


def _links(doc: dict[str, Any]) -> list[Link]:
    out: list[Link] = []
    for src, kinds in doc.get("connections", {}).items():
        for kind, outputs in kinds.items():
            for index, targets in enumerate(outputs or []):
                for t in targets or []:
                    out.append(
                        (src, kind, index, t["node"], t.get("type", kind), t.get("index", 0))
                    )
    return out


def _nodes(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {node["name"]: node for node in doc["nodes"]}


def test_corpus_is_big_enough_and_documented() -> None:
    assert len(FILES) >= 30
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    for path in FILES:
        assert f"`{path.name}`" in readme, f"{path.name} has no source line in the README"


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_corpus_file_round_trips(path: Path) -> None:
    raw = json.loads(path.read_text(encoding="utf-8"))
    workflow, findings = from_n8n(json.loads(json.dumps(raw)))
    out = json.loads(json.dumps(to_n8n(workflow)))

    raw_nodes, out_nodes = _nodes(raw), _nodes(out)
    survived = [name for name, node in raw_nodes.items() if out_nodes.get(name) == node]
    raw_links, out_links = Counter(_links(raw)), Counter(_links(out))
    kept_links = sum((raw_links & out_links).values())
    errors = [f for f in validate_workflow(workflow) if f.severity == "error"]
    sticky = sum(1 for node in raw["nodes"] if node["type"] == STICKY_TYPE)
    RESULTS[path.name] = {
        "nodes": len(raw_nodes) - sticky,
        "sticky": sticky,
        "survived": len(survived) - sticky,
        "links": sum(raw_links.values()),
        "kept_links": kept_links,
        "link_types": sorted({link[1] for link in raw_links}),
        "ours": len(workflow.nodes),
        "generic": sum(1 for node in workflow.nodes if node.subtype in GENERIC_SUBTYPES),
        "folded": len(raw_nodes) - sticky - len(workflow.nodes),
        "exact": {k: v for k, v in out.items() if k in raw} == raw
        and set(out) - set(raw) <= {"id", "name"},
        "added": sorted(set(out) - set(raw)),
        "findings": Counter(f.code for f in findings),
        "validator_errors": Counter(f.code for f in errors),
    }

    assert set(out_nodes) == set(raw_nodes), "node names differ"
    for name, node in raw_nodes.items():
        assert out_nodes[name] == node, f"node {name!r} changed"
    assert out_links == raw_links, "connections differ"
    # every other field of the document, too; an export always has an id and a name (the n8n
    # CLI needs them), so a source without them gets ours
    added = {k for k in ("id", "name") if k not in raw}
    assert {k: v for k, v in out.items() if k not in added} == raw
    assert set(out) >= {"id", "name"}
    # a second cycle changes nothing
    again, _ = from_n8n(out)
    assert again == workflow


def test_catalog_examples_round_trip_through_n8n() -> None:
    """Every catalog example, in the smallest workflow that uses it, comes back identical."""
    from tests.core.strategies import example_workflow

    for spec in load_catalog():
        workflow = example_workflow(spec)
        doc = json.loads(json.dumps(to_n8n(workflow)))
        back, _ = from_n8n(doc)
        assert _without_positions(back) == _without_positions(workflow), spec.subtype
        assert to_n8n(back) == doc, spec.subtype


def _without_positions(workflow: Workflow) -> dict[str, Any]:
    data = workflow.model_dump()
    for node in data["nodes"]:
        node["position"] = None
    return data


def _valid_workflows() -> Any:
    try:
        from tests.core.strategies import valid_workflows
    except ImportError:  # pragma: no cover - the strategy module is written elsewhere
        pytest.skip("tests/core/strategies.py (valid_workflows) is not there yet")
    return valid_workflows()


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(workflow=_valid_workflows())
def test_generated_workflows_round_trip_through_n8n(workflow: Workflow) -> None:
    doc = json.loads(json.dumps(to_n8n(workflow)))
    back, _ = from_n8n(doc)
    if len(workflow.nodes) > 1 and len({node.position for node in workflow.nodes}) == 1:
        # every node on one spot: the export lays them out, positions are new
        assert _without_positions(back) == _without_positions(workflow)
    else:
        assert back == workflow
    assert to_n8n(back) == doc


def _same(r: dict[str, Any]) -> str:
    if not r["exact"]:
        return "NO"
    return f"yes (+{', '.join(r['added'])})" if r["added"] else "yes"


@pytest.fixture(scope="module", autouse=True)
def _report() -> Iterator[None]:
    yield
    if not RESULTS:
        return
    lines = [
        "# n8n corpus round trip",
        "",
        f"{len(RESULTS)} real n8n workflows (tests/n8n_corpus), each imported with `from_n8n` and "
        "exported again with `to_n8n`.",
        "",
        "| File | Nodes | Sticky | Nodes kept | Connections | Kept | Connection types | "
        "Our nodes | Generic | Folded into AI nodes | Same JSON | Validator errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | --- | --- |",
    ]
    total: Counter[str] = Counter()
    for name, r in sorted(RESULTS.items()):
        errors = ", ".join(f"{k}×{v}" for k, v in sorted(r["validator_errors"].items())) or "-"
        lines.append(
            f"| {name} | {r['nodes']} | {r['sticky']} | {r['survived']} | {r['links']} | "
            f"{r['kept_links']} | {', '.join(r['link_types'])} | {r['ours']} | {r['generic']} | "
            f"{r['folded']} | {_same(r)} | {errors} |"
        )
        for key in (
            "nodes",
            "sticky",
            "survived",
            "links",
            "kept_links",
            "ours",
            "generic",
            "folded",
        ):
            total[key] += r[key]
        total["exact"] += int(r["exact"])
        total["added"] += int(bool(r["added"]))
        total["clean"] += int(not r["validator_errors"])
    mapped = total["ours"] - total["generic"]
    lines += [
        "",
        f"**Totals**: {len(RESULTS)} files, {total['nodes']} nodes (+{total['sticky']} sticky "
        f"notes), {total['survived']}/{total['nodes']} nodes and {total['kept_links']}/"
        f"{total['links']} connections survive the round trip; {total['exact']}/{len(RESULTS)} "
        "files come back identical as JSON values (key order and whitespace aside), "
        f"{total['added']} of them with an `id`/`name` added because the source had none "
        "(the n8n CLI needs both).",
        "",
        f"Of the {total['ours']} nodes of ours the imports made, {mapped} map to a flowsmith "
        f"subtype and {total['generic']} are generic n8n nodes; {total['folded']} language-model "
        "sub-nodes were folded into the `model` parameter of their AI node. "
        f"{total['clean']}/{len(RESULTS)} imported workflows have no validator error.",
        "",
    ]
    text = "\n".join(lines)
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(text, encoding="utf-8")
    print("\n" + text)
