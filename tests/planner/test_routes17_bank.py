"""Routes17 bank (own sentences, written before the fix): routing by a field's value or range
into several branches, and one-sided exceptions.

(A) a field said once in a heading before its values ("route it by department: 'sales' -> …,
'support' -> …, anything else -> …", "看选的是哪个门店：朝阳店就…，海淀店就…，其余的都…"): one
case per value and the rest as the last; (B) numeric ranges as case heads with no arrow or
colon ("rating 1-4 create …, 5-7 add …, 8-10 post …", "0-6分的…，7-8分的…"); (C) "…, unless
they answered No to X" / "除非…": the step said before it is guarded; (D) "X; if <field> is
empty, Y instead" / "…就改成…": X and Y on the two sides of one check; (E) a read said before
the two sides ("look up … in the sheet: if …, if …"); (F) "AI sorts it into a / b / c -> …".

Each row is a request and checks in the evaluation's own vocabulary
(bench/eval_planner/checks.py)."""

from __future__ import annotations

import pytest

from tests.planner.bank_cases import bank_cases
from tests.planner.eval_checks import Check, branches, failures, guard, order, svc

MAIL: Check = {"any": [{"core": ["send_email", "gmail_send"]}, svc("gmail", "create")]}
OK: Check = {"condition_satisfiable": True}


def n(k: int) -> Check:
    return {"branch_count": {"min": k}}


