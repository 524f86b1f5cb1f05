"""Workflows and helpers the edit-construction tests share (test_edit_constructions,
test_edit_conditional)."""

from __future__ import annotations

from typing import Any

from flowsmith.core.catalog import load_catalog
from flowsmith.core.models import Connection, Node, NodeFamily, Workflow
from flowsmith.core.services import node_service
from flowsmith.planner.edit_apply import apply_edits
from flowsmith.planner.edit_parse import parse_edits
from flowsmith.planner.text import detect_lang


def node(nid: str, subtype: str, name: str, params: dict[str, Any] | None = None) -> Node:
    family = load_catalog().get(subtype)
    kind = family.family if family is not None else NodeFamily.ACTION
    return Node(id=nid, name=name, type=kind, subtype=subtype, parameters=params or {})


def wf(nodes: list[Node], edges: list[tuple[str, str, str]]) -> Workflow:
    conns = [Connection(from_node=a, from_output=o, to_node=b) for a, o, b in edges]
    return Workflow(id="w", name="Test", nodes=nodes, connections=conns)


def edit(wf: Workflow, text: str) -> Workflow:
    ops = parse_edits(text, wf)
    result = apply_edits(wf, ops, detect_lang(text))
    assert result.changed, result.notes
    return result.workflow


def into(wf: Workflow, nid: str) -> list[tuple[str, str]]:
    return sorted((c.from_node, c.from_output) for c in wf.connections if c.to_node == nid)


def app(wf: Workflow, app: str) -> list[Node]:
    return [x for x in wf.nodes if (op := node_service(x)) is not None and op.app == app]


def new_nodes(before: Workflow, after: Workflow) -> list[Node]:
    """The nodes ``after`` has and ``before`` had not."""
    return [x for x in after.nodes if before.node(x.id) is None]


def one_new(before: Workflow, after: Workflow, app: str) -> Node:
    """The one new node performing an operation of ``app`` (fails on none or several)."""
    (new,) = [x for x in new_nodes(before, after) if (s := node_service(x)) and s.app == app]
    return new


def gate_of(after: Workflow, nid: str) -> tuple[Node, str]:
    """The IF or filter right before ``nid`` and the output ``nid`` hangs on."""
    ((src, out),) = into(after, nid)
    gate = after.node(src)
    assert gate is not None and gate.subtype in ("if", "filter"), into(after, nid)
    return gate, out


def is_email(node: Node) -> bool:
    s = node_service(node)
    return node.subtype in ("send_email", "gmail_send") or (s is not None and s.app == "gmail")


def kept(before: Workflow, after: Workflow, ids: list[str]) -> None:
    for nid in ids:
        old, new = before.node(nid), after.node(nid)
        assert old is not None and new is not None, nid
        assert (new.name, new.subtype, new.parameters) == (old.name, old.subtype, old.parameters)


def teams() -> Workflow:
    """One result step: a Teams message after a form webhook."""
    return wf(
        [
            node("t", "webhook_trigger", "Form in", {"path": "f", "method": "POST"}),
            node("m", "microsoft_teams_message", "Tell team", {"channel": "General"}),
        ],
        [("t", "main", "m")],
    )


def leads() -> Workflow:
    """A record step, then an email."""
    return wf(
        [
            node("t", "webhook_trigger", "Lead in", {"path": "l", "method": "POST"}),
            node("a", "airtable_create_record", "Record lead", {"table": "Leads"}),
            node("e", "send_email", "Email sales", {"to": "sales@acme.io", "body": "x"}),
        ],
        [("t", "main", "a"), ("a", "main", "e")],
    )


def digest() -> Workflow:
    return wf(
        [
            node("t", "rss_trigger", "Feed", {"url": "https://x.io/feed"}),
            node("s", "summarizer", "Summarise", {"input_text": "{{ $json.content }}"}),
            node("m", "slack_message", "Post digest", {"channel": "#news", "text": "x"}),
        ],
        [("t", "main", "s"), ("s", "main", "m")],
    )


def tickets() -> Workflow:
    """An IF on priority: urgent ones page the on-call by SMS, the rest go to Teams."""
    urgent = {"left": "{{ $json.priority }}", "operator": "equals", "right": "urgent"}
    return wf(
        [
            node("t", "webhook_trigger", "Ticket in", {"path": "t", "method": "POST"}),
            node("i", "if", "Urgent?", {"conditions": [urgent]}),
            node("c", "twilio_sms", "Page on-call", {"to": "+1", "message": "x"}),
            node("m", "microsoft_teams_message", "Post ticket", {"channel": "Support"}),
        ],
        [("t", "main", "i"), ("i", "true", "c"), ("i", "false", "m")],
    )


def price() -> Workflow:
    cheap = {"left": "{{ $json.body.price }}", "operator": "less_than", "right": 100}
    return wf(
        [
            node("t", "schedule_trigger", "Every hour", {"interval": "hours", "every": 1}),
            node("h", "http_request", "Get price", {"url": "https://api.x.io/p"}),
            node("i", "if", "Cheap?", {"conditions": [cheap]}),
            node("m", "telegram_message", "Tell me", {"chat_id": "1", "text": "cheap"}),
        ],
        [("t", "main", "h"), ("h", "main", "i"), ("i", "true", "m")],
    )
