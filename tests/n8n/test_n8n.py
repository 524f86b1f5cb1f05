"""n8n export / import: structure of the JSON, parameter translation, round trips, edge cases."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from flowsmith.core.catalog import load_catalog
from flowsmith.core.models import (
    Connection,
    Node,
    NodeFamily,
    RetryPolicy,
    Workflow,
    WorkflowSettings,
)
from flowsmith.core.validate import validate_workflow
from flowsmith.n8n.convert import N8nImportError, from_n8n, is_generic, to_n8n
from flowsmith.n8n.convert_shared import GENERIC_SUBTYPES, MARKER, SIDE_KEY
from flowsmith.n8n.expr import from_n8n_string, slug, to_n8n_string
from flowsmith.n8n.nodes import DEFAULT_FROM_EMAIL

F = NodeFamily


def n(node_id: str, subtype: str, name: str | None = None, **kw: Any) -> Node:
    spec = load_catalog().get(subtype)
    assert spec is not None
    return Node(id=node_id, name=name or node_id.title(), type=spec.family, subtype=subtype, **kw)


def c(a: str, b: str, out: str = "main") -> Connection:
    return Connection(from_node=a, to_node=b, from_output=out)


def wf(nodes: list[Node], conns: list[Connection], **kw: Any) -> Workflow:
    for i, node in enumerate(nodes):  # distinct positions, so the export keeps them
        if node.position == (0.0, 0.0):
            nodes[i] = node.model_copy(update={"position": (float(i * 200), 0.0)})
    return Workflow(
        id=kw.pop("id", "wf_1"), name=kw.pop("name", "Test"), nodes=nodes, connections=conns, **kw
    )


def by_name(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {node["name"]: node for node in doc["nodes"]}


def roundtrip(workflow: Workflow) -> Workflow:
    back, _ = from_n8n(json.loads(json.dumps(to_n8n(workflow))))
    return back


def links(doc: dict[str, Any]) -> set[tuple[str, str, int, str, str, int]]:
    out = set()
    for src, kinds in doc["connections"].items():
        for kind, outputs in kinds.items():
            for i, targets in enumerate(outputs):
                for t in targets:
                    out.add((src, kind, i, t["node"], t["type"], t["index"]))
    return out


# --- expressions ---------------------------------------------------------------------------


def test_expressions_become_n8n_expressions_and_back() -> None:
    names = {"check_price": "Check price", "o'brien": "O'Brien"}
    assert to_n8n_string("plain", names) == "plain"
    assert to_n8n_string("{{ $json.x }}", names) == "={{ $json.x }}"
    assert (
        to_n8n_string("Price {{ $node.check_price.json.price }} now", names)
        == "=Price {{ $('Check price').item.json.price }} now"
    )
    assert to_n8n_string('{{ $node["check_price"].json.a }}', names) == (
        "={{ $('Check price').item.json.a }}"
    )
    assert to_n8n_string("{{ $node.unknown.json.a }}", names) == "={{ $node.unknown.json.a }}"
    ids = {v: k for k, v in names.items()}
    assert from_n8n_string("={{ $('Check price').item.json.price }}", ids) == (
        "{{ $node.check_price.json.price }}"
    )
    assert from_n8n_string("={{ $('O\\'Brien').item.json.a }}", ids) == "{{ $node.o'brien.json.a }}"
    assert from_n8n_string("no equals {{ $json.x }}", ids) == "no equals {{ $json.x }}"
    # other n8n syntax is kept as written
    assert from_n8n_string("={{ $('Check price').first().json.a }}", ids) == (
        "{{ $('Check price').first().json.a }}"
    )


def test_slug() -> None:
    assert slug("When clicking ‘Execute workflow’") == "when_clicking_execute_workflow"
    assert slug("!!!") == "node"


# --- export structure ----------------------------------------------------------------------


def _price_watch() -> Workflow:
    return wf(
        [
            n(
                "trigger",
                "schedule_trigger",
                "Every hour",
                parameters={"interval": "hours", "every": 1},
            ),
            n(
                "fetch",
                "http_request",
                "Fetch",
                parameters={"url": "https://example.com/p", "method": "GET"},
            ),
            n(
                "cheap",
                "if",
                "Cheap?",
                parameters={
                    "conditions": [
                        {"left": "{{ $json.price }}", "operator": "less_than", "right": 500}
                    ],
                    "combine": "and",
                },
            ),
            n(
                "mail",
                "send_email",
                "Notify",
                parameters={
                    "to": "me@example.com",
                    "subject": "Deal",
                    "body": "{{ $node.fetch.json.title }} is {{ $json.price }}",
                },
            ),
            n("skip", "no_op", "Notify"),  # same display name: deduplicated on export
        ],
        [
            c("trigger", "fetch"),
            c("fetch", "cheap"),
            c("cheap", "mail", "true"),
            c("cheap", "skip", "false"),
        ],
    )


def test_export_shape_and_unique_names() -> None:
    doc = to_n8n(_price_watch())
    assert set(doc) >= {"id", "name", "nodes", "connections", "settings", "pinData", "meta"}
    assert doc["settings"]["executionOrder"] == "v1"
    assert doc["pinData"] == {}
    names = [node["name"] for node in doc["nodes"]]
    assert names == ["Every hour", "Fetch", "Cheap?", "Notify", "Notify 2"]
    for node in doc["nodes"]:
        assert set(node) >= {"id", "name", "type", "typeVersion", "position", "parameters"}
        assert all(isinstance(v, int | float) for v in node["position"])
    nodes = by_name(doc)
    assert nodes["Fetch"]["type"] == "n8n-nodes-base.httpRequest"
    assert nodes["Fetch"]["typeVersion"] == 4.2
    assert nodes["Cheap?"]["type"] == "n8n-nodes-base.if"
    assert nodes["Notify 2"]["type"] == "n8n-nodes-base.noOp"
    assert doc["connections"]["Cheap?"]["main"] == [
        [{"node": "Notify", "type": "main", "index": 0}],
        [{"node": "Notify 2", "type": "main", "index": 0}],
    ]
    mail = nodes["Notify"]["parameters"]
    assert mail["text"] == "={{ $('Fetch').item.json.title }} is {{ $json.price }}"
    assert mail["toEmail"] == "me@example.com"
    # n8n's Send Email needs a sender: ours, or the placeholder an import reads as none
    assert mail["fromEmail"] == DEFAULT_FROM_EMAIL
    # credentials: none chosen, none exported (what n8n writes itself), never a secret
    assert all("credentials" not in node for node in doc["nodes"])
    assert "password" not in json.dumps(doc).lower()


def test_if_conditions_structure() -> None:
    cheap = by_name(to_n8n(_price_watch()))["Cheap?"]["parameters"]
    assert cheap["conditions"]["combinator"] == "and"
    assert cheap["conditions"]["options"]["typeValidation"] == "loose"
    assert cheap["options"] == {"looseTypeValidation": True}
    (cond,) = cheap["conditions"]["conditions"]
    assert cond["leftValue"] == "={{ $json.price }}"
    assert cond["rightValue"] == 500
    assert cond["operator"] == {"type": "number", "operation": "lt"}


def test_set_fields_uses_assignments() -> None:
    node = n("set", "set_fields", parameters={"fields": {"a": 1, "b": "{{ $json.x }}", "c": True}})
    params = by_name(to_n8n(wf([n("t", "manual_trigger"), node], [c("t", "set")])))["Set"][
        "parameters"
    ]
    got = [(a["name"], a["value"], a["type"]) for a in params["assignments"]["assignments"]]
    assert got == [("a", 1, "number"), ("b", "={{ $json.x }}", "string"), ("c", True, "boolean")]
    assert params["includeOtherFields"] is True


def test_loop_output_order_done_is_zero() -> None:
    workflow = wf(
        [
            n("t", "manual_trigger"),
            n("loop", "loop", "Loop", parameters={"batch_size": 2}),
            n("work", "no_op", "Work"),
            n("after", "no_op", "After"),
        ],
        [c("t", "loop"), c("loop", "work", "loop"), c("work", "loop"), c("loop", "after", "done")],
    )
    doc = to_n8n(workflow)
    assert doc["connections"]["Loop"]["main"][0] == [{"node": "After", "type": "main", "index": 0}]
    assert doc["connections"]["Loop"]["main"][1] == [{"node": "Work", "type": "main", "index": 0}]
    assert roundtrip(workflow) == workflow


def test_switch_outputs_and_fallback() -> None:
    workflow = wf(
        [
            n("t", "manual_trigger"),
            n(
                "sw",
                "switch",
                "Route",
                parameters={
                    "field": "{{ $json.kind }}",
                    "rules": [
                        {"operator": "equals", "value": "a"},
                        {"operator": "equals", "value": "b"},
                    ],
                },
            ),
            n("a", "no_op", "A"),
            n("b", "no_op", "B"),
            n("z", "no_op", "Z"),
        ],
        [
            c("t", "sw"),
            c("sw", "a", "output_0"),
            c("sw", "b", "output_1"),
            c("sw", "z", "fallback"),
        ],
    )
    doc = to_n8n(workflow)
    outs = doc["connections"]["Route"]["main"]
    assert [o[0]["node"] for o in outs] == ["A", "B", "Z"]
    assert by_name(doc)["Route"]["parameters"]["options"]["fallbackOutput"] == "extra"
    assert roundtrip(workflow) == workflow


def test_error_output_is_the_last_index() -> None:
    workflow = wf(
        [
            n("t", "manual_trigger"),
            n(
                "cheap",
                "if",
                "Check",
                parameters={
                    "conditions": [{"left": "{{ $json.ok }}", "operator": "is_true"}],
                    "combine": "and",
                },
                on_error="error_output",
                retry=RetryPolicy(max_attempts=3, backoff_seconds=2),
            ),
            n("yes", "no_op", "Yes"),
            n("no", "no_op", "No"),
            n("oops", "no_op", "Oops"),
        ],
        [
            c("t", "cheap"),
            c("cheap", "yes", "true"),
            c("cheap", "no", "false"),
            c("cheap", "oops", "error"),
        ],
    )
    doc = to_n8n(workflow)
    node = by_name(doc)["Check"]
    assert node["onError"] == "continueErrorOutput"
    assert (node["retryOnFail"], node["maxTries"], node["waitBetweenTries"]) == (True, 3, 2000)
    assert doc["connections"]["Check"]["main"][2] == [{"node": "Oops", "type": "main", "index": 0}]
    assert roundtrip(workflow) == workflow


def test_ai_agent_with_model_tools_and_memory() -> None:
    workflow = wf(
        [
            n("chat", "chat_trigger", "Chat"),
            n(
                "agent",
                "ai_agent",
                "Agent",
                parameters={
                    "prompt": "{{ $json.chatInput }}",
                    "model": "gpt-4o",
                    "temperature": 0.2,
                },
                attached_nodes=["calc", "mem", "wiki"],
            ),
            n("calc", "calculator_tool", "Calculator"),
            n("mem", "buffer_memory", "Memory", parameters={"window_size": 8}),
            n("wiki", "wikipedia_tool", "Wikipedia"),
        ],
        [c("chat", "agent")],
    )
    doc = to_n8n(workflow)
    nodes = by_name(doc)
    assert nodes["Agent"]["type"] == "@n8n/n8n-nodes-langchain.agent"
    assert "promptType" not in nodes["Agent"]["parameters"]  # chat input: n8n's "auto" prompt
    model = nodes["Agent Model"]
    assert model["type"] == "@n8n/n8n-nodes-langchain.lmChatOpenAi"
    assert model["parameters"]["model"]["value"] == "gpt-4o"
    assert model["parameters"]["options"]["temperature"] == 0.2
    assert "credentials" not in model  # chosen in n8n; never {"id": null, ...}
    assert {
        ("Agent Model", "ai_languageModel", 0, "Agent", "ai_languageModel", 0),
        ("Calculator", "ai_tool", 0, "Agent", "ai_tool", 0),
        ("Memory", "ai_memory", 0, "Agent", "ai_memory", 0),
        ("Wikipedia", "ai_tool", 0, "Agent", "ai_tool", 0),
    } <= links(doc)
    assert nodes["Memory"]["parameters"] == {"contextWindowLength": 8}
    assert roundtrip(workflow) == workflow


def test_approval_branches_go_through_a_decision_switch() -> None:
    workflow = wf(
        [
            n("t", "manual_trigger"),
            n(
                "ask",
                "approval_email",
                "Ask boss",
                parameters={
                    "to": "boss@example.com",
                    "subject": "OK?",
                    "message": "Refund?",
                    "timeout_hours": 24,
                },
            ),
            n("yes", "no_op", "Pay"),
            n("no", "no_op", "Refuse"),
            n("late", "no_op", "Remind"),
        ],
        [
            c("t", "ask"),
            c("ask", "yes", "approved"),
            c("ask", "no", "rejected"),
            c("ask", "late", "timeout"),
        ],
    )
    doc = to_n8n(workflow)
    nodes = by_name(doc)
    ask = nodes["Ask boss"]
    assert ask["type"] == "n8n-nodes-base.emailSend"
    assert ask["parameters"]["operation"] == "sendAndWait"
    assert ask["webhookId"]
    decision = nodes["Ask boss decision"]
    assert decision["type"] == "n8n-nodes-base.switch"
    assert doc["connections"]["Ask boss"]["main"] == [
        [{"node": "Ask boss decision", "type": "main", "index": 0}]
    ]
    assert [o[0]["node"] for o in doc["connections"]["Ask boss decision"]["main"]] == [
        "Pay",
        "Refuse",
        "Remind",
    ]
    assert roundtrip(workflow) == workflow


def test_subtype_without_equivalent_exports_a_working_node_and_a_note() -> None:
    params = {"url": "https://www.bestbuy.com/site/ps5", "store": "bestbuy", "product_name": "PS5"}
    workflow = wf(
        [n("t", "manual_trigger"), n("check", "web_page_check", "Check", parameters=params)],
        [c("t", "check")],
    )
    node = by_name(to_n8n(workflow))["Check"]
    assert node["type"] == "n8n-nodes-base.httpRequest"
    assert node["parameters"]["url"] == params["url"]
    assert node["notes"].startswith(MARKER)
    back = roundtrip(workflow)
    assert back == workflow and back.nodes[1].subtype == "web_page_check"


def test_node_edited_in_n8n_imports_from_its_n8n_settings() -> None:
    params = {"url": "https://www.bestbuy.com/site/ps5", "store": "bestbuy"}
    doc = to_n8n(
        wf(
            [n("t", "manual_trigger"), n("check", "web_page_check", "Check", parameters=params)],
            [c("t", "check")],
        )
    )
    by_name(doc)["Check"]["parameters"]["url"] = "https://example.org/other"
    back, findings = from_n8n(doc)
    node = back.node("check")
    assert node is not None and node.subtype == "http_request"
    assert node.parameters["url"] == "https://example.org/other"
    assert "n8n_changed_in_n8n" in {f.code for f in findings}


def test_timezone_description_and_ids_survive() -> None:
    settings = WorkflowSettings(timezone="Asia/Shanghai", error_workflow_id="wf_err")
    workflow = _price_watch().model_copy(
        update={"description": "Watch a price", "version": 4, "settings": settings}
    )
    doc = to_n8n(workflow)
    assert doc["settings"]["timezone"] == "Asia/Shanghai"
    assert doc["settings"]["errorWorkflow"] == "wf_err"
    assert doc["description"] == "Watch a price"
    assert doc["meta"]["flowsmith"]["workflow_id"] == "wf_1"
    assert roundtrip(workflow) == workflow


def test_merge_inputs_are_numbered_in_connection_order() -> None:
    workflow = wf(
        [
            n("t", "manual_trigger"),
            n("a", "no_op", "A"),
            n("b", "no_op", "B"),
            n("m", "merge", "Merge", parameters={"mode": "append"}),
        ],
        [c("t", "a"), c("t", "b"), c("a", "m"), c("b", "m")],
    )
    doc = to_n8n(workflow)
    assert doc["connections"]["A"]["main"][0][0]["index"] == 0
    assert doc["connections"]["B"]["main"][0][0]["index"] == 1
    assert roundtrip(workflow) == workflow


def test_all_nodes_on_one_spot_are_laid_out() -> None:
    workflow = Workflow(
        nodes=[n("t", "manual_trigger"), n("a", "no_op", "A")], connections=[c("t", "a")]
    )
    positions = [tuple(node["position"]) for node in to_n8n(workflow)["nodes"]]
    assert len(set(positions)) == 2


# --- import --------------------------------------------------------------------------------


def _n8n(nodes: list[dict[str, Any]], connections: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "id": "fromN8n000000001",
        "name": "From n8n",
        "nodes": nodes,
        "connections": connections or {},
    }


def _node(
    name: str, n8n_type: str, params: dict[str, Any] | None = None, **kw: Any
) -> dict[str, Any]:
    return {
        "parameters": params or {},
        "id": f"id-{slug(name)}",
        "name": name,
        "type": n8n_type,
        "typeVersion": kw.pop("typeVersion", 1),
        "position": [0, 0],
        **kw,
    }


def _main(*targets: str) -> dict[str, Any]:
    return {"main": [[{"node": t, "type": "main", "index": 0} for t in targets]]}


def test_unknown_types_become_generic_nodes_that_export_verbatim() -> None:
    raw = _n8n(
        [
            _node("Start", "n8n-nodes-base.manualTrigger"),
            _node(
                "Crypto",
                "n8n-nodes-base.crypto",
                {"action": "hash", "value": "={{ $json.x }}"},
                typeVersion=1,
                credentials={"x": {"id": "7", "name": "Mine"}},
                disabled=True,
                notes="keep me",
                retryOnFail=True,
            ),
            _node("Airtop", "n8n-nodes-base.airtopTrigger"),
        ],
        {"Start": _main("Crypto")},
    )
    back, findings = from_n8n(copy.deepcopy(raw))
    crypto = back.node("crypto")
    assert crypto is not None and crypto.subtype == "n8n_node" and crypto.type == F.ACTION
    assert crypto.parameters == {
        "n8n_type": "n8n-nodes-base.crypto",
        "n8n_type_version": 1,
        "n8n_parameters": {"action": "hash", "value": "={{ $json.x }}"},
        "n8n_credentials": {"x": {"id": "7", "name": "Mine"}},
    }
    assert crypto.retry.max_attempts == 3
    trigger = back.node("airtop")
    assert trigger is not None and trigger.subtype == "n8n_trigger" and trigger.type == F.TRIGGER
    assert {f.code for f in findings} == {"n8n_generic_node"}
    assert is_generic("n8n_node") and not is_generic("http_request")
    assert to_n8n(back) == raw


def test_sub_nodes_attach_to_their_agent_and_models_fold() -> None:
    raw = _n8n(
        [
            _node("Chat", "@n8n/n8n-nodes-langchain.chatTrigger"),
            _node("Agent", "@n8n/n8n-nodes-langchain.agent", {"options": {}}, typeVersion=1.7),
            _node(
                "Ollama",
                "@n8n/n8n-nodes-langchain.lmChatOllama",
                {"model": "llama3.2:latest", "options": {"temperature": 0.1}},
            ),
            _node("Search", "@n8n/n8n-nodes-langchain.toolSerpApi", {"options": {}}),
            _node("Notes", "n8n-nodes-base.stickyNote", {"content": "hello"}),
        ],
        {
            "Chat": _main("Agent"),
            "Ollama": {
                "ai_languageModel": [[{"node": "Agent", "type": "ai_languageModel", "index": 0}]]
            },
            "Search": {"ai_tool": [[{"node": "Agent", "type": "ai_tool", "index": 0}]]},
        },
    )
    back, _ = from_n8n(copy.deepcopy(raw))
    agent = back.node("agent")
    assert agent is not None and agent.subtype == "ai_agent"
    assert agent.parameters["model"] == "llama3.2:latest"
    assert agent.parameters["temperature"] == 0.1
    assert agent.attached_nodes == ["search"]
    search = back.node("search")
    assert search is not None and search.type == F.TOOL and search.subtype == "n8n_tool"
    assert back.node("ollama") is None  # folded into the agent, kept for the way back
    assert back.settings.model_extra is not None
    assert back.settings.model_extra[SIDE_KEY]["sticky_notes"][0]["name"] == "Notes"
    assert to_n8n(back) == raw
    # a model change made in flowsmith reaches the kept Ollama node
    agent.parameters["model"] = "llama3.3"
    doc = to_n8n(back)
    assert by_name(doc)["Ollama"]["parameters"]["model"] == "llama3.3"


def test_editing_an_imported_node_exports_the_edit() -> None:
    raw = _n8n(
        [
            _node("Start", "n8n-nodes-base.manualTrigger"),
            _node(
                "Set",
                "n8n-nodes-base.set",
                {
                    "assignments": {
                        "assignments": [{"id": "x1", "name": "a", "value": 1, "type": "number"}]
                    },
                    "options": {},
                },
                typeVersion=3.4,
            ),
        ],
        {"Start": _main("Set")},
    )
    back, _ = from_n8n(copy.deepcopy(raw))
    assert to_n8n(back) == raw  # unchanged: the original assignment ids are kept
    node = back.node("set")
    assert node is not None and node.parameters == {"fields": {"a": 1}, "keep_only_set": True}
    node.parameters["fields"]["b"] = "{{ $json.a }}"
    set_node = by_name(to_n8n(back))["Set"]
    assert [a["name"] for a in set_node["parameters"]["assignments"]["assignments"]] == ["a", "b"]
    assert set_node["id"] == "id-set"


def test_import_rejects_what_is_not_a_workflow() -> None:
    with pytest.raises(N8nImportError):
        from_n8n({"name": "x"})
    with pytest.raises(N8nImportError):
        from_n8n([1, 2])


def test_import_skips_dangling_connections_and_reports() -> None:
    raw = _n8n([_node("Start", "n8n-nodes-base.manualTrigger")], {"Start": _main("Ghost")})
    back, findings = from_n8n(raw)
    assert back.connections == []
    assert "n8n_dangling_connection" in {f.code for f in findings}


def test_export_wrapper_list_is_accepted() -> None:
    doc = to_n8n(_price_watch())
    back, _ = from_n8n([doc])
    assert back == _price_watch()


# --- our workflows: every catalog example --------------------------------------------------


def _example(subtype: str) -> Workflow:
    spec = load_catalog().get(subtype)
    assert spec is not None
    node = Node(
        id="n1",
        name=spec.example.name,
        type=spec.family,
        subtype=subtype,
        parameters=spec.example.parameters,
        position=(280, 0),
    )
    trigger = Node(id="start", name="Start", type=F.TRIGGER, subtype="manual_trigger")
    if spec.family == F.TRIGGER:
        end = Node(id="end", name="End", type=F.FLOW, subtype="no_op", position=(280, 0))
        return Workflow(
            id="wf",
            nodes=[node.model_copy(update={"position": (0, 0)}), end],
            connections=[c("n1", "end")],
        )
    if spec.family in (F.TOOL, F.MEMORY):
        agent = Node(
            id="agent",
            name="Agent",
            type=F.AI_AGENT,
            subtype="ai_agent",
            parameters={"prompt": "{{ $json.chatInput }}"},
            position=(280, 0),
            attached_nodes=["n1"],
        )
        return Workflow(
            id="wf",
            nodes=[trigger, agent, node.model_copy(update={"position": (280, 160)})],
            connections=[c("start", "agent")],
        )
    nodes = [trigger, node]
    conns = [c("start", "n1")]
    for i, out in enumerate(spec.outputs):
        nodes.append(
            Node(id=f"o{i}", name=f"Out {i}", type=F.FLOW, subtype="no_op", position=(560, i * 160))
        )
        conns.append(c("n1", f"o{i}", out))
    return Workflow(id="wf", nodes=nodes, connections=conns)


@pytest.mark.parametrize(
    "subtype", [s.subtype for s in load_catalog() if s.subtype not in GENERIC_SUBTYPES]
)
def test_every_catalog_example_round_trips(subtype: str) -> None:
    workflow = _example(subtype)
    doc = to_n8n(workflow)
    assert roundtrip(workflow) == workflow
    spec = load_catalog().get(subtype)
    assert spec is not None and spec.n8n is not None
    assert by_name(doc)[workflow.node("n1").name]["type"] == spec.n8n.type  # type: ignore[union-attr]


def test_generic_catalog_entries_validate() -> None:
    catalog = load_catalog()
    for subtype in GENERIC_SUBTYPES:
        spec = catalog.get(subtype)
        assert spec is not None and spec.n8n is None
    raw = _n8n(
        [
            _node("Start", "n8n-nodes-base.manualTrigger"),
            _node("X", "n8n-nodes-base.xml", {"mode": "jsonToxml"}),
        ],
        {"Start": _main("X")},
    )
    back, _ = from_n8n(raw)
    assert [f for f in validate_workflow(back) if f.severity == "error"] == []


def _mapping_table() -> str:
    from flowsmith.n8n.nodes import TRANSLATORS

    rows = [
        "| Subtype | Family | n8n type | typeVersion | Translation |",
        "| --- | --- | --- | --- | --- |",
    ]
    for spec in load_catalog():
        if spec.app is not None:
            continue  # app entries: one field map each (docs/n8n.md "App nodes")
        translator = TRANSLATORS.get(spec.subtype)
        if spec.subtype in GENERIC_SUBTYPES:
            n8n_type, version, how = (
                "any other",
                "any",
                "generic node (keeps the n8n node verbatim)",
            )
        else:
            assert spec.n8n is not None
            n8n_type, version = f"`{spec.n8n.type}`", f"{spec.n8n.type_version:g}"
            if translator is None:
                how = "catalog names + note"
            elif translator.reverse is None:
                how = "export + note"
            else:
                how = "both ways"
        rows.append(f"| `{spec.subtype}` | {spec.family.value} | {n8n_type} | {version} | {how} |")
    return "\n".join(rows)


def test_docs_mapping_table_is_current() -> None:
    import os
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "docs" / "n8n.md"
    text = path.read_text(encoding="utf-8")
    start, end = "<!-- mapping:start -->\n", "<!-- mapping:end -->"
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    fresh = f"{head}{start}{_mapping_table()}\n{end}{tail}"
    # (tests/conftest.py drops FLOWSMITH_* variables, hence the name)
    if os.environ.get("UPDATE_N8N_DOCS") == "1":
        path.write_text(fresh, encoding="utf-8")
        return
    assert text == fresh, "docs/n8n.md mapping table is stale: rerun with UPDATE_N8N_DOCS=1"
