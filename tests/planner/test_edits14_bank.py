"""Edits14 bank (own sentences, written before the fix): edit messages that go wrong on an
existing workflow.

(A) a compound edit whose first part changes the run time said as "the <x> time" and whose
second part adds a step; (B) a replacement said as "不要X了，…先存到Y，再发Z" (Y takes X's
place, before the step Z restates) or as "<what>改发到/改存到Y" (the old step goes);
(C) a new step placed after a named step ("建完X之后，再用Y…", "用Y把他加到…"), inside that
step's branch; (D) the otherwise part of a new condition said as "<verb> the rest …" or as the
negated condition word ("有货…；没货就…"); (E) a condition's new steps said after an existing
step ("登记后发邮件…"): the check goes behind that step; (F) a check's rule restated whole
("…都算严重", "change the X check: …"); (G) a step on a service the catalog lacks ("toot it on
Mastodon"): an HTTP request named for it; (H) a write to a service whose operation keys are
camelCase ("createRow"): the create operation, not a read.

Each row is a prior flow and checks in the evaluation's own vocabulary
(bench/eval_planner/checks.py), scored on the edited flow; untouched nodes keep their ids."""

from __future__ import annotations

from typing import Any

import pytest

from flowsmith.core.models import Workflow
from tests.planner import edit_fixtures as f
from tests.planner.bank_cases import bank_cases
from tests.planner.eval_checks import C, Check, branches, guard, order, svc

Prior = dict[str, Any]
ACT = "EXTERNAL_ACTION"


def _n(nid: str, kind: str, subtype: str, name: str, params: dict[str, Any]) -> dict[str, Any]:
    return {"id": nid, "name": name, "type": kind, "subtype": subtype, "parameters": params}


def _c(a: str, b: str, out: str = "main") -> dict[str, str]:
    return {"from_node": a, "to_node": b, "from_output": out}


def _if(nid: str, name: str, left: str, op: str, right: Any = None) -> dict[str, Any]:
    cond: dict[str, Any] = {"left": "{{ $json." + left + " }}", "operator": op}
    if right is not None:
        cond["right"] = right
    return _n(nid, "FLOW", "if", name, {"conditions": [cond]})


