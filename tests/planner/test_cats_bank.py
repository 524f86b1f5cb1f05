"""AI categories and approvals-as-obligation bank (round 4, sentences of our own, EN + ZH).

1. Categories an AI judges, named only in the case clauses ("ask GPT what the email is about:
   invoices → Xero, complaints → Zendesk, the rest → Slack"; "让AI判断…：中文的…，英文的…，
   其他的…"): an AI judgement, then one Switch with an output per category and a fallback; the
   actions sit on their own outputs only.
2. Approvals said as an obligation ("has to be approved by …", "must be signed off by …",
   "需要经理批准后才能…", "要先经过财务审批才…"): an IF on the threshold if one is said, the
   approval on one output with the write on its approved output; the small ones (when said)
   reach the write through no approval.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.planner.bank_cases import bank_cases
from tests.planner.branch_graph import Graph, bypasses, routed, sound, under, vetted, ways

Check = Callable[[Graph], None]
AMOUNT = ("amount", "金额", "total", "price", "value", "cost", "费用")


def each(*checks: Check) -> Check:
    def run(g: Graph) -> None:
        for check in checks:
            check(g)

    return run


def approved_small_straight(step: str) -> Check:
    return each(lambda g: vetted(g, step, None, AMOUNT), lambda g: bypasses(g, step))


BANK: list[tuple[str, str, Check]] = [
    # --- categories judged by an AI, named in the case clauses ----------------------------------
    (
        "When a new email lands in Gmail, ask GPT what the email is about: invoices go to Xero, "
        "complaints become a Zendesk ticket, and the rest is posted to Slack",
        "gmail",
        lambda g: routed(g, ["xero", "zendesk"], "slack", None, after=True),
    ),
    (
        "When a Zendesk ticket is created, have AI classify it: billing ones are posted in the #billing Slack channel, bugs become a "
        "Jira issue, and everything else goes to a Trello card",
        "zendesk",
        lambda g: routed(g, ["slack", "jira"], "trello", None, after=True),
    ),
    (
        "When a new Intercom conversation starts, let AI work out the customer's mood: angry "
        "customers get a PagerDuty incident, happy ones are added to Mailchimp, anything else "
        "is logged in Google Sheets",
        "intercom",
        lambda g: routed(g, ["pagerduty", "mailchimp"], "google_sheets", None, after=True),
    ),
    (
        "When an Outlook email arrives, use AI to detect the language: French ones go to "
        "Microsoft Teams, German ones become a HubSpot ticket, and others are translated with "
        "DeepL and then emailed to me",
        "outlook",
        each(
            lambda g: routed(g, ["microsoft_teams", "hubspot"], "deepl", None, after=True),
            lambda g: under(g, "send_email", "deepl"),
        ),
    ),
    (
        "Every time a Typeform answer comes in, have OpenAI decide the topic — sales questions "
        "go to Pipedrive, support questions to Freshdesk, and other topics to Discord",
        "typeform",
        lambda g: routed(g, ["pipedrive", "freshdesk"], "discord", None, after=True),
    ),
    (
        "收到Gmail新邮件时，让AI判断邮件类型：发票类的记到Xero，投诉类的在Zendesk建工单，其余的发到钉钉群",
        "gmail",
        lambda g: routed(g, ["xero", "zendesk"], "dingtalk", None, after=True),
    ),
    (
        "企业微信收到客户消息后，用AI识别一下意图：咨询价格的转到销售的飞书群，要退款的在Jira建任务，其他的存到Notion",
        "",
        lambda g: routed(g, ["feishu", "jira"], "notion", None, after=True),
    ),
    (
        "Typeform有新回复时，让ChatGPT判断一下情绪：积极的加到Mailchimp，消极的在Freshdesk建工单，中性的写进谷歌表格",
        "typeform",
        # all three moods are named, so each has its own output (no fallback is said)
        lambda g: ways(g, ["mailchimp", "freshdesk", "google_sheets"], None),
    ),
    (
        "收到Outlook邮件时，让AI看看是哪种语言：日文的发到Slack，韩文的发到Discord，其他语言先用DeepL翻译成中文再发到钉钉",
        "outlook",
        each(
            lambda g: routed(g, ["slack", "discord"], "deepl", None, after=True),
            lambda g: under(g, "dingtalk", "deepl"),
        ),
    ),
    (
        "Zendesk有新工单时，叫AI分一下类：技术问题的在Jira建issue，账单问题的在Slack通知财务，剩下的都加到Trello",
        "zendesk",
        lambda g: routed(g, ["jira", "slack"], "trello", None, after=True),
    ),
    # --- approvals said as an obligation -----------------------------------------------------------
    (
        "When a purchase request form is submitted, orders over $2,000 must be signed off by "
        "the CFO by email before they are added to Xero; anything smaller goes straight into Xero",
        "form",
        approved_small_straight("xero"),
    ),
    (
        "When a Jotform expense claim comes in, claims above 300 dollars need to be approved by "
        "my manager in Slack before being recorded in QuickBooks, and smaller ones are recorded "
        "right away",
        "jotform",
        approved_small_straight("quickbooks"),
    ),
    (
        "When a new refund request arrives through the webhook, any refund over 100 has to get "
        "approval from the support lead via Microsoft Teams before we create the refund in "
        "Stripe; refunds of 100 or less are processed directly in Stripe",
        "webhook",
        approved_small_straight("stripe"),
    ),
    (
        "When a Typeform budget request is submitted, requests above 5000 require approval by "
        "the finance director over email before they go into Airtable; smaller ones are added "
        "to Airtable directly",
        "typeform",
        approved_small_straight("airtable"),
    ),
    (
        "收到采购申请表单时，金额超过5000元的需要经理批准后才能记到QuickBooks，5000元以下的直接记到QuickBooks",
        "form",
        approved_small_straight("quickbooks"),
    ),
    (
        "Jotform有新的报销申请时，金额在1000元以上的要先经过财务审批才能写进Airtable，1000元以下的直接写进Airtable",
        "jotform",
        approved_small_straight("airtable"),
    ),
    (
        "收到付款申请的Webhook时，超过2万的必须由老板在钉钉上审批通过后才能在Xero创建账单，其余的直接在Xero创建",
        "webhook",
        approved_small_straight("xero"),
    ),
    (
        "收到请款表单时，金额大于800的得让主管通过邮件批准以后再记到谷歌表格，小于等于800的直接记进去",
        "form",
        approved_small_straight("google_sheets"),
    ),
]

_OPEN: dict[str, str] = {
    "When a new Intercom conversation starts": "trigger reading: 'a new Intercom conversation "
    "starts' reads as a webhook start (the classifier and its Switch are right)",
    "When a new refund request arrives through the webhook": "'any refund over 100' compares "
    "a field 'refund' (not the amount), and an approval 'via Microsoft Teams' has no Teams "
    "channel: it asks by email and posts a Teams message on the approved output",
}


@pytest.mark.parametrize(("text", "trigger", "check"), bank_cases(BANK, _OPEN, 40))
def test_cats_bank(text: str, trigger: str, check: Check) -> None:
    g = Graph(text)
    check(g)
    if trigger:
        sound(g, trigger)
