"""Edits as patches: untouched nodes stay as they were; bad operations become findings."""

from __future__ import annotations

import copy
from typing import Any

from flowsmith.core.models import Workflow
from flowsmith.core.patch import (
    PATCH_ID_CHANGED,
    PATCH_INVALID_OP,
    PATCH_NO_EFFECT,
    PATCH_UNKNOWN_NODE,
    apply_patch,
    patch_schema,
)
from flowsmith.core.validate import is_valid, validate_workflow

BASE: dict[str, Any] = {
    "id": "wf1",
    "name": "Stock watch",
    "version": 3,
    "nodes": [
        {
            "id": "schedule",
            "name": "Hourly",
            "type": "TRIGGER",
            "subtype": "schedule_trigger",
            "parameters": {"interval": "hours", "every": 1},
            "position": [0, 0],
        },
        {
            "id": "check",
            "name": "Check Amazon",
            "type": "ACTION",
            "subtype": "web_page_check",
            "parameters": {"url": "https://www.amazon.com/dp/X", "store": "amazon"},
            "position": [280, 0],
        },
        {
            "id": "in_stock",
            "name": "In stock?",
            "type": "FLOW",
            "subtype": "if",
            "parameters": {"conditions": [{"left": "{{ $json.in_stock }}", "operator": "is_true"}]},
            "position": [560, 0],
        },
        {
            "id": "slack",
            "name": "Tell Slack",
            "type": "EXTERNAL_ACTION",
            "subtype": "slack_message",
            "parameters": {"channel": "#alerts", "text": "Back: {{ $json.title }}"},
            "position": [840, 0],
        },
    ],
    "connections": [
        {"from_node": "schedule", "to_node": "check"},
        {"from_node": "check", "to_node": "in_stock"},
        {"from_node": "in_stock", "to_node": "slack", "from_output": "true"},
    ],
}


def base() -> Workflow:
    return Workflow.model_validate(copy.deepcopy(BASE))


def edges(wf: Workflow) -> set[tuple[str, str, str]]:
    return {(c.from_node, c.from_output, c.to_node) for c in wf.connections}


def test_add_node_and_connect_keeps_everything_else() -> None:
    before = base()
    after, findings = apply_patch(
        before,
        [
            {
                "op": "add_node",
                "id": "email",
                "name": "Email me",
                "subtype": "send_email",
                "parameters": {"to": "me@example.com", "subject": "Back", "body": "In stock"},
            },
            {"op": "connect", "from_node": "in_stock", "to_node": "email", "from_output": "true"},
        ],
    )
    assert findings == []
    assert [n.id for n in after.nodes] == ["schedule", "check", "in_stock", "slack", "email"]
    for old in before.nodes:
        assert after.node(old.id) == old, "untouched nodes keep id, name, parameters, position"
    email = after.node("email")
    assert email is not None and email.type.value == "EXTERNAL_ACTION"
    assert ("in_stock", "true", "email") in edges(after)
    assert (after.id, after.version, after.name) == ("wf1", 3, "Stock watch")
    assert is_valid(validate_workflow(after))
    assert before == base(), "the input is not modified"


def test_update_node_merges_parameters_and_null_removes() -> None:
    after, findings = apply_patch(
        base(),
        [
            {"op": "update_node", "id": "slack", "parameters": {"channel": "#ops"}},
            {"op": "update_node", "id": "check", "parameters": {"store": None}, "name": "Amazon"},
        ],
    )
    assert findings == []
    slack, check = after.node("slack"), after.node("check")
    assert slack is not None and check is not None
    assert slack.parameters == {"channel": "#ops", "text": "Back: {{ $json.title }}"}
    assert check.parameters == {"url": "https://www.amazon.com/dp/X"}
    assert check.name == "Amazon"
    assert after.node("in_stock") == base().node("in_stock")


def test_update_node_subtype_takes_the_catalog_family_and_replaces_parameters() -> None:
    after, findings = apply_patch(
        base(),
        [
            {
                "op": "update_node",
                "id": "slack",
                "subtype": "http_request",
                "type": "TRIGGER",  # ignored: the catalog says ACTION
                "parameters": {"url": "https://mastodon.example/api/v1/statuses", "method": "POST"},
            }
        ],
    )
    assert findings == []
    node = after.node("slack")
    assert node is not None
    assert (node.subtype, node.type.value) == ("http_request", "ACTION")
    assert node.parameters == {"url": "https://mastodon.example/api/v1/statuses", "method": "POST"}
    assert ("in_stock", "true", "slack") in edges(after), "connections stay"


def test_remove_node_with_and_without_reconnect() -> None:
    kept, findings = apply_patch(
        base(), [{"op": "remove_node", "id": "in_stock", "reconnect": True}]
    )
    assert findings == []
    assert [n.id for n in kept.nodes] == ["schedule", "check", "slack"]
    assert edges(kept) == {("schedule", "main", "check"), ("check", "main", "slack")}

    cut, _ = apply_patch(base(), [{"op": "remove_node", "id": "in_stock"}])
    assert edges(cut) == {("schedule", "main", "check")}


