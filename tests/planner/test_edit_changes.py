"""Removals, replacements and delays in edits (edit_read / edit_apply / edit_ops)."""

from __future__ import annotations

from typing import Any

from flowsmith.core.catalog import load_catalog
from flowsmith.core.models import Connection, Node, NodeFamily, Workflow
from flowsmith.planner.edit_apply import apply_edits
from flowsmith.planner.edit_parse import parse_edits


def _node(nid: str, subtype: str, name: str, params: dict[str, Any] | None = None) -> Node:
    family = load_catalog().get(subtype)
    kind = family.family if family is not None else NodeFamily.ACTION
    return Node(id=nid, name=name, type=kind, subtype=subtype, parameters=params or {})


def _wf(nodes: list[Node], edges: list[tuple[str, str, str]]) -> Workflow:
    conns = [Connection(from_node=a, from_output=o, to_node=b) for a, o, b in edges]
    return Workflow(id="w", name="Test", nodes=nodes, connections=conns)


def _edit(wf: Workflow, text: str, lang: str = "en") -> Workflow:
    result = apply_edits(wf, parse_edits(text, wf), lang)  # type: ignore[arg-type]
    assert result.changed, result.notes
    return result.workflow


def _alerts() -> Workflow:
    return _wf(
        [
            _node("t", "webhook_trigger", "Hook"),
            _node("s", "twilio_sms", "Page me", {"to": "+1", "message": "x"}),
            _node("f", "feishu", "飞书通知", {"resource": "webhook", "operation": "send"}),
            _node("g", "google_sheets_append", "Log it", {"sheet_name": "Log"}),
        ],
        [("t", "main", "s"), ("t", "main", "f"), ("t", "main", "g")],
    )


def test_stop_texting_removes_the_sms_step() -> None:
    wf = _edit(_alerts(), "please stop texting me about these")
    assert "s" not in {x.id for x in wf.nodes}
    assert {"f", "g"} <= {x.id for x in wf.nodes}


def test_chinese_removal_after_its_subject() -> None:
    wf = _edit(_alerts(), "飞书通知就不用了", "zh")
    assert "f" not in {x.id for x in wf.nodes}
    assert {"s", "g"} <= {x.id for x in wf.nodes}


def test_instead_of_x_comma_y_replaces_x() -> None:
    wf = _edit(_alerts(), "instead of the Google Sheet, keep a record in Airtable")
    subtypes = {x.subtype for x in wf.nodes}
    assert "google_sheets_append" not in subtypes and "airtable" in subtypes


def test_removing_an_ai_step_drops_the_check_on_its_field() -> None:
    wf = _wf(
        [
            _node("t", "webhook_trigger", "Reviews"),
            _node("a", "sentiment_analysis", "Mood", {"input_text": "x"}),
            _node(
                "i",
                "if",
                "Angry?",
                {
                    "conditions": [
                        {"left": "{{ $json.sentiment }}", "operator": "equals", "right": "negative"}
                    ]
                },
            ),
            _node("m", "slack_message", "Warn", {"channel": "#x", "text": "y"}),
        ],
        [("t", "main", "a"), ("a", "main", "i"), ("i", "true", "m")],
    )
    wf = _edit(wf, "remove the sentiment analysis")
    assert {x.id for x in wf.nodes} == {"t", "m"}
    assert [(c.from_node, c.to_node) for c in wf.connections] == [("t", "m")]


def test_approval_channel_switch_keeps_both_paths() -> None:
    wf = _wf(
        [
            _node("t", "form_trigger", "Leave form"),
            _node("p", "approval_email", "Boss", {"to": "b@x.io"}),
            _node("ok", "send_email", "Yes", {"to": "a@x.io"}),
            _node("no", "send_email", "No", {"to": "a@x.io"}),
        ],
        [("t", "main", "p"), ("p", "approved", "ok"), ("p", "rejected", "no")],
    )
    wf = _edit(wf, "get the approval through Slack instead of by email")
    new = next(x for x in wf.nodes if x.subtype == "approval_slack")
    outs = {(c.from_output, c.to_node) for c in wf.connections if c.from_node == new.id}
    assert outs == {("approved", "ok"), ("rejected", "no")}
    assert "p" not in {x.id for x in wf.nodes}


def test_later_delivery_puts_a_wait_before_that_step() -> None:
    wf = _wf(
        [
            _node("t", "form_trigger", "Signup"),
            _node("e", "send_email", "Welcome mail", {"to": "x@y.io"}),
        ],
        [("t", "main", "e")],
    )
    wf = _edit(wf, "send the welcome email 3 hours later")
    wait = next(x for x in wf.nodes if x.subtype == "wait")
    assert wait.parameters["amount"] == 3 and wait.parameters["unit"] == "hours"
    assert [(c.from_node, c.to_node) for c in wf.connections if c.to_node == "e"] == [
        (wait.id, "e")
    ]
