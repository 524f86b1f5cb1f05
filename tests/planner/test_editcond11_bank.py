"""Edit-condition bank, round 11 (written before the planner was changed): edits of an existing
workflow that add, change or remove a condition, in other words, services and fields than the
diagnostic requests.

(A) a guard on one step while another step "still" runs for every item, the kept step
coming before the guarded one; (B) a Chinese "只有<qualifier>的<items>才<existing step>"
whose qualifier is a finished state ("已经发货") or a "<value>类型"; (C) a condition's removal
said together with where the items now go ("remove the threshold, every deal goes to
Airtable"): the check is gone and no second step of that service is added; (D) an address
said with two or more domains ("whose address is qq.com or 163.com"); (E) a field "was found /
extracted" and its other side said as "the ones without …".

Each row is a prior flow and checks in the evaluation's own vocabulary
(bench/eval_planner/checks.py), scored on the edited flow."""

from __future__ import annotations

from typing import Any

import pytest

from flowsmith.core.models import Workflow
from tests.planner import edit_fixtures as f
from tests.planner.bank_cases import bank_cases
from tests.planner.eval_checks import C, Check, guard

Prior = dict[str, Any]
ACT = "EXTERNAL_ACTION"


def _n(nid: str, kind: str, subtype: str, params: dict[str, Any]) -> dict[str, Any]:
    return {"id": nid, "name": nid, "type": kind, "subtype": subtype, "parameters": params}


def _c(a: str, b: str, out: str = "main") -> dict[str, str]:
    return {"from_node": a, "to_node": b, "from_output": out}


def _named(node: dict[str, Any], name: str) -> dict[str, Any]:
    return {**node, "name": name}


# a deal webhook: recorded in Airtable, then #sales on Slack hears of it
DEALS: Prior = {
    "name": "Deals",
    "nodes": [
        _n("n1", "TRIGGER", "webhook_trigger", {"path": "deals", "method": "POST"}),
        _named(
            _n("n2", ACT, "airtable_create_record", {"base_id": "appD", "table": "Deals"}),
            "Record deal",
        ),
        _named(
            _n("n3", ACT, "slack_message", {"channel": "#sales", "text": "{{ $json.id }}"}),
            "Tell #sales",
        ),
    ],
    "connections": [_c("n1", "n2"), _c("n2", "n3")],
}
# a new order: a row in a sheet, then an SMS to the warehouse
ORDERS: Prior = {
    "name": "订单",
    "nodes": [
        _n("n1", "TRIGGER", "webhook_trigger", {"path": "orders", "method": "POST"}),
        _named(
            _n("n2", ACT, "google_sheets_append", {"spreadsheet_id": "1O", "sheet_name": "订单"}),
            "记录订单",
        ),
        _named(
            _n("n3", ACT, "twilio_sms", {"to": "+15550100", "from": "+15550199", "message": "x"}),
            "短信通知仓库",
        ),
    ],
    "connections": [_c("n1", "n2"), _c("n2", "n3")],
}
# a form's requests above an amount are recorded in Airtable
GATED: Prior = {
    "name": "Requests",
    "nodes": [
        _n("n1", "TRIGGER", "form_trigger", {"title": "Request", "fields": [{"label": "Amount"}]}),
        _named(
            _n(
                "n2",
                "FLOW",
                "if",
                {
                    "conditions": [
                        {"left": "{{ $json.amount }}", "operator": "greater_than", "right": 1000}
                    ]
                },
            ),
            "Big enough?",
        ),
        _named(
            _n("n3", ACT, "airtable_create_record", {"base_id": "appR", "table": "Requests"}),
            "Record request",
        ),
    ],
    "connections": [_c("n1", "n2"), _c("n2", "n3", "true")],
}
# a signup form: a row in Airtable, then an email to me
SIGNUPS: Prior = {
    "name": "Signups",
    "nodes": [
        _n("n1", "TRIGGER", "webhook_trigger", {"path": "signups", "method": "POST"}),
        _named(
            _n("n2", ACT, "airtable_create_record", {"base_id": "appS", "table": "Signups"}),
            "Save signup",
        ),
        _named(
            _n("n3", ACT, "send_email", {"to": "me@acme.io", "subject": "New", "body": "x"}),
            "Email me",
        ),
    ],
    "connections": [_c("n1", "n2"), _c("n2", "n3")],
}
# an uploaded invoice: AI extracts its fields, then a row in a sheet
INVOICES: Prior = {
    "name": "Invoices",
    "nodes": [
        _n("n1", "TRIGGER", "webhook_trigger", {"path": "invoices", "method": "POST"}),
        _named(
            _n(
                "n2",
                "AI_AGENT",
                "information_extractor",
                {"input_text": "{{ $json.text }}", "attributes": [{"name": "due_date"}]},
            ),
            "Extract",
        ),
        _named(
            _n("n3", ACT, "google_sheets_append", {"spreadsheet_id": "1I", "sheet_name": "Inv"}),
            "Log invoice",
        ),
    ],
    "connections": [_c("n1", "n2"), _c("n2", "n3")],
}