REPORT: Prior = {
    "name": "Daily numbers",
    "nodes": [
        _n(
            "n1",
            "TRIGGER",
            "schedule_trigger",
            "Every day 8am",
            {"interval": "days", "every": 1, "at_time": "08:00"},
        ),
        _n("n2", ACT, "mysql", "Query sales", {"operation": "executeQuery", "query": "select 1"}),
        _n(
            "n3",
            ACT,
            "telegram",
            "Tell me",
            {"resource": "message", "operation": "sendMessage", "chat_id": "42", "text": "x"},
        ),
    ],
    "connections": [_c("n1", "n2"), _c("n2", "n3")],
}
ORDERS: Prior = {
    "name": "Woo orders",
    "nodes": [
        _n("n1", "TRIGGER", "woocommerce_trigger", "New order", {"event": "order.created"}),
        _n(
            "n2",
            ACT,
            "airtable",
            "Save order",
            {"resource": "record", "operation": "create", "base": "appX", "table": "Orders"},
        ),
        _n("n3", ACT, "discord_message", "Ping Discord", {"channel_id": "9", "content": "new"}),
    ],
    "connections": [_c("n1", "n2"), _c("n2", "n3")],
}
LEADS: Prior = {
    "name": "Lead routing",
    "nodes": [
        _n("n1", "TRIGGER", "typeform_trigger", "New lead form", {"form_id": "f1"}),
        _n("n2", "AI_AGENT", "llm_chat", "Rate lead", {"prompt": "Rate 1-100: {{ $json }}"}),
        _if("n3", "Hot lead?", "score", "greater_than", 80),
        _n(
            "n4",
            ACT,
            "pipedrive",
            "Create deal",
            {"resource": "deal", "operation": "create", "title": "{{ $json.name }}"},
        ),
    ],
    "connections": [_c("n1", "n2"), _c("n2", "n3"), _c("n3", "n4", "true")],
}
STOCK: Prior = {
    "name": "Restock watch",
    "nodes": [
        _n(
            "n1",
            "TRIGGER",
            "schedule_trigger",
            "Every 30 min",
            {"interval": "minutes", "every": 30},
        ),
        _n(
            "n2",
            ACT,
            "web_page_check",
            "Check shop",
            {"store": "target", "url": "https://www.target.com/p/switch"},
        ),
        _if("n3", "In stock?", "in_stock", "is_true"),
        _n(
            "n4",
            ACT,
            "telegram",
            "Tell me",
            {"resource": "message", "operation": "sendMessage", "chat_id": "1", "text": "back"},
        ),
    ],
    "connections": [_c("n1", "n2"), _c("n2", "n3"), _c("n3", "n4", "true")],
}
ERRORS: Prior = {
    "name": "Failures",
    "nodes": [
        _n("n1", "TRIGGER", "error_trigger", "On failure", {}),
        _n("n2", ACT, "discord_message", "Alert Discord", {"channel_id": "5", "content": "fail"}),
    ],
    "connections": [_c("n1", "n2")],
}
ALERTS: Prior = {
    "name": "Alert routing",
    "nodes": [
        _n("n1", "TRIGGER", "webhook_trigger", "Alert in", {"path": "a", "method": "POST"}),
        _if("n2", "Urgent?", "level", "equals", "p1"),
        _n(
            "n3",
            ACT,
            "telegram",
            "Page me",
            {"resource": "message", "operation": "sendMessage", "chat_id": "7", "text": "x"},
        ),
        _n("n4", ACT, "slack_message", "Post alert", {"channel": "#ops", "text": "x"}),
    ],
    "connections": [_c("n1", "n2"), _c("n2", "n3", "true"), _c("n2", "n4", "false")],
}
INVOICES: Prior = {
    "name": "Invoice intake",
    "nodes": [
        _n("n1", "TRIGGER", "gmail_trigger", "New invoice mail", {"event": "message_received"}),
        _n(
            "n2",
            "AI_AGENT",
            "information_extractor",
            "Extract",
            {"input_text": "{{ $json.text }}", "attributes": [{"name": "amount"}]},
        ),
        _n(
            "n3",
            "ACTION",
            "google_sheets_append",
            "Log invoice",
            {"spreadsheet_id": "1I", "sheet_name": "Invoices", "columns": {}},
        ),
    ],
    "connections": [_c("n1", "n2"), _c("n2", "n3")],
}
RELEASES: Prior = {
    "name": "Release news",
    "nodes": [
        _n(
            "n1",
            "TRIGGER",
            "app_event_trigger",
            "New release",
            {"app": "github", "event": "release", "resource": "acme/cli"},
        ),
        _n("n2", ACT, "slack_message", "Announce", {"channel": "#news", "text": "released"}),
    ],
    "connections": [_c("n1", "n2")],
}
WEEKLY: Prior = {
    "name": "Weekly tally",
    "nodes": [
        _n(
            "n1",
            "TRIGGER",
            "schedule_trigger",
            "Mondays 9am",
            {"interval": "weeks", "every": 1, "weekday": "monday", "at_time": "09:00"},
        ),
        _n("n2", ACT, "jira", "Done issues", {"resource": "issue", "operation": "getAll"}),
        _n(
            "n3",
            "FLOW",
            "aggregate",
            "Count",
            {"operations": [{"field": "key", "operation": "count"}]},
        ),
        _n("n4", ACT, "slack_message", "Post tally", {"channel": "#team", "text": "x"}),
    ],
    "connections": [_c("n1", "n2"), _c("n2", "n3"), _c("n3", "n4")],
}


def keep(*ids: str) -> Check:
    return {"kept_ids": list(ids)}


