"""Remove duplicates across runs ("skip what we already posted") maps to n8n's
removeItemsSeenInPreviousExecutions and back; the in-run dedupe keeps its mapping."""

from __future__ import annotations

from flowsmith.core.models import Node, NodeFamily
from flowsmith.n8n.convert import to_n8n
from tests.n8n.test_n8n import by_name, c, n, roundtrip, wf


def _dedupe(params: dict[str, object]) -> Node:
    return Node(
        id="d",
        name="Skip seen",
        type=NodeFamily.ACTION,
        subtype="remove_duplicates",
        parameters=params,
    )


def test_previous_runs_is_n8ns_seen_in_previous_executions() -> None:
    start = n("m", "manual_trigger", name="Start")
    params = {"scope": "previous_runs", "dedupe_value": "{{ $json.id }}"}
    workflow = wf([start, _dedupe(params)], [c("m", "d")])
    node = by_name(to_n8n(workflow))["Skip seen"]
    assert node["parameters"]["operation"] == "removeItemsSeenInPreviousExecutions"
    assert node["parameters"]["dedupeValue"] == "={{ $json.id }}"
    back = next(x for x in roundtrip(workflow).nodes if x.name == "Skip seen")
    assert back.subtype == "remove_duplicates"
    assert back.parameters == params


def test_in_run_dedupe_is_unchanged() -> None:
    start = n("m", "manual_trigger", name="Start")
    params = {"compare": "selected_fields", "fields": ["email"]}
    workflow = wf([start, _dedupe(params)], [c("m", "d")])
    node = by_name(to_n8n(workflow))["Skip seen"]
    assert node["parameters"].get("operation", "removeDuplicateInputItems") == (
        "removeDuplicateInputItems"
    )
    back = next(x for x in roundtrip(workflow).nodes if x.name == "Skip seen")
    assert back.parameters == params
