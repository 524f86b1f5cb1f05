"""Condition-field bank, round 12 (sentences of our own, written before the fix): the action is
guarded, but the condition must compare what the sentence said, not a default field or the
noun the value was said of.

(A) a kind said as "是<value>的<noun>" / "if it's an annual plan": the noun's field against the
value (a billing period, a tier), not ``type``; (B) a money value said of a thing ("the Pro
plan drops below $49", "看的房子500万以上"): that thing's price; (C) "mentions / 写了 / 包含":
a contains test on the text or the named note; (D) "这个字段要是空的" / "if that property is
empty": an emptiness test on the field named in the sentence before; (E) a window said after
the action ("…, but only between 9am and 9pm"): a test on the run's hour; (F) edits: a new
step said of "critical alerts that mention X" sits behind the existing branch and a contains
test; "…, but only between 8am and 10pm" adds an hour test.

Create rows are scored like a request, edit rows on the edited prior, with the evaluation's own
check vocabulary (bench/eval_planner/checks.py)."""

from __future__ import annotations

from typing import Any

import pytest

from flowsmith.core.models import Workflow
from tests.planner import edit_fixtures as f
from tests.planner.bank_cases import bank_cases
from tests.planner.eval_checks import C, Check, failures, guard, svc

Prior = dict[str, Any]
ACT = "EXTERNAL_ACTION"
SAT: Check = {"condition_satisfiable": True}
MAIL: Check = {
    "any": [
        {"core": ["send_email", "gmail_send"]},
        {"service": ["gmail", "outlook", "microsoft_outlook", "sendgrid"], "verb": "create"},
    ]
}
PERIOD = ("interval", "annual", "year", "month", "年", "月")
PRICE = ("price", "价")
HOUR = ("hour", "$now")


def _n(nid: str, kind: str, subtype: str, params: dict[str, Any]) -> dict[str, Any]:
    return {"id": nid, "name": nid, "type": kind, "subtype": subtype, "parameters": params}


def _c(a: str, b: str, out: str = "main") -> dict[str, str]:
    return {"from_node": a, "to_node": b, "from_output": out}


# an alert webhook: critical ones paged on Telegram, the rest posted to Discord
ALERTS: Prior = {
    "name": "Alerts",
    "nodes": [
        _n("n1", "TRIGGER", "webhook_trigger", {"path": "alerts", "method": "POST"}),
        _n(
            "n2",
            "FLOW",
            "if",
            {
                "conditions": [
                    {"left": "{{ $json.level }}", "operator": "equals", "right": "critical"}
                ]
            },
        ),
        _n("n3", ACT, "telegram_message", {"chat_id": "1", "text": "{{ $json.title }}"}),
        _n("n4", ACT, "discord_message", {"channel": "alerts", "text": "{{ $json.title }}"}),
    ],
    "connections": [_c("n1", "n2"), _c("n2", "n3", "true"), _c("n2", "n4", "false")],
}
# a restock watch: every 30 minutes a page check, in stock -> a Slack message
RESTOCK: Prior = {
    "name": "Restock",
    "nodes": [
        _n("n1", "TRIGGER", "schedule_trigger", {"interval": "minutes", "every": 30}),
        _n("n2", "ACTION", "web_page_check", {"url": "https://shop.example.com/gpu"}),
        _n(
            "n3",
            "FLOW",
            "if",
            {"conditions": [{"left": "{{ $json.in_stock }}", "operator": "is_true"}]},
        ),
        _n("n4", ACT, "slack_message", {"channel": "#deals", "text": "{{ $json.url }}"}),
    ],
    "connections": [_c("n1", "n2"), _c("n2", "n3"), _c("n3", "n4", "true")],
}

