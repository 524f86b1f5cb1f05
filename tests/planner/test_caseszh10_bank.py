"""Bank for the caseszh10 round (sentences of our own, written before running the planner):
a choice on a form as a condition ("选了X的，再…", "those who picked X"), the other side of a
case said as its own noun ("…，国内的直接…", "domestic ones …"), a kind of the trigger's item
("新建的bug", "a new bug"), a rating ("给了差评的话", "a bad rating"), a flow that stores first
and then branches in two cases, the field a "是<X>的<noun>" condition tests ("是远程办公的员工"),
and an AI step's failure to answer as the other side ("AI答不上来的，转到…").

Each row is scored with the evaluation's own check vocabulary (bench/eval_planner/checks.py)."""

from __future__ import annotations

import pytest

from tests.planner.bank_cases import bank_cases
from tests.planner.eval_checks import Check, branches, failures, free, guard, svc


def kind_test(sel: Check, *words: str) -> Check:
    """The item kind is tested before ``sel`` or named on the trigger itself."""
    return {"any": [guard(sel, "type", *words), {"trigger_node": True, "text": list(words)}]}


MAIL: Check = {
    "any": [
        {"core": ["send_email", "gmail_send"]},
        {"service": ["gmail", "outlook", "microsoft_outlook", "sendgrid"], "verb": "create"},
    ]
}
AI: Check = {"ai": "any"}
SAT: Check = {"condition_satisfiable": True}
HOOK: Check = {"trigger": "webhook"}
NOQ: Check = {"no_question": True}
FEISHU = ["feishu", "lark"]