def test_remove_node_drops_it_from_attachments() -> None:
    wf = Workflow.model_validate(
        {
            "nodes": [
                {"id": "chat", "name": "Chat", "type": "TRIGGER", "subtype": "chat_trigger"},
                {
                    "id": "agent",
                    "name": "Agent",
                    "type": "AI_AGENT",
                    "subtype": "ai_agent",
                    "parameters": {"prompt": "{{ $json.chatInput }}"},
                    "attached_nodes": ["search", "memory"],
                },
                {"id": "search", "name": "Search", "type": "TOOL", "subtype": "web_search_tool"},
                {"id": "memory", "name": "Memory", "type": "MEMORY", "subtype": "buffer_memory"},
            ],
            "connections": [{"from_node": "chat", "to_node": "agent"}],
        }
    )
    after, findings = apply_patch(wf, [{"op": "remove_node", "id": "search"}])
    assert findings == []
    agent = after.node("agent")
    assert agent is not None and agent.attached_nodes == ["memory"]


def test_disconnect_and_rename() -> None:
    after, findings = apply_patch(
        base(),
        [
            {"op": "disconnect", "from_node": "in_stock", "to_node": "slack"},
            {"op": "connect", "from_node": "in_stock", "to_node": "slack", "from_output": "false"},
            {"op": "rename_workflow", "name": "Out-of-stock alert", "description": "d"},
        ],
    )
    assert findings == []
    assert ("in_stock", "false", "slack") in edges(after)
    assert ("in_stock", "true", "slack") not in edges(after)
    assert (after.name, after.description) == ("Out-of-stock alert", "d")


def test_connect_before_add_is_applied_after_it() -> None:
    after, findings = apply_patch(
        base(),
        [
            {"op": "connect", "from_node": "in_stock", "to_node": "log", "from_output": "false"},
            {"op": "add_node", "id": "log", "subtype": "write_file", "parameters": {"path": "/x"}},
        ],
    )
    assert findings == []
    assert ("in_stock", "false", "log") in edges(after)
    node = after.node("log")
    assert node is not None and node.name == "Write file", "a missing name is the display name"


def test_taken_id_is_renamed_and_later_operations_follow() -> None:
    after, findings = apply_patch(
        base(),
        [
            {
                "op": "add_node",
                "id": "check",
                "subtype": "web_page_check",
                "parameters": {"url": "https://www.bestbuy.com/x"},
            },
            {"op": "connect", "from_node": "schedule", "to_node": "check"},
        ],
    )
    assert [f.code for f in findings] == [PATCH_ID_CHANGED]
    assert after.node("check_2") is not None
    assert ("schedule", "main", "check_2") in edges(after)
    assert after.node("check") == base().node("check")


def test_bad_operations_become_findings_never_exceptions() -> None:
    ops: list[Any] = [
        {"op": "explode"},
        "not an object",
        {"op": "update_node", "id": "nope", "parameters": {"a": 1}},
        {"op": "remove_node", "id": "ghost"},
        {"op": "connect", "from_node": "schedule", "to_node": "nowhere"},
        {"op": "connect", "from_node": "schedule"},
        {"op": "add_node", "name": "no subtype"},
        {"op": "disconnect", "from_node": "schedule", "to_node": "slack"},
        {"op": "update_node", "id": "check"},
        {"op": "rename_workflow"},
    ]
    after, findings = apply_patch(base(), ops)
    assert after == base()
    codes = [(f.code, f.path) for f in findings]
    assert (PATCH_INVALID_OP, "operations[0]") in codes
    assert (PATCH_INVALID_OP, "operations[1]") in codes
    assert (PATCH_UNKNOWN_NODE, "operations[2]") in codes
    assert (PATCH_UNKNOWN_NODE, "operations[3]") in codes
    assert (PATCH_UNKNOWN_NODE, "operations[4]") in codes
    assert (PATCH_INVALID_OP, "operations[5]") in codes
    assert (PATCH_INVALID_OP, "operations[6]") in codes
    assert (PATCH_NO_EFFECT, "operations[7]") in codes
    assert (PATCH_NO_EFFECT, "operations[8]") in codes
    assert (PATCH_INVALID_OP, "operations[9]") in codes
    assert all(f.severity in ("error", "info") for f in findings)


def test_unknown_subtype_is_applied_for_the_validator_to_report() -> None:
    after, findings = apply_patch(
        base(), [{"op": "update_node", "id": "slack", "subtype": "mastodon_post", "parameters": {}}]
    )
    assert findings == []
    assert "unknown_subtype" in {f.code for f in validate_workflow(after)}


def test_patch_schema_constrains_subtypes() -> None:
    schema = patch_schema(["send_email", "if", "send_email"])
    subtype = schema["properties"]["operations"]["items"]["properties"]["subtype"]
    assert subtype["enum"] == ["if", "send_email"]
    assert (
        "enum"
        not in patch_schema(None)["properties"]["operations"]["items"]["properties"]["subtype"]
    )
