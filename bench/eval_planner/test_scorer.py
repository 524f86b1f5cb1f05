"""The scorer's structural checks on hand-written workflows: one pass and one fail per kind.

    .venv/bin/pytest bench/eval_planner/test_scorer.py
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import checks as C


def node(i: str, subtype: str, params: dict[str, Any] | None = None, family: str | None = None):
    fam = family or {
        "schedule_trigger": "TRIGGER", "webhook_trigger": "TRIGGER", "form_trigger": "TRIGGER",
        "email_trigger": "TRIGGER", "app_event_trigger": "TRIGGER", "jira_trigger": "TRIGGER",
        "error_trigger": "TRIGGER",
        "if": "FLOW", "switch": "FLOW", "filter": "FLOW", "wait": "FLOW",
        "http_request": "ACTION", "sort": "ACTION", "limit": "ACTION",
        "summarizer": "AI_AGENT", "llm_chat": "AI_AGENT", "text_classifier": "AI_AGENT",
        "approval_email": "HUMAN_IN_THE_LOOP",
    }.get(subtype, "EXTERNAL_ACTION")
    return {"id": i, "name": i, "type": fam, "subtype": subtype, "parameters": params or {}}


def wf(nodes: list[dict[str, Any]], edges: list[tuple[str, ...]]) -> dict[str, Any]:
    return {"name": "t", "nodes": nodes, "connections": [
        {"from_node": e[0], "to_node": e[1], "from_output": e[2] if len(e) > 2 else "main"}
        for e in edges]}


SLACK = {"service": "slack", "verb": "create"}
EMAIL = {"any": [{"core": ["send_email", "gmail_send"]}, {"service": "gmail", "verb": "create"}]}
JIRA = {"service": "jira", "verb": "create"}

# hourly: fetch a status page; if budget > 10000 -> email, else -> Slack
BRANCHED = wf([
    node("t", "schedule_trigger", {"interval": "minutes", "every": 30}),
    node("h", "http_request", {"url": "https://status.example.com/api", "method": "GET"}),
    node("c", "if", {"conditions": [{"left": "{{ $json.budget }}", "operator": "greater_than",
                                     "right": 10000}]}),
    node("e", "send_email", {"to": "a@b.c", "subject": "s", "body": "b"}),
    node("s", "slack_message", {"channel": "#x", "text": "hi"}),
], [("t", "h"), ("h", "c"), ("c", "e", "true"), ("c", "s", "false")])

# the same, but the email is sent on every path
FLAT = wf([
    node("t", "schedule_trigger", {"interval": "cron", "cron": "0 8 * * 1"}),
    node("h", "http_request", {"url": "https://other.example.com", "method": "GET"}),
    node("e", "send_email", {"to": "a@b.c"}),
    node("s", "slack_message", {"channel": "#x", "text": "hi"}),
], [("t", "h"), ("h", "e"), ("h", "s")])


def ok(workflow: dict[str, Any], check: dict[str, Any], **kw: Any) -> bool:
    passed, _ = C.check_workflow(workflow, check, **kw)
    return passed


def test_selector_exists() -> None:
    assert ok(BRANCHED, SLACK)
    assert not ok(BRANCHED, JIRA)


def test_selector_text_and_any() -> None:
    assert ok(BRANCHED, {"core": "http_request", "text": "status.example.com"})
    assert not ok(FLAT, {"core": "http_request", "text": "status.example.com"})
    assert ok(BRANCHED, EMAIL)
    assert not ok(wf([node("t", "manual_trigger", family="TRIGGER")], []), EMAIL)


def test_service_app_node_and_http_alternative() -> None:
    app = wf([node("j", "jira", {"resource": "issue", "operation": "create", "project": "P",
                                 "issue_type": "Task", "summary": "x"})], [])
    assert ok(app, JIRA)
    assert not ok(app, {"service": "jira", "verb": "delete"})
    via_http = wf([node("h", "http_request", {"url": "https://acme.atlassian.net/rest/api/3/issue",
                                              "method": "POST"})], [])
    assert ok(via_http, JIRA)
    assert not ok(via_http, {"service": "jira", "verb": "read"})


def test_trigger() -> None:
    star = wf([node("t", "app_event_trigger", {"app": "github", "event": "star"})], [])
    assert ok(star, {"trigger": "app_event", "app": "github", "event_like": ["star", "watch"]})
    assert not ok(star, {"trigger": "app_event", "app": "github", "event_like": "push"})
    assert ok(BRANCHED, {"trigger": "schedule"})
    assert not ok(BRANCHED, {"trigger": "webhook"})
    jira = wf([node("t", "jira_trigger", {"event": "issue_created"})], [])
    assert ok(jira, {"trigger": "app_event", "app": "jira", "event_like": "created"})


def test_schedule() -> None:
    assert ok(BRANCHED, {"schedule": {"every_minutes": 30}})
    assert not ok(BRANCHED, {"schedule": {"every_minutes": 60}})
    assert ok(FLAT, {"schedule": {"at": "08:00", "weekday": "monday"}})
    assert not ok(FLAT, {"schedule": {"at": "09:00"}})


def test_order() -> None:
    http = {"core": "http_request"}
    assert ok(BRANCHED, {"order": [http, SLACK]})
    assert not ok(BRANCHED, {"order": [SLACK, http]})


def test_guarded() -> None:
    assert ok(BRANCHED, {"guarded": EMAIL})
    assert ok(BRANCHED, {"guarded": EMAIL, "by_field": "budget"})
    assert not ok(BRANCHED, {"guarded": EMAIL, "by_field": "price"})
    assert not ok(FLAT, {"guarded": EMAIL})


def test_guarded_by_filter_and_approval() -> None:
    filtered = wf([node("t", "webhook_trigger"), node("f", "filter", {"conditions": [
        {"left": "{{ $json.total }}", "operator": "greater_than", "right": 5}]}),
        node("s", "slack_message")], [("t", "f"), ("f", "s")])
    assert ok(filtered, {"guarded": SLACK, "by_field": "total"})
    approved = wf([node("t", "form_trigger", family="TRIGGER"), node("a", "approval_email"),
                   node("s", "slack_message")], [("t", "a"), ("a", "s", "approved")])
    assert ok(approved, {"guarded": SLACK})


def test_unguarded() -> None:
    assert ok(FLAT, {"unguarded": EMAIL})
    assert not ok(BRANCHED, {"unguarded": EMAIL})


def test_branches() -> None:
    assert ok(BRANCHED, {"branches": [EMAIL, SLACK]})
    assert not ok(FLAT, {"branches": [EMAIL, SLACK]})


def test_branches_three_way_nested_ifs() -> None:
    cond = {"conditions": [{"left": "{{ $json.n }}", "operator": "less_than", "right": 100}]}
    three = wf([
        node("t", "webhook_trigger"), node("c1", "if", cond), node("c2", "if", cond),
        node("a", "slack_message"), node("b", "send_email"), node("j", "jira", {
            "resource": "issue", "operation": "create"}),
    ], [("t", "c1"), ("c1", "a", "true"), ("c1", "c2", "false"), ("c2", "b", "true"),
        ("c2", "j", "false")])
    assert ok(three, {"branches": [SLACK, EMAIL, JIRA]})
    assert ok(three, {"branch_count": {"min": 3}})
    assert not ok(BRANCHED, {"branch_count": {"min": 3}})


PHONE_IF = {"conditions": [{"left": "{{ $json.phone }}", "operator": "is_not_empty"}]}
STATUS_IF = {"conditions": [{"left": "{{ $json.status }}", "operator": "equals", "right": "new"}]}


def looped(edges: list[tuple[str, ...]], cond: dict[str, Any] = PHONE_IF) -> dict[str, Any]:
    """Daily: read a list, for each item a gate ``c`` between Slack and an email (``edges``
    below the loop's body output, returns into the loop included)."""
    return wf([
        node("t", "schedule_trigger", {"interval": "cron", "cron": "30 7 * * 1-5"}),
        node("h", "http_request", {"url": "https://crm.example.com/list", "method": "GET"}),
        node("l", "loop", {"batch_size": 1}, family="FLOW"), node("c", "if", cond),
        node("s", "slack_message", {"channel": "#x", "text": "hi"}),
        node("e", "send_email", {"to": "a@b.c"}),
    ], [("t", "h"), ("h", "l"), ("l", "c", "loop"), *edges])


# the gate's outputs return into the loop (directly, or after the step of each side)
SPLIT_RETURNS = [("c", "s", "true"), ("c", "e", "false"), ("c", "l", "true"), ("c", "l", "false")]
SPLIT_STEPS_RETURN = [("c", "s", "true"), ("c", "e", "false"), ("s", "l"), ("e", "l")]
# near-identical, but both steps on the true output: no branch between them
BOTH_ON_TRUE = [("c", "s", "true"), ("c", "e", "true"), ("c", "l", "false"), ("s", "l"),
                ("e", "l")]


@pytest.mark.parametrize("edges", [SPLIT_RETURNS, SPLIT_STEPS_RETURN])
def test_branches_inside_a_loop(edges: list[tuple[str, ...]]) -> None:
    w = looped(edges)
    assert ok(w, {"branches": [SLACK, EMAIL]})
    assert ok(w, {"guarded": SLACK, "by_field": "phone"})
    assert ok(w, {"guarded": EMAIL})
    assert ok(w, {"order": [{"core": "http_request"}, SLACK]})


def test_branches_inside_a_loop_still_fail_on_one_output() -> None:
    w = looped(BOTH_ON_TRUE)
    assert not ok(w, {"branches": [SLACK, EMAIL]})
    assert ok(w, {"guarded": SLACK, "by_field": "phone"})  # both are behind the gate
    flat = looped([("c", "s", "true"), ("l", "e", "loop"), ("e", "l"), ("s", "l")])
    assert not ok(flat, {"branches": [SLACK, EMAIL]})
    assert not ok(flat, {"guarded": EMAIL})


def test_guarded_inside_a_loop_not_by_a_later_gate() -> None:
    # a status gate before Slack, a phone gate after it: returning to the loop does not put
    # the phone gate before Slack
    w = wf([*looped([], STATUS_IF)["nodes"], node("p", "if", PHONE_IF)],
           [("t", "h"), ("h", "l"), ("l", "c", "loop"), ("c", "s", "true"), ("c", "l", "false"),
            ("s", "p"), ("p", "e", "true"), ("p", "l", "false"), ("e", "l")])
    assert ok(w, {"guarded": SLACK, "by_field": "status"})
    assert not ok(w, {"guarded": SLACK, "by_field": "phone"})
    assert ok(w, {"guarded": EMAIL, "by_field": "phone"})


def test_path_avoiding() -> None:
    avoid = {"path_avoiding": {"to": SLACK, "avoid": {"condition_node": True}}}
    assert ok(FLAT, avoid)
    assert not ok(BRANCHED, avoid)


@pytest.mark.parametrize("conditions,good", [
    ([{"left": "{{ $json.budget }}", "operator": "greater_than", "right": 10000}], True),
    ([{"left": "{{ $json.x }}", "operator": "greater_than", "right": 10},
      {"left": "{{ $json.x }}", "operator": "less_than", "right": 5}], False),
    ([{"left": "budget", "operator": "greater_than", "right": 10000}], False),
    ([], False),
])
def test_condition_satisfiable(conditions: list[dict[str, Any]], good: bool) -> None:
    w = wf([node("t", "webhook_trigger"), node("c", "if", {"conditions": conditions})],
           [("t", "c")])
    assert ok(w, {"condition_satisfiable": True}) is good


def test_condition_satisfiable_needs_a_condition() -> None:
    assert not ok(FLAT, {"condition_satisfiable": True})


def test_kept_ids_and_removed() -> None:
    prior = FLAT
    assert ok(BRANCHED, {"kept_ids": ["t", "h", "s"]}, prior=prior)
    changed = wf([node("t", "schedule_trigger"), node("h", "summarizer")], [("t", "h")])
    assert not ok(changed, {"kept_ids": ["t", "h"]}, prior=prior)
    assert ok(changed, {"removed": EMAIL})
    assert not ok(BRANCHED, {"removed": EMAIL})


def test_question_checks() -> None:
    asked = {"workflow": None, "question": {"text": "Which CRM do you use, HubSpot or Salesforce?"}}
    built = {"workflow": BRANCHED, "question": None}
    assert C.evaluate({"no_question": True}, built)[0]
    assert not C.evaluate({"no_question": True}, asked)[0]
    assert C.evaluate({"asks_about": ["crm"]}, asked)[0]
    assert not C.evaluate({"asks_about": ["schedule"]}, asked)[0]
    assert not C.evaluate({"asks_about": ["crm"]}, built)[0]
    assert not C.evaluate(SLACK, asked)[0]  # no workflow: every structural check fails
    # a list of words given as one argument (fresh17's ``asks([...])``) is the same words
    # (regression: the scorer raised on the nested list and the request scored as a miss)
    assert C.evaluate({"asks_about": [["schedule", "crm"]]}, asked)[0]
    assert not C.evaluate({"asks_about": [["schedule", "sheet"]]}, asked)[0]


def test_unchanged() -> None:
    same = {"workflow": FLAT, "prior": FLAT, "generation": "complete",
            "prior_version": 1, "final_version": 1}
    assert C.evaluate({"unchanged": True}, same)[0]
    bumped = {**same, "final_version": 2}
    assert not C.evaluate({"unchanged": True}, bumped)[0]
    failed = {**same, "generation": "error"}
    assert not C.evaluate({"unchanged": True}, failed)[0]


def test_any_of_checks() -> None:
    check = {"any": [{"trigger": "webhook"}, {"service": "slack", "verb": "create"}]}
    assert ok(BRANCHED, check)
    assert not ok(BRANCHED, {"any": [{"trigger": "webhook"}, JIRA]})


def test_ai_kinds() -> None:
    w = wf([node("t", "rss_trigger", family="TRIGGER"), node("s", "summarizer")], [("t", "s")])
    assert ok(w, {"ai": "summarize"})
    assert not ok(w, {"ai": "translate"})
    g = wf([node("l", "llm_chat", {"prompt": "translate"})], [])
    assert ok(g, {"ai": "translate"})
    assert not ok(g, {"ai": "agent"})
