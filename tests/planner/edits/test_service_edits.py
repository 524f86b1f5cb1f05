"""Edits as operations on an existing graph, in English and Chinese, with catalog services.

Each test builds a workflow by hand, asks for one change through ``decide``/``build`` (the
request round-tripped through JSON like the service does) and checks the exact new
structure plus that every untouched node kept its id, name and parameters.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

import flowsmith.core.catalog as catalog_module
from flowsmith.core.catalog import load_catalog
from flowsmith.core.models import Connection, Node, Workflow
from flowsmith.core.services import node_service
from flowsmith.core.validate import is_valid, validate_workflow
from flowsmith.planner.offline import build, decide


def _app(
    app: str, names: list[str], resource: str, res_names: list[str], ops: list[str]
) -> dict[str, Any]:
    fields = {
        "name": {"type": "string", "description": "Title."},
        "description": {"type": "string", "description": "Details."},
        "item_id": {"type": "string", "description": "Which one."},
    }
    operations: dict[str, Any] = {}
    for op in ops:
        required = ["name"] if op == "create" else ["item_id"]
        operations[op] = {"description": f"{op} it.", "fields": fields, "required": required}
    return {
        "app": app,
        "display_name": app.replace("_", " ").title(),
        "description": "A test stand-in until the real entry lands.",
        "category": "work",
        "names": {"en": names, "zh": names},
        "credential": None,
        "n8n": {"type": f"n8n-nodes-base.{app}", "typeVersion": 1},
        "resources": {resource: {"names": {"en": res_names, "zh": []}, "operations": operations}},
        "example": {
            "name": "Example",
            "resource": resource,
            "operation": ops[0],
            "parameters": {"name": "x"},
        },
    }


# the shapes of the real entries, for a checkout where they have not landed
_STAND_INS = [
    _app("trello", ["trello"], "card", ["card"], ["create", "update", "delete", "get"]),
    _app("monday_com", ["monday.com"], "boardItem", ["item"], ["create", "get", "delete"]),
]


@pytest.fixture(autouse=True)
def _apps(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The real catalog plus stand-ins for apps that have not landed yet."""
    have = {a.app for a in load_catalog().apps}
    missing = [a for a in _STAND_INS if a["app"] not in have]
    if not missing:
        yield
        return
    real = catalog_module._read_app_files
    monkeypatch.setattr(
        catalog_module, "_read_app_files", lambda: {**real(), "zz_stand_ins.json": missing}
    )
    load_catalog.cache_clear()
    yield
    load_catalog.cache_clear()


# --- building blocks -----------------------------------------------------------------------


def _node(node_id: str, name: str, subtype: str, params: dict[str, Any] | None = None) -> Node:
    spec = load_catalog().get(subtype)
    assert spec is not None, subtype
    if params is None:
        params = dict(spec.example.parameters)
    return Node(id=node_id, name=name, type=spec.family, subtype=subtype, parameters=params)


def _wf(nodes: list[Node], edges: list[tuple[str, str, str]]) -> Workflow:
    conns = [Connection(from_node=a, from_output=o, to_node=b) for a, o, b in edges]
    return Workflow(id="wf-1", name="Orders", version=3, nodes=nodes, connections=conns)


def _orders() -> Workflow:
    """webhook -> amount > 500? -> true: monday.com item + Slack; false: nothing."""
    example = load_catalog().get("monday_com").example.parameters  # type: ignore[union-attr]
    monday = _node(
        "log_item", "Log the order", "monday_com", {**example, "name": "Order {{ $json.id }}"}
    )
    return _wf(
        [
            _node("orders", "New order", "webhook_trigger"),
            _node(
                "big_order",
                "Amount over 500?",
                "if",
                {
                    "conditions": [
                        {"left": "{{ $json.amount }}", "operator": "greater_than", "right": 500}
                    ]
                },
            ),
            monday,
            _node(
                "post_slack",
                "Tell sales",
                "slack_message",
                {"channel": "#sales", "text": "Big order {{ $json.id }}"},
            ),
        ],
        [
            ("orders", "main", "big_order"),
            ("big_order", "true", "log_item"),
            ("big_order", "true", "post_slack"),
        ],
    )