BANK: list[tuple[str, list[Check]]] = [
    # ---- (A) a field heading before its values, English ---------------------------------------
    (
        "When a Jotform submission arrives, sort it by department: 'sales' -> create a HubSpot "
        "deal, 'support' -> open a Zendesk ticket, anything else -> email office@acme.io",
        [n(3), branches(svc("hubspot", "create"), svc("zendesk", "create"), MAIL), OK],
    ),
    (
        "New Typeform entry. Split them by region: 'north' -> post to Slack #north, 'south' -> "
        "create a record in Airtable, everything else -> create a Trello card",
        [n(3), branches(svc("slack", "create"), svc("airtable", "create"), svc("trello")), OK],
    ),
    (
        "When a Shopify order comes in, route it by shipping method: 'express' -> send an SMS "
        "with Twilio, 'pickup' -> create a task in Asana, anything else -> post to Discord",
        [n(3), branches(svc("twilio"), svc("asana", "create"), svc("discord")), OK],
    ),
    # ---- (A) Chinese: 看…是哪个X：A就…，B就…，其余的都… ------------------------------------------
    (
        "表单提交后，看选的是哪个门店：朝阳店就发钉钉给朝阳店长，海淀店就发给海淀店长，其余的都发到总部的钉钉群",
        [n(3), guard(svc("dingtalk"), "门店", "store"), OK],
    ),
    (
        "Shopify有新订单时，看用的是哪个快递：顺丰就发飞书消息，京东就加一条Notion记录，其余的都发邮件给ops@shop.cn",
        [n(3), branches(svc(["lark", "feishu"]), svc("notion", "create"), MAIL), OK],
    ),
    (
        "Typeform有新回复时，看报的是哪个课程：钢琴就发企业微信给王老师，吉他就发给刘老师，其余的都发到教务的企业微信群",
        [n(3), guard(svc(["wecom", "wechat_work"]), "课程", "course"), OK],
    ),
    # ---- (B) numeric ranges as case heads ------------------------------------------------------
    (
        "When a Typeform response comes in: rating 1-4 create a Zendesk ticket, 5-7 add a row "
        "in Google Sheets, 8-10 post to Slack #wins",
        [n(3), branches(svc("zendesk", "create"), svc("google_sheets"), svc("slack")), OK],
    ),
    (
        "For each new Jotform submission: score 0-5 open a Jira issue, 6-8 just log it in "
        "Airtable, 9-10 add them to HubSpot",
        [n(3), branches(svc("jira", "create"), svc("airtable"), svc("hubspot")), OK],
    ),
    (
        "Every new Google Forms response: age 18-25 add them to Mailchimp, 26-40 create a "
        "HubSpot contact",
        [branches(svc("mailchimp"), svc("hubspot")), guard(svc("mailchimp"), "age"), OK],
    ),
    (
        "每次收到Typeform评分：0-6分的开一个Zendesk工单，7-8分的记到Google表格，9-10分的加到Mailchimp",
        [n(3), branches(svc("zendesk"), svc("google_sheets"), svc("mailchimp")), OK],
    ),
    (
        "Jotform有新提交时：分数1-3的发钉钉给客服主管，4-7的记到Airtable，8-10的发邮件感谢",
        [n(3), guard(svc("dingtalk"), "分数", "score"), OK],
    ),
    # ---- (C) one-sided exceptions -------------------------------------------------------------
    (
        "When the 'Dinner RSVP' Google Form is submitted, add the guest to our Mailchimp list, "
        "unless they answered No to coming",
        [guard(svc("mailchimp"), "com", "no", "yes"), OK],
    ),
    (
        "When a Typeform is submitted, create a HubSpot contact for them, unless they said No "
        "to marketing emails",
        [guard(svc("hubspot", "create"), "marketing", "no", "yes"), OK],
    ),
    (
        "Jotform提交后，给他们建一个Google日历邀请，除非他们回答不参加",
        [guard(svc("google_calendar", "create"), "参加", "attend"), OK],
    ),
    (
        "每次有新的Typeform回复，把人加到Mailchimp，除非他们选了不订阅",
        [guard(svc("mailchimp"), "订阅", "subscri"), OK],
    ),
    # ---- (D) "… instead": the other side of the check ------------------------------------------
    (
        "New Jotform submission: Slack DM the manager they picked; if they left 'manager' "
        "blank, post in #hr instead.",
        [branches(svc("slack"), svc("slack")), OK],
    ),
    (
        "When a Typeform comes in, text the customer with Twilio; if the phone number is "
        "empty, email them instead.",
        [branches(svc("twilio"), MAIL), OK],
    ),
    (
        "When a new Calendly booking comes in, email the host; if the host field is empty, "
        "post in Slack #bookings instead.",
        [branches(MAIL, svc("slack")), OK],
    ),
    (
        "收到新的Shopify订单后，用Twilio给客户发短信；如果手机号是空的，就改成发邮件",
        [branches(svc("twilio"), MAIL), OK],
    ),
    (
        "表单提交后，给填的负责人发钉钉；如果负责人没填，就改成发到行政的钉钉群",
        [branches(svc("dingtalk"), svc("dingtalk")), OK],
    ),
    # ---- (E) a read before the two sides -------------------------------------------------------
    (
        "When a webhook comes in, look up the room in our 'Rooms' Airtable: if it's free email "
        "the guest a confirmation, if it's taken email them a sorry note",
        [order(svc("airtable", "read"), MAIL), OK],
    ),
    (
        "网页表单(webhook)提交后，去'库存'Google表格里查一下这个商品：有货就给客户发确认邮件，没货就发邮件说抱歉",
        [order(svc("google_sheets", "read"), MAIL), OK],
    ),
    # ---- (F) AI sorts into categories, then one step per category -------------------------------
    (
        "New Gmail message -> AI sorts it into invoice / complaint / other -> invoices go to "
        "QuickBooks, complaints get forwarded to support@acme.io, other is ignored",
        [{"ai": "classify"}, branches(svc("quickbooks"), MAIL)],
    ),
    (
        "新邮件 -> AI分成 报价 / 投诉 / 其他 -> 报价的建HubSpot交易，投诉的转发给support@acme.io，其他的忽略",
        [{"ai": "classify"}, branches(svc("hubspot"), MAIL)],
    ),
]

_OPEN: dict[str, str] = {
    "每次收到Typeform评分：": "a Chinese start closed by a colon alone (no 后/时) takes the first "
    "case's clause into the trigger's words (trigger reading, not the range cases)",
}


@pytest.mark.parametrize(("text", "checks"), bank_cases(BANK, _OPEN, 48))
def test_routes17_bank(text: str, checks: list[Check]) -> None:
    assert failures(text, checks) == []


def test_bank_size() -> None:
    assert len(BANK) >= 20
    assert sum(1 for t, _ in BANK if any("\u4e00" <= c <= "\u9fff" for c in t)) >= 10