CREATE: list[tuple[str, list[Check]]] = [
    # ---- A: a kind said as "是<value>的<noun>" -------------------------------------------------
    (
        "Chargebee 有新订阅时在 Notion 记一条；如果是年付的订阅，就在 Slack 的 #finance 说一声",
        [guard(svc("slack"), *PERIOD), {"unguarded": svc("notion")}, SAT],
    ),
    (
        "Paddle来新订阅就把客户加进Brevo列表，要是月付的套餐就再给我发封邮件",
        [guard(MAIL, *PERIOD), {"unguarded": svc("brevo")}, SAT],
    ),
    (
        "When a new Stripe subscription comes in, add the customer to HubSpot and, if it's an "
        "annual plan, send them a thank-you email too",
        [guard(MAIL, *PERIOD), {"unguarded": svc("hubspot")}, SAT],
    ),
    # ---- B: a money value said of a thing --------------------------------------------------------
    (
        "Every morning fetch https://air.example.com/deals, pull the fares out of the html and if "
        "the Lisbon flight drops below $120 ping me on Discord",
        [guard(svc("discord"), *PRICE), SAT],
    ),
    (
        "Scrape https://shop.example.com/gpu every hour; if the RTX card is under $600 send "
        "me a Pushover alert",
        [guard(svc("pushover"), *PRICE), SAT],
    ),
    (
        "有人在Typeform上提交购车意向，看中的车30万以上就在HubSpot建deal，其他的只发邮件给销售",
        [guard(svc("hubspot"), *PRICE), SAT],
    ),
    (
        "客户在Jotform上登记看房意向，想买的房子800万以上就用钉钉通知总监；其他的在Airtable记一条",
        [guard(svc("dingtalk"), *PRICE), SAT],
    ),
    # ---- C: mentions / 写了 / 包含 ---------------------------------------------------------------
    (
        "Calendly有新预约时，备注里写了“加急”的就用Twilio发短信给我",
        [guard(svc("twilio"), "note", "加急"), SAT],
    ),
    (
        "When a Freshdesk ticket is created and its description mentions 'invoice', open an "
        "issue in Jira",
        [guard(svc("jira"), "invoice"), SAT],
    ),
    (
        "Intercom 新对话里包含“退款”的，转给 Zendesk 建工单",
        [guard(svc("zendesk"), "退款"), SAT],
    ),
    # ---- D: "这个字段要是空的" on the field named before -------------------------------------------
    (
        "Pipedrive新建联系人时用Gmail发欢迎邮件，客户邮箱存在联系人的自定义字段里。这个字段要是空的，"
        "就在Trello建张卡片提醒销售补上",
        [guard(svc("trello"), "邮箱", "email"), SAT],
    ),
    (
        "Airtable 新增记录时，负责人的手机号写在自定义字段里。这个字段要是没填，就发钉钉提醒组长",
        [guard(svc("dingtalk"), "手机", "phone"), SAT],
    ),
    (
        "When a HubSpot contact is created, the phone number sits in a custom property. If that "
        "property is empty, create a Todoist task to ask for it",
        [guard(svc("todoist"), "phone"), SAT],
    ),
    # ---- E: a window said after the action -------------------------------------------------------
    (
        "When a Shopify order comes in over $1000, text me through Twilio, but only between "
        "9am and 9pm",
        [guard(svc("twilio"), *HOUR), guard(svc("twilio"), "amount", "total"), SAT],
    ),
    (
        "Zendesk 有新工单时就发企业微信通知，但只在早上9点到晚上6点之间",
        [guard(svc("wecom"), *HOUR), SAT],
    ),
    (
        "When a Typeform response arrives, add it to Airtable and message me on Telegram, "
        "but only between 8am and 8pm",
        [guard(svc("telegram"), *HOUR), SAT],
    ),
]

EDIT: list[tuple[str, Prior, list[Check]]] = [
    # ---- F: a new step under an existing branch and a contains test -------------------------
    (
        "for critical alerts that mention 'payment', also open a Jira issue",
        ALERTS,
        [guard(svc("jira"), "level"), guard(svc("jira"), "payment"), SAT],
    ),
    (
        "and if a critical alert mentions 'disk' create an Opsgenie alert too",
        ALERTS,
        [guard(svc("opsgenie"), "level"), guard(svc("opsgenie"), "disk"), SAT],
    ),
    (
        "for critical alerts also post to Mattermost, and if a critical alert mentions 'disk' "
        "create a ClickUp task too",
        ALERTS,
        [guard(svc("clickup"), "level"), guard(svc("clickup"), "disk"), SAT],
    ),
    (
        "严重告警里要是提到“数据库”，再用钉钉通知DBA",
        ALERTS,
        [guard(svc("dingtalk"), "level"), guard(svc("dingtalk"), "数据库"), SAT],
    ),
    # ---- F: an hour window said after an added step -----------------------------------------
    (
        "also text me through Twilio when it's back in stock, but only between 9am and 11pm",
        RESTOCK,
        [guard(svc("twilio"), *HOUR), {"kept_ids": ["n1", "n2", "n3", "n4"]}, SAT],
    ),
    (
        "有货的时候也给我发个 Telegram 消息，不过只在早上8点到晚上10点之间",
        RESTOCK,
        [guard(svc("telegram"), *HOUR), {"kept_ids": ["n1", "n2", "n3", "n4"]}, SAT],
    ),
]

_OPEN: dict[str, str] = {
    "for critical alerts also post to Mattermost": "two clauses read as one guard: the second "
    "clause's 'mentions' check would also hold back the first clause's step",
}


def _edit_failures(text: str, prior: Prior, checks: list[Check]) -> list[str]:
    after = f.edit(Workflow.model_validate({"id": "w", **prior}), text)
    wf = after.model_dump(mode="json")
    out = []
    for check in checks:
        ok, why = C.check_workflow(wf, check, prior)
        if not ok:
            out.append(f"{check}: {why}")
    return out


@pytest.mark.parametrize(("text", "checks"), bank_cases(CREATE, _OPEN, 48))
def test_condfield12_create(text: str, checks: list[Check]) -> None:
    assert failures(text, checks, ask=False) == []


@pytest.mark.parametrize(("text", "prior", "checks"), bank_cases(EDIT, _OPEN, 48))
def test_condfield12_edit(text: str, prior: Prior, checks: list[Check]) -> None:
    assert _edit_failures(text, prior, checks) == []


def test_bank_size() -> None:
    rows = [t for t, *_ in CREATE] + [t for t, *_ in EDIT]
    assert len(rows) >= 20
    assert sum(1 for t in rows if any("\u4e00" <= c <= "\u9fff" for c in t)) >= 10