def _looped() -> Workflow:
    """manual -> fetch -> loop: [format -> summarise -> Slack] -> done: email."""
    return _wf(
        [
            _node("start", "Run", "manual_trigger"),
            _node("fetch", "Fetch items", "http_request"),
            _node("each", "Each item", "loop"),
            _node("format", "Format", "set_fields"),
            _node("summarize", "Summarise", "summarizer"),
            _node("post_slack", "Post item", "slack_message"),
            _node("report", "Email report", "send_email"),
        ],
        [
            ("start", "main", "fetch"),
            ("fetch", "main", "each"),
            ("each", "loop", "format"),
            ("format", "main", "summarize"),
            ("summarize", "main", "post_slack"),
            ("post_slack", "main", "each"),
            ("each", "done", "report"),
        ],
    )


def _edit(message: str, current: Workflow) -> Workflow:
    decision = decide(message, [], current)
    assert decision.kind == "generate", decision.reply
    assert decision.request is not None
    after = build(json.loads(json.dumps(decision.request)), current)
    errors = [f for f in validate_workflow(after) if f.severity == "error"]
    assert is_valid(errors), [f.message for f in errors]
    assert (after.id, after.version) == (current.id, current.version)
    return after


def _unchanged(message: str, current: Workflow) -> str:
    decision = decide(message, [], current)
    assert decision.kind == "answer", decision.reply
    assert decision.request is None
    return decision.reply


def _kept(before: Workflow, after: Workflow, changed: set[str] = frozenset()) -> None:  # type: ignore[assignment]
    for node in before.nodes:
        if node.id in changed:
            continue
        same = after.node(node.id)
        assert same is not None, node.id
        assert (same.name, same.subtype, same.parameters) == (
            node.name,
            node.subtype,
            node.parameters,
        )


def _edges(wf: Workflow) -> set[tuple[str, str, str]]:
    return {(c.from_node, c.from_output, c.to_node) for c in wf.connections}


def _new(before: Workflow, after: Workflow) -> list[Node]:
    old = {x.id for x in before.nodes}
    return [x for x in after.nodes if x.id not in old]


def _feeds(wf: Workflow, node_id: str) -> set[tuple[str, str]]:
    return {(c.from_node, c.from_output) for c in wf.connections if c.to_node == node_id}


def _service(node: Node) -> tuple[str | None, str | None, str | None]:
    op = node_service(node)
    assert op is not None, node.subtype
    return op.app, op.resource, op.operation


# --- add -----------------------------------------------------------------------------------


@pytest.mark.parametrize("message", ["also create a Jira issue", "同时创建一个Jira工单"])
def test_add_app_step_beside_existing_results(message: str) -> None:
    base = _orders()
    after = _edit(message, base)
    _kept(base, after)
    [jira] = _new(base, after)
    assert _service(jira) == ("jira", "issue", "create")
    assert jira.subtype == "jira"
    assert _feeds(after, jira.id) == {("big_order", "true")}
    assert jira.parameters["project"] and jira.parameters["summary"]
    assert len(after.connections) == len(base.connections) + 1


@pytest.mark.parametrize("message", ["post it to Teams too", "也发到Teams"])
def test_add_notification_on_the_same_branch(message: str) -> None:
    base = _orders()
    after = _edit(message, base)
    _kept(base, after)
    [teams] = _new(base, after)
    app, _, operation = _service(teams)
    assert app == "microsoft_teams"
    assert operation is not None and "create" in node_service(teams).verbs()  # type: ignore[union-attr]
    assert _feeds(after, teams.id) == _feeds(after, "post_slack") == {("big_order", "true")}


@pytest.mark.parametrize(
    "message", ["add a DingTalk message after the Slack step", "在Slack之后加一个钉钉消息"]
)
def test_add_after_a_named_step(message: str) -> None:
    base = _orders()
    after = _edit(message, base)
    _kept(base, after)
    [ding] = _new(base, after)
    assert _service(ding) == ("dingtalk", "message", "send")
    assert _feeds(after, ding.id) == {("post_slack", "main")}
    assert _edges(after) == _edges(base) | {("post_slack", "main", ding.id)}


@pytest.mark.parametrize(
    "message", ["add a DingTalk message before the Slack step", "在Slack之前加一个钉钉消息"]
)
def test_add_before_a_named_step(message: str) -> None:
    base = _orders()
    after = _edit(message, base)
    _kept(base, after)
    [ding] = _new(base, after)
    assert _feeds(after, ding.id) == {("big_order", "true")}
    assert _feeds(after, "post_slack") == {(ding.id, "main")}
    assert _feeds(after, "log_item") == {("big_order", "true")}