def svc(name: str | list[str], verb: str = "create") -> Check:
    return {"service": name, "verb": verb}


SAT: Check = {"condition_satisfiable": True}
SLACK, AIRTABLE, SHEET, SMS = svc("slack"), svc("airtable"), svc("google_sheets"), svc("twilio")
EMAIL: Check = {"any": [{"core": ["send_email", "gmail_send"]}, {"service": "gmail"}]}


def kept_first(first: Check, second: Check, *field: str) -> list[Check]:
    """``second`` behind a check on ``field``; ``first`` (before it in the prior) unguarded."""
    return [guard(second, *field), {"unguarded": first}, {"kept_ids": ["n1", "n2", "n3"]}, SAT]


def unguarded_now(step: Check) -> list[Check]:
    """The condition gone, ``step`` on every path, and still only one step of its service."""
    return [
        {"unguarded": step},
        {"absent": {"condition_node": True}},
        {"kept_ids": ["n1", "n3"]},
        {"one_of_app": step["service"]},
    ]


def other_side(new: Check, *field: str) -> list[Check]:
    """The sheet behind a presence check on ``field``, ``new`` on its other output."""
    return [guard(SHEET, *field), {"branches": [SHEET, new]}, {"kept_ids": ["n1", "n2", "n3"]}]


BANK: list[tuple[str, Prior, list[Check]]] = [
    # ---- A: one step guarded, the step before it still runs for every item -----------------
    (
        "only tell #sales about deals over $5000, still record every deal in Airtable",
        DEALS,
        kept_first(AIRTABLE, SLACK, "amount"),
    ),
    (
        "only ping #sales when the deal is above 2000 dollars, but keep recording all of them",
        DEALS,
        kept_first(AIRTABLE, SLACK, "amount"),
    ),
    (
        "只有金额超过5000的订单才发短信通知仓库，每一单还是照常记录",
        ORDERS,
        kept_first(SHEET, SMS, "amount", "金额"),
    ),
    # ---- B: 只有<state>的<items>才<existing step> ---------------------------------------------
    ("只有已经发货的订单才发短信", ORDERS, kept_first(SHEET, SMS, "status", "发货")),
    ("只有已付款的订单才发短信通知仓库", ORDERS, kept_first(SHEET, SMS, "status", "付款")),
    ("只有已经审核的订单才发短信", ORDERS, kept_first(SHEET, SMS, "status", "审核")),
    (
        "只有 VIP 类型的订单才发短信，其他类型的只记到表格里",
        ORDERS,
        [guard(SMS, "type", "VIP"), {"unguarded": SHEET}, {"kept_ids": ["n1", "n2", "n3"]}, SAT],
    ),
    (
        "只有 Enterprise 类型的 deal 才建 Airtable 记录，其他类型的只在 Slack 说一声",
        DEALS,
        [
            guard(AIRTABLE, "type", "Enterprise"),
            {"path_avoiding": {"to": SLACK, "avoid": AIRTABLE}},
            {"kept_ids": ["n1", "n2", "n3"]},
            SAT,
        ],
    ),
    # ---- C: a condition removed, the items' destination restated ---------------------------
    (
        "remove the amount threshold, every request should go to Airtable",
        GATED,
        unguarded_now(AIRTABLE),
    ),
    (
        "drop the threshold: all requests should be recorded in Airtable",
        GATED,
        unguarded_now(AIRTABLE),
    ),
    ("去掉金额门槛，所有申请都记到Airtable", GATED, unguarded_now(AIRTABLE)),
    ("把金额阈值删掉，每个申请都要进Airtable", GATED, unguarded_now(AIRTABLE)),
    ("删掉这个判断条件，全部申请都存到Airtable", GATED, unguarded_now(AIRTABLE)),
    # ---- D: an address said with several domains -------------------------------------------
    (
        "don't email me about signups whose address is qq.com or 163.com, but keep saving them",
        SIGNUPS,
        [
            guard(EMAIL, "email"),
            {"unguarded": AIRTABLE},
            {"kept_ids": ["n1", "n2", "n3"]},
            SAT,
        ],
    ),
    (
        "邮箱是qq.com或163.com的注册不要发邮件给我，Airtable照样保存",
        SIGNUPS,
        [
            guard(EMAIL, "email", "qq.com"),
            {"unguarded": AIRTABLE},
            {"kept_ids": ["n1", "n2", "n3"]},
            SAT,
        ],
    ),
    (
        "只有邮箱以acme.com或acme.io结尾的注册才发邮件给我",
        SIGNUPS,
        [guard(EMAIL, "email", "acme"), {"unguarded": AIRTABLE}, SAT],
    ),
    # ---- E: a field found, and the ones without it -----------------------------------------
    (
        "only log invoices where a due date was found; the ones without a due date should be"
        " emailed to ap@acme.io",
        INVOICES,
        other_side(EMAIL, "due_date"),
    ),
    (
        "only log invoices where a due date was extracted, and those with no due date go to"
        " #finance on Slack",
        INVOICES,
        other_side(SLACK, "due_date"),
    ),
    (
        "log an invoice only if the AI extracted a due date, otherwise email ap@acme.io",
        INVOICES,
        other_side(EMAIL, "due_date"),
    ),
    (
        "只有提取到了到期日的发票才记到表格里，其他的发邮件给 ap@acme.io",
        INVOICES,
        other_side(EMAIL, "到期日", "due"),
    ),
    (
        "只有提取到金额的发票才记到表格，其他的发到Slack的#finance",
        INVOICES,
        other_side(SLACK, "金额", "amount"),
    ),
]