EMAIL = {
    "any": [
        {"core": ["send_email", "gmail_send"]},
        svc(["gmail", "microsoft_outlook", "outlook"], "create"),
    ]
}
HTTP = "http_request"

BANK: list[tuple[str, Prior, list[Check]]] = [
    # ---- A: a run time said as "the <x> time", then a new step ------------------------------
    (
        "Change the send time to 17:45 and also post the numbers to Discord",
        REPORT,
        [{"schedule": {"at": "17:45"}}, svc("discord", "create"), keep("n2", "n3")],
    ),
    (
        "move the report time to 7am, and also drop the results into our Mattermost channel",
        REPORT,
        [{"schedule": {"at": "07:00"}}, svc("mattermost", "create"), keep("n2", "n3")],
    ),
    (
        "set the run time to 6:30pm; also send the numbers to Microsoft Teams",
        REPORT,
        [{"schedule": {"at": "18:30"}}, svc("microsoft_teams", "create"), keep("n2", "n3")],
    ),
    # ---- B: a replacement said as "不要X了" / "改发到Y" -----------------------------------------
    (
        "不要Airtable了，订单先存到Notion，再发Discord",
        ORDERS,
        [
            {"removed": svc("airtable")},
            svc("notion", "create"),
            order(svc("notion", "create"), svc("discord", "create")),
            keep("n1", "n3"),
        ],
    ),
    (
        "不用Airtable了，先记到Google表格里，然后再发Discord",
        ORDERS,
        [
            {"removed": svc("airtable")},
            order(svc("google_sheets", "create"), svc("discord", "create")),
            keep("n1", "n3"),
        ],
    ),
    (
        "通知改发到钉钉",
        REPORT,
        [{"removed": svc("telegram")}, svc("dingtalk", "create"), keep("n1", "n2")],
    ),
    (
        "结果改推送到企业微信，另外改成每天晚上8点跑",
        REPORT,
        [
            {"removed": svc("telegram")},
            svc(["wecom", "wechat_work"], "create"),
            {"schedule": {"at": "20:00"}},
            keep("n2"),
        ],
    ),
    (
        "订单改存到Baserow",
        ORDERS,
        [{"removed": svc("airtable")}, svc("baserow", "create"), keep("n1", "n3")],
    ),
    # ---- C: a new step after a named step, inside its branch ---------------------------------
    (
        "热门线索建完Pipedrive交易之后，再用lemlist把他加到'Hot'活动里",
        LEADS,
        [
            svc("lemlist", "create"),
            order(svc("pipedrive"), svc("lemlist", "create")),
            guard(svc("lemlist", "create"), "score"),
            keep("n1", "n2", "n3", "n4"),
        ],
    ),
    (
        "建完交易之后，用Mailchimp把他加到'VIP'列表里",
        LEADS,
        [
            svc("mailchimp", "create"),
            guard(svc("mailchimp", "create"), "score"),
            keep("n1", "n2", "n3", "n4"),
        ],
    ),
    (
        "用ActiveCampaign把这个人加到联系人里",
        LEADS,
        [svc("activecampaign", "create"), keep("n1", "n2", "n3", "n4")],
    ),
    # ---- D: the otherwise part said as "<verb> the rest" or the negated word ----------------
    (
        "only alert Discord for failures of workflows whose name contains 'billing'; send the"
        " rest to a Baserow table",
        ERRORS,
        [
            branches(svc("discord", "create"), svc("baserow", "create")),
            guard(svc("discord", "create"), "workflow", "name"),
            keep("n1", "n2"),
        ],
    ),
    (
        "有货的话除了发Telegram，再发一封邮件给我 me@acme.cn；没货就在Airtable里记一笔",
        STOCK,
        [branches(svc("airtable", "create"), svc("telegram", "create")), keep("n1", "n2", "n3")],
    ),
    (
        "有货的时候再用Pushover推一下；没货时在Google表格里记一行",
        STOCK,
        [
            branches(svc("pushover", "create"), svc("google_sheets", "create")),
            keep("n1", "n2", "n3", "n4"),
        ],
    ),
    # ---- E: the check's new steps said after an existing step --------------------------------
    (
        "金额超过5万的，登记后发邮件通知财务 cfo@acme.cn；其他的在Slack #ap 说一声",
        INVOICES,
        [
            order(svc("google_sheets", "create"), EMAIL),
            branches(EMAIL, svc("slack", "create")),
            keep("n1", "n2", "n3"),
        ],
    ),
    (
        "金额大于1000的，记录之后再发Telegram给我；其余的发到Discord",
        INVOICES,
        [
            order(svc("google_sheets", "create"), svc("telegram", "create")),
            branches(svc("telegram", "create"), svc("discord", "create")),
            keep("n1", "n2", "n3"),
        ],
    ),
    # ---- F: a check's rule restated whole ----------------------------------------------------
    (
        "把'紧急'的判断改一下：level是p1或者p2都算紧急",
        ALERTS,
        [{"condition_node": True, "text": "p2"}, keep("n1", "n3", "n4")],
    ),
    (
        "change the urgent check: level is p1 or p2",
        ALERTS,
        [{"condition_node": True, "text": "p2"}, keep("n1", "n3", "n4")],
    ),
    (
        "level is p1 or p2 should both count as urgent",
        ALERTS,
        [{"condition_node": True, "text": "p2"}, keep("n1", "n3", "n4")],
    ),
    # ---- G: a service the catalog lacks ------------------------------------------------------
    (
        "also share it on our Bluesky account",
        RELEASES,
        [{"core": HTTP, "text": "bluesky"}, keep("n1", "n2")],
    ),
    (
        "再同步一份到Odoo",
        RELEASES,
        [{"core": HTTP, "text": "odoo"}, keep("n1", "n2")],
    ),
    (
        "post it to Threads after the Slack announcement too",
        RELEASES,
        [
            {"core": HTTP, "text": "threads"},
            order(svc("slack", "create"), {"core": HTTP}),
            keep("n1", "n2"),
        ],
    ),
    # ---- H: a write to a service whose operation keys are camelCase --------------------------
    (
        "统计结果也写一份到Coda的'周会'表里",
        WEEKLY,
        [svc("coda", "create"), order({"core": "aggregate"}, svc("coda", "create"))],
    ),
    (
        "also write the tally into a Coda table",
        WEEKLY,
        [svc("coda", "create"), keep("n1", "n2", "n3", "n4")],
    ),
]