@pytest.mark.parametrize(
    "message",
    [
        "otherwise create a Trello card",
        "on the otherwise branch, add a Trello card",
        "否则创建Trello卡片",
    ],
)
def test_add_on_the_otherwise_branch(message: str) -> None:
    base = _orders()
    after = _edit(message, base)
    _kept(base, after)
    [card] = _new(base, after)
    assert _service(card)[0] == "trello"
    assert _service(card)[1] == "card" and _service(card)[2] == "create"
    assert _feeds(after, card.id) == {("big_order", "false")}
    assert _edges(after) - _edges(base) == {("big_order", "false", card.id)}


@pytest.mark.parametrize(
    "message", ["inside the loop also post to DingTalk", "在循环里也发钉钉消息"]
)
def test_add_inside_the_loop(message: str) -> None:
    base = _looped()
    after = _edit(message, base)
    _kept(base, after)
    [ding] = _new(base, after)
    assert _service(ding)[0] == "dingtalk"
    assert _feeds(after, ding.id) == {("post_slack", "main")}
    assert _feeds(after, "each") == {("fetch", "main"), (ding.id, "main")}
    assert _feeds(after, "report") == {("each", "done")}


def test_adding_what_is_there_changes_nothing() -> None:
    base = _orders()
    jira_added = _edit("also create a Jira issue", base)
    reply = _unchanged("also create a Jira issue", jira_added)
    assert "Jira" in reply


# --- remove --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        "don't post to Slack anymore",
        "no longer notify Slack",
        "remove the Slack step",
        "不再发Slack了",
        "删除Slack",
    ],
)
def test_remove_a_service_step(message: str) -> None:
    base = _orders()
    after = _edit(message, base)
    assert after.node("post_slack") is None
    _kept(base, after, {"post_slack"})
    assert _edges(after) == _edges(base) - {("big_order", "true", "post_slack")}


@pytest.mark.parametrize("message", ["don't log orders to monday.com", "不要再记到monday.com了"])
def test_remove_an_app_node(message: str) -> None:
    base = _orders()
    after = _edit(message, base)
    assert after.node("log_item") is None
    _kept(base, after, {"log_item"})


def test_remove_a_middle_step_reconnects() -> None:
    base = _looped()
    after = _edit("remove the summary step", base)
    assert after.node("summarize") is None
    _kept(base, after, {"summarize"})
    assert _feeds(after, "post_slack") == {("format", "main")}


@pytest.mark.parametrize(
    "message",
    [
        "remove all steps in the loop except Slack",
        "删除循环里除了Slack以外的所有步骤",
        "循环里只保留Slack",
    ],
)
def test_prune_the_loop_except(message: str) -> None:
    base = _looped()
    after = _edit(message, base)
    assert after.node("format") is None and after.node("summarize") is None
    _kept(base, after, {"format", "summarize"})
    assert _feeds(after, "post_slack") == {("each", "loop")}
    assert _feeds(after, "each") == {("fetch", "main"), ("post_slack", "main")}
    assert _feeds(after, "report") == {("each", "done")}


def test_removing_what_is_missing_changes_nothing() -> None:
    reply = _unchanged("remove the Jira step", _orders())
    assert "jira" in reply.lower()


# --- replace -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        "use Trello instead of monday.com",
        "replace monday.com with Trello",
        "把monday.com换成Trello",
        "用Trello代替monday.com",
    ],
)
def test_replace_app_in_place(message: str) -> None:
    base = _orders()
    after = _edit(message, base)
    assert after.node("log_item") is None
    _kept(base, after, {"log_item"})
    [card] = _new(base, after)
    assert card.subtype == "trello"
    assert _service(card)[2] == "create"  # monday's item create -> trello's create
    assert _feeds(after, card.id) == {("big_order", "true")}
    assert _feeds(after, "post_slack") == {("big_order", "true")}
    assert card.parameters["name"] == "Order {{ $json.id }}"  # carried from the old step


@pytest.mark.parametrize("message", ["use Teams instead of Slack", "把Slack换成Teams"])
def test_replace_notification_keeps_the_message(message: str) -> None:
    base = _orders()
    after = _edit(message, base)
    assert after.node("post_slack") is None
    _kept(base, after, {"post_slack"})
    [teams] = _new(base, after)
    assert _service(teams)[0] == "microsoft_teams"
    assert "create" in node_service(teams).verbs()  # type: ignore[union-attr]
    assert _feeds(after, teams.id) == {("big_order", "true")}
    assert "Big order {{ $json.id }}" in json.dumps(teams.parameters)