# an RSS feed: each post summarised, the summary sent to Telegram
DIGEST: Prior = {
    "name": "Digest",
    "nodes": [
        _n("n1", "TRIGGER", "rss_trigger", {"url": "https://news.example.com/feed"}),
        _named(
            _n("n2", "AI_AGENT", "summarizer", {"input_text": "{{ $json.content }}"}), "Summarise"
        ),
        _named(
            _n("n3", ACT, "telegram_message", {"chat_id": "1", "text": "{{ $json.summary }}"}),
            "Send to Telegram",
        ),
    ],
    "connections": [_c("n1", "n2"), _c("n2", "n3")],
}
SUMMARY: Check = {"ai": "summarize"}
TELEGRAM = svc("telegram")
AS_IS: list[Check] = [
    guard(SUMMARY, "word"),
    {"path_avoiding": {"to": TELEGRAM, "avoid": SUMMARY}},
    {"kept_ids": ["n1", "n2", "n3"]},
    SAT,
]
NOISY: list[Check] = [
    guard(TELEGRAM, "500"),
    svc("notion"),
    {"order": [SUMMARY, svc("notion")]},
    {"kept_ids": ["n1", "n2", "n3"]},
    {"one_ai": True},
    SAT,
]
BANK += [
    # ---- F: a step skipped for short items, which go on as they are ------------------------
    (
        "don't summarise short posts (under 200 words), just send those to Telegram as they are",
        DIGEST,
        AS_IS,
    ),
    (
        "skip the summary for posts under 200 words and send them to Telegram unchanged",
        DIGEST,
        AS_IS,
    ),
    ("短文章（少于200字）不用总结，直接原样发到Telegram", DIGEST, AS_IS),
    ("少于200字的文章不用总结，原样发Telegram就行", DIGEST, AS_IS),
    # ---- G: a remark before a colon, then the skip; the summary named as a thing ------------
    (
        "too much noise: skip posts under 500 characters, and save every summary that goes out"
        " to Notion too",
        DIGEST,
        NOISY,
    ),
    # ---- H: a negated act after "…的，" on a list of domains -------------------------------
    (
        "另外邮箱是qq.com或163.com的，就不用发邮件给我了",
        SIGNUPS,
        [
            guard(EMAIL, "email", "qq.com"),
            {"path_avoiding": {"to": AIRTABLE, "avoid": {"condition_node": True}}},
            {"kept_ids": ["n1", "n2", "n3"]},
            SAT,
        ],
    ),
]

_OPEN: dict[str, str] = {}


# Kept local: this scores the edited prior (check_workflow with the prior), not a new request.
def _failures(text: str, prior: Prior, checks: list[Check]) -> list[str]:
    after = f.edit(Workflow.model_validate({"id": "w", **prior}), text)
    wf = after.model_dump(mode="json")
    out = []
    for check in checks:
        if "one_of_app" in check:  # local: no second step of that service was added
            made = f.app(after, check["one_of_app"])
            if len(made) != 1:
                out.append(f"{check}: {[x.id for x in made]}")
            continue
        if "one_ai" in check:  # local: the summary named as a thing adds no AI step
            ais = [x.id for x in after.nodes if x.type == "AI_AGENT"]
            if len(ais) != 1:
                out.append(f"{check}: {ais}")
            continue
        ok, why = C.check_workflow(wf, check, prior)
        if not ok:
            out.append(f"{check}: {why}")
    return out


@pytest.mark.parametrize(("text", "prior", "checks"), bank_cases(BANK, _OPEN, 48))
def test_editcond11_bank(text: str, prior: Prior, checks: list[Check]) -> None:
    assert _failures(text, prior, checks) == []


def test_bank_size() -> None:
    assert len(BANK) >= 20
    assert sum(1 for t, *_ in BANK if any("\u4e00" <= c <= "\u9fff" for c in t)) >= 10