_OPEN: dict[str, str] = {
    "move the report time to 7am, and also drop": '"drop … into X" is read as removing X, not'
    " as putting the results there",
}


def _failures(text: str, prior: Prior, checks: list[Check]) -> list[str]:
    after = f.edit(Workflow.model_validate({"id": "w", **prior}), text)
    wf = after.model_dump(mode="json")
    out = []
    for check in checks:
        ok, why = C.check_workflow(wf, check, prior)
        if not ok:
            out.append(f"{check}: {why}")
    return out


@pytest.mark.parametrize(("text", "prior", "checks"), bank_cases(BANK, _OPEN, 48))
def test_edits14_bank(text: str, prior: Prior, checks: list[Check]) -> None:
    assert _failures(text, prior, checks) == []


def test_bank_size() -> None:
    assert len(BANK) >= 20
    assert sum(1 for t, *_ in BANK if any("\u4e00" <= c <= "\u9fff" for c in t)) >= 10


def test_a_new_run_time_said_with_pao_reschedules_not_guards() -> None:
    """Regression: "改成工作日…跑" says when the flow runs (跑 = run); it is no time check for
    the new notifier (merging the hour-window reader made it one)."""
    text = "改成工作日早上8点半跑，提醒改发到钉钉"
    checks = [{"schedule": {"at": "08:30"}}, svc("dingtalk", "create"), keep("n2")]
    assert _failures(text, REPORT, checks) == []
