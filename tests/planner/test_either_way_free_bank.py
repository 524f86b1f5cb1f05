"""Bank for the fix2-cond round (sentences of our own, written before the fix): a step said to
run "either way" after cases whose steps only write (a message, a row, a record).

The cases pass on the item they were given, so the step after them reads that same item and
runs on every path: the evaluation scores it as running unguarded (no condition before it), or
as one copy on each side. A join fed by every output of the condition it follows is neither.

Each row is scored with the evaluation's own check vocabulary (bench/eval_planner/checks.py).
"""

from __future__ import annotations

import pytest

from tests.planner.bank_cases import bank_cases
from tests.planner.eval_checks import Check, branches, failures, free, svc

MAIL: Check = {
    "any": [
        {"core": ["send_email", "gmail_send"]},
        {"service": ["gmail", "outlook", "microsoft_outlook", "sendgrid"], "verb": "create"},
    ]
}


def every_path(sel: Check) -> Check:
    """``sel`` runs whatever the condition said: unguarded, or one copy on each side."""
    return {"any": [free(sel), branches(sel, sel)]}


SHEETS = svc("google_sheets", "create")
NOTION = svc("notion", "create")
AIRTABLE = svc("airtable", "create")
SLACK = svc("slack", "create")
TELEGRAM = svc("telegram", "create")
DINGTALK = svc("dingtalk", "create")
FEISHU = svc(["feishu", "lark"], "create")
TWILIO = svc("twilio", "create")
TRELLO = svc("trello", "create")
HUBSPOT = svc("hubspot", "create")

BANK: list[tuple[str, list[Check]]] = [
    # ---- English -------------------------------------------------------------------------
    (
        "When a Typeform response arrives: if the score is above 8 post it to Slack #wins, "
        "otherwise email me. Either way add it to the 'Responses' Airtable base.",
        [branches(SLACK, MAIL), every_path(AIRTABLE)],
    ),
    (
        "New Calendly booking: if the invitee left a phone number send them a Twilio SMS, "
        "otherwise email them. Either way log it in Google Sheets.",
        [branches(TWILIO, MAIL), every_path(SHEETS)],
    ),
    (
        "When a Shopify order comes in and the total is over 300, notify Slack #vip; otherwise "
        "send a Telegram message. Regardless, add a row to Google Sheets.",
        [branches(SLACK, TELEGRAM), every_path(SHEETS)],
    ),
    (
        "On a new HubSpot contact: if the country is Germany email sales-de@acme.com, else post "
        "to Slack #leads. In every case save the contact to Notion.",
        [every_path(NOTION)],
    ),
    (
        "When a Stripe refund is created: over 100 post it in Slack #finance, under that send "
        "me a Telegram message. No matter what, log the refund in Airtable.",
        [every_path(AIRTABLE)],
    ),
    (
        "When a Jotform submission comes in, if the budget is over 5000 create a HubSpot deal, "
        "otherwise add a Trello card. Either way, post it to Slack #intake.",
        [branches(HUBSPOT, TRELLO), every_path(SLACK)],
    ),
    (
        "Whenever a GitHub issue is opened: if it has the label 'bug' post it to Slack #bugs, "
        "if not email triage@acme.com. Either way append it to Google Sheets.",
        [every_path(SHEETS)],
    ),
    (
        "When a Zendesk ticket is created: urgent ones go to Slack #oncall, the rest to a Trello "
        "card. Either way add the ticket to my Notion database.",
        [every_path(NOTION)],
    ),
    (
        "When a new WooCommerce order arrives: if the total is above 1000 email the owner, "
        "otherwise do nothing. Either way record it in Airtable.",
        [every_path(AIRTABLE)],
    ),
    (
        "New Mailchimp subscriber: if the email ends with @gmail.com post to Slack, otherwise "
        "send me a Telegram message; either way add them to Google Sheets.",
        [every_path(SHEETS)],
    ),
    # ---- Chinese -------------------------------------------------------------------------
    (
        "Shopify有新订单时，如果金额超过500就在Slack通知，否则发邮件给我，无论如何都记录到谷歌表格",
        [branches(SLACK, MAIL), every_path(SHEETS)],
    ),
    (
        "Typeform收到新回复：评分大于8分发到钉钉群，否则发邮件给我；不管怎样都存到Airtable",
        [branches(DINGTALK, MAIL), every_path(AIRTABLE)],
    ),
    (
        "Stripe有新付款时，金额超过1000就发飞书通知，否则发Telegram消息，无论如何都记到Notion",
        [every_path(NOTION)],
    ),
    (
        "HubSpot有新联系人：如果国家是中国就发邮件给 sales@abc.cn，否则发到Slack；不论如何都加到谷歌表格",
        [every_path(SHEETS)],
    ),
    (
        "Jotform有新提交：预算大于1万就在HubSpot建商机，否则在Trello建卡片，无论如何都发到钉钉群",
        [branches(HUBSPOT, TRELLO), every_path(DINGTALK)],
    ),
    (
        "GitHub有新issue：带bug标签的发到Slack，否则发邮件给 qa@abc.cn；不管怎样都记录到Airtable",
        [every_path(AIRTABLE)],
    ),
    (
        "WooCommerce来新订单，如果金额大于2000就发邮件给老板，无论如何都记到谷歌表格",
        [every_path(SHEETS)],
    ),
    (
        "Calendly有新预约：有手机号的发Twilio短信，没有的发邮件；无论怎样都存到Notion",
        [every_path(NOTION)],
    ),
    (
        "Zendesk有新工单：紧急的发到飞书群，否则在Trello建卡片，无论如何都记到谷歌表格",
        [every_path(SHEETS)],
    ),
    (
        "Mailchimp有新订阅者时，如果邮箱是gmail的就发Slack通知，否则发Telegram；无论结果如何都加到Airtable",
        [every_path(AIRTABLE)],
    ),
]

STILL_OPEN: dict[str, str] = {}


@pytest.mark.parametrize(("text", "checks"), bank_cases(BANK, STILL_OPEN, 60))
def test_either_way_free(text: str, checks: list[Check]) -> None:
    assert not failures(text, checks)