def test_replacing_with_the_same_service_changes_nothing() -> None:
    base = _orders()
    reply = _unchanged("use monday.com instead of Trello", base)
    assert "trello" in reply.lower()


# --- move ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "message", ["move the Slack step after the summary", "把Slack移到总结之后"]
)
def test_move_keeps_the_node(message: str) -> None:
    base = _looped()
    base = base.model_copy(deep=True)
    # Slack right after format, summary last in the body
    base.connections = [
        Connection(from_node=a, from_output=o, to_node=b)
        for a, o, b in [
            ("start", "main", "fetch"),
            ("fetch", "main", "each"),
            ("each", "loop", "format"),
            ("format", "main", "post_slack"),
            ("post_slack", "main", "summarize"),
            ("summarize", "main", "each"),
            ("each", "done", "report"),
        ]
    ]
    after = _edit(message, base)
    _kept(base, after)
    assert _feeds(after, "summarize") == {("format", "main")}
    assert _feeds(after, "post_slack") == {("summarize", "main")}
    assert _feeds(after, "each") == {("fetch", "main"), ("post_slack", "main")}


@pytest.mark.parametrize(
    "message", ["move the DingTalk step before the Slack step", "把钉钉移到Slack之前"]
)
def test_move_before(message: str) -> None:
    base = _edit("add a DingTalk message after the Slack step", _orders())
    [ding] = _new(_orders(), base)
    after = _edit(message, base)
    _kept(base, after)
    assert _feeds(after, ding.id) == {("big_order", "true")}
    assert _feeds(after, "post_slack") == {(ding.id, "main")}


# --- parameters and conditions -------------------------------------------------------------


@pytest.mark.parametrize(
    "message", ["change the threshold to 1000", "把阈值改成1000", "raise the amount limit to 1000"]
)
def test_change_the_threshold(message: str) -> None:
    base = _orders()
    after = _edit(message, base)
    _kept(base, after, {"big_order"})
    check = after.node("big_order")
    assert check is not None and check.name == "Amount over 500?"
    assert check.parameters["conditions"] == [
        {"left": "{{ $json.amount }}", "operator": "greater_than", "right": 1000}
    ]
    assert after.connections == base.connections


@pytest.mark.parametrize("message", ["only when the amount is over 1000", "只在金额大于1000时"])
def test_only_when_replaces_the_condition_on_that_field(message: str) -> None:
    base = _orders()
    after = _edit(message, base)
    _kept(base, after, {"big_order"})
    check = after.node("big_order")
    assert check is not None
    assert check.parameters["conditions"] == [
        {"left": "{{ $json.amount }}", "operator": "greater_than", "right": 1000.0}
    ]
    assert after.connections == base.connections


@pytest.mark.parametrize(
    "message", ["change the Slack channel to #big-deals", "把Slack频道改成#big-deals"]
)
def test_change_a_parameter(message: str) -> None:
    base = _orders()
    after = _edit(message, base)
    _kept(base, after, {"post_slack"})
    slack = after.node("post_slack")
    assert slack is not None
    assert slack.parameters == {"channel": "#big-deals", "text": "Big order {{ $json.id }}"}


def test_setting_the_same_value_changes_nothing() -> None:
    reply = _unchanged("change the threshold to 500", _orders())
    assert "500" in reply


def test_ops_in_one_message() -> None:
    base = _orders()
    after = _edit("use Trello instead of monday.com and post it to Teams too", base)
    _kept(base, after, {"log_item"})
    subtypes = sorted(x.subtype for x in _new(base, after))
    assert subtypes == ["microsoft_teams", "trello"]
    for node in _new(base, after):
        assert _feeds(after, node.id) == {("big_order", "true")}


# --- service names that are common words ---------------------------------------------------


@pytest.mark.parametrize("message", ["add a line break to the message", "make the text box bigger"])
def test_common_words_are_not_services(message: str) -> None:
    from flowsmith.planner.edit_parse import parse_edits

    ops = parse_edits(message, _orders())
    assert not any(op.kind == "add_step" for op in ops), ops


def test_lower_case_service_after_a_verb_is_a_service() -> None:
    base = _orders()
    after = _edit("remove slack", base)
    assert after.node("post_slack") is None
    _kept(base, after, {"post_slack"})