BANK: list[tuple[str, list[Check]]] = [
    # ---- a choice on a form as a condition ----------------------------------------------------
    (
        "有人提交Tally报名表后发确认邮件给他；选了“需要接机”的，再发Slack给行政安排车",
        [free(MAIL), guard(svc("slack", "create"), "接机"), SAT, NOQ],
    ),
    (
        "客户填写反馈表后，发邮件感谢，再把内容加到Airtable",
        [{"trigger": ["form", "webhook"]}, MAIL, svc("airtable", "create"), NOQ],
    ),
    (
        "When a guest fills out our RSVP form, add them to Airtable",
        [{"trigger": ["form", "webhook"]}, svc("airtable", "create")],
    ),
    (
        "Jotform表单提交时，把数据加到Airtable；勾选了“订阅周报”的，再加到Mailchimp",
        [free(svc("airtable", "create")), guard(svc("mailchimp"), "订阅"), SAT],
    ),
    (
        "When a Typeform response comes in, add it to Airtable; those who picked "
        '"needs parking" also get a Slack message to the office',
        [free(svc("airtable", "create")), guard(svc("slack", "create"), "parking"), SAT],
    ),
    (
        "When someone submits the Tally form, email them a confirmation; anyone who chose "
        '"vegetarian meal" gets posted to Discord for the caterer',
        [free(MAIL), guard(svc("discord", "create"), "vegetarian"), SAT],
    ),
    # ---- the other side said as its own noun --------------------------------------------------
    (
        "Shopify来了新订单，如果是海外订单就在Trello建卡片，国内的直接发到Slack",
        [branches(svc("trello", "create"), svc("slack", "create")), SAT, NOQ],
    ),
    (
        "有新的Stripe付款时，如果是企业客户就在HubSpot建deal，个人客户直接发邮件感谢",
        [branches(svc("hubspot", "create"), MAIL), SAT],
    ),
    (
        "When a Shopify order comes in, if it's an international order create a Trello card, "
        "domestic ones just get posted to Slack",
        [branches(svc("trello", "create"), svc("slack", "create")), SAT],
    ),
    (
        "When a new Typeform lead arrives, if it is a business lead add it to HubSpot; "
        "personal ones just get an email",
        [branches(svc("hubspot", "create"), MAIL), SAT],
    ),
    (
        "Shopify来了新订单，如果是大额订单（金额超过5000）就在Asana建任务，普通的直接发到Slack",
        [branches(svc("asana", "create"), svc("slack", "create")), SAT],
    ),
    (
        "When a Shopify order comes in, if it's an international order (shipping country is not "
        "US) create a Trello card, domestic ones just get posted to Slack",
        [branches(svc("trello", "create"), svc("slack", "create")), SAT],
    ),
    # ---- a kind of the trigger's item ----------------------------------------------------------
    ("Jira里新建的bug都发到Slack的#bugs频道", [kind_test(svc("slack", "create"), "bug")]),
    ("GitHub上有人开了新的bug，就在Linear建个issue", [kind_test(svc("linear", "create"), "bug")]),
    (
        "When a new bug is created in Jira, open a GitLab issue",
        [kind_test(svc("gitlab", "create"), "bug")],
    ),
    ("Copy every new Jira bug to Trello as a card", [kind_test(svc("trello", "create"), "bug")]),
    # ---- a rating -----------------------------------------------------------------------------
    (
        "客户在Typeform反馈表里给了差评的话，就在Jira建个任务",
        [guard(svc("jira", "create"), "rating", "评", "score"), SAT],
    ),
    (
        "顾客在Jotform里打了低分的话，用Slack通知店长",
        [guard(svc("slack", "create"), "rating", "评", "score", "分"), SAT],
    ),
    (
        "When a customer gives a bad rating in the Typeform survey, create a ClickUp task",
        [guard(svc("clickup", "create"), "rating", "score", "bad"), SAT],
    ),
    (
        "Help Scout里客户给了好评，就在Slack感谢团队",
        [
            {"trigger": "app_event", "app": "help_scout", "event_like": ["satisfaction", "rating"]},
            guard(svc("slack", "create"), "rating"),
            SAT,
        ],
    ),
    (
        "When a customer leaves a bad rating in Help Scout, open a Zendesk ticket",
        [
            {"trigger": "app_event", "app": "help_scout", "event_like": ["satisfaction", "rating"]},
            guard(svc("zendesk", "create"), "rating"),
            SAT,
        ],
    ),
    # ---- store first, then two cases -----------------------------------------------------------
    (
        "收到webhook后先存进Airtable；金额超过1000的发到Slack让销售跟进；1000以内的直接调 "
        "https://api.example.com/price 算价，再发邮件给客户",
        [
            HOOK,
            free(svc("airtable", "create")),
            branches(svc("slack", "create"), {"core": "http_request", "text": "example.com"}),
            {"order": [{"core": "http_request", "text": "example.com"}, MAIL]},
            SAT,
        ],
    ),
    (
        "Parcel orders hit our webhook. First save each one to Supabase; orders heavier than "
        "20 kg go to the Slack sales channel; lighter ones call https://api.example.org/rate "
        'and then email the quote to the customer. Finally respond to the webhook with {"ok": true}',
        [
            HOOK,
            free(svc("supabase", "create")),
            branches(svc("slack", "create"), {"core": "http_request", "text": "example.org"}),
            {"core": "webhook_response"},
            SAT,
        ],
    ),
    (
        "我们是一家卖咖啡豆的小店。Shopify有新订单时，先存进Airtable；金额超过500的发Slack给老板；"
        "500以下的直接发邮件感谢",
        [free(svc("airtable", "create")), branches(svc("slack", "create"), MAIL), SAT],
    ),
    (
        "Typeform收到团体报名，人数超过10的发邮件给销售；10以内的直接加到Google表格",
        [branches(MAIL, svc("google_sheets", "create")), SAT],
    ),
    (
        '收到webhook后存进Notion，最后给webhook回一个 {"ok": true}',
        [HOOK, svc("notion", "create"), {"core": "webhook_response"}],
    ),
    (
        "We are a small coffee roasting business. When a Shopify order comes in, add it to "
        "Airtable",
        [free(svc("airtable", "create"))],
    ),
    # ---- the field a "是<X>的<noun>" condition tests -------------------------------------------
    (
        "Typeform提交新员工信息后，在Slack发欢迎；如果是远程办公的员工，再用Gmail发邮件确认地址",
        [free(svc("slack", "create")), guard(svc("gmail", "create"), "远程"), SAT],
    ),
    (
        "有新的HubSpot联系人时，如果是海外的客户，就加到Mailchimp",
        [guard(svc("mailchimp"), "海外"), SAT],
    ),
    (
        "When the Jotform onboarding form is submitted, post in Microsoft Teams; if it's a "
        "remote employee, send a Mailgun email about the laptop",
        [free(svc("microsoft_teams", "create")), guard(svc("mailgun", "create"), "remote"), SAT],
    ),
    # ---- an AI step's failure to answer as the other side -------------------------------------
    (
        "Telegram收到消息时用AI回答常见问题；AI回答不了的，转到Slack客服频道",
        [
            AI,
            {"order": [AI, svc("telegram", "create")]},
            branches(svc("telegram", "create"), svc("slack", "create")),
            NOQ,
        ],
    ),
    (
        "WhatsApp来消息时让AI自动回复；AI答不上来的，发到飞书群让人工处理",
        [AI, branches(svc("whatsapp", "create"), svc(FEISHU, "create")), NOQ],
    ),
    (
        "Telegram收到消息时用AI自动回复常见问题；AI回答不了的，转到Slack客服频道",
        [
            AI,
            {"order": [AI, svc("telegram", "create")]},
            branches(svc("telegram", "create"), svc("slack", "create")),
            NOQ,
        ],
    ),
    (
        "WhatsApp收到新消息时，用AI自动回复客户；要是AI答不出来，就发到飞书群让人工处理",
        [AI, branches(svc("whatsapp", "create"), svc(FEISHU, "create")), NOQ],
    ),
    (
        "收到新邮件时，用AI回答客户的问题",
        [{"trigger": ["email", "app_event"]}, AI, {"order": [AI, MAIL]}, NOQ],
    ),
    (
        "When a WhatsApp message comes in, use AI to answer common questions; if the AI can't "
        "answer, forward it to the Slack support channel",
        [AI, branches(svc("whatsapp", "create"), svc("slack", "create"))],
    ),
    (
        "When a Telegram message arrives, let AI reply to it; questions the AI cannot answer "
        "go to a Discord channel for a human",
        [AI, branches(svc("telegram", "create"), svc("discord", "create"))],
    ),
]

_OPEN: dict[str, str] = {
    "WhatsApp来消息时让AI": "'WhatsApp来消息时' is not read as the chat's message trigger",
}


@pytest.mark.parametrize(("text", "checks"), bank_cases(BANK, _OPEN, 48))
def test_caseszh10_bank(text: str, checks: list[Check]) -> None:
    assert failures(text, checks) == []


def test_bank_size() -> None:
    assert len(BANK) >= 20
    assert sum(1 for t, _ in BANK if any("\u4e00" <= c <= "\u9fff" for c in t)) >= 10
