"""Exclusive cases bank (round 6, sentences of our own, English and Chinese).

Constructions: exclusive cases a planner tends to build as steps in a row or as unrelated
conditions instead of outputs of one IF or Switch —

* the "otherwise" case said AFTER the main action, as the negation of what that action
  presumes ("look X up and do A; if X can't be found / doesn't exist / has no attachment, do
  B", "找不到…就…", "如果没有附件…", "查不到…就…"): A moves to the other output of B's test;
* "A -> X, B -> Y, rest -> Z" lists by value, with arrows, colons, semicolons or 的-phrases,
  a "nothing" case and an "else / other / 其他" case;
* items an AI step sorts into categories, each category routed to its own action;
* numeric bands on a score an AI step gives ("9 or higher -> …, lower -> …", "7分及以上…，
  7分以下…").
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.planner.bank_cases import bank_cases
from tests.planner.branch_graph import GATES, THINKERS, Graph, only, sound

Check = Callable[[Graph], None]
READS = ("get", "search", "find", "list", "read", "lookup", "execute", "query", "select")
SCORE = ("score", "rating", "评分", "分")
PRIORITY = ("priority", "优先级")
BRANCH = ("branch", "ref", "分支", "main", "release")
AI_APPS = {"openai", "anthropic", "mistral_ai", "google_gemini"}


def _acts(g: Graph, what: str) -> set[str]:
    """Nodes of ``what`` (subtype or app; ``"<app>:<word>"`` keeps those whose parameters
    say ``word``) that do something: no read or lookup of that app."""
    ids = g.find(what)
    acting = {
        i
        for i in ids
        if not str(g.nodes[i].parameters.get("operation", "")).lower().startswith(READS)
    }
    assert acting, (what, {i: g.nodes[i].parameters for i in ids})
    return acting


def parted(*steps: str, field: tuple[str, ...] | None = None) -> Check:
    """One gate (comparing ``field``, when given) sends every step of ``steps`` down an
    output of its own: the steps are exclusive outcomes of one decision."""

    def run(g: Graph) -> None:
        sides = [g.sides_of(_acts(g, s)) for s in steps]
        common = set(sides[0]).intersection(*sides[1:])
        for gid in common:
            outs = [s[gid] for s in sides]
            if len(set(outs)) == len(outs) and (
                field is None or any(f in g.compares(gid) for f in field)
            ):
                return
        raise AssertionError(
            {s: side for s, side in zip(steps, sides, strict=True)}
            | {"compares": {i: g.compares(i) for i in common}}  # type: ignore[dict-item]
        )

    return run


def two_answers(status: str) -> Check:
    """Two webhook responses on different outputs of one gate, ``status`` said by one."""

    def run(g: Graph) -> None:
        marked = g.find(f"webhook_response:{status}")
        others = g.find("webhook_response") - marked
        assert others, g.nodes
        sm, so = g.sides_of(marked), g.sides_of(others)
        assert any(k in so and so[k] != sm[k] for k in sm), (sm, so, g.edges)

    return run


def after_ai(step: str) -> Check:
    """``step`` sits behind a gate that runs after an AI step (it decides on what AI gave)."""

    def run(g: Graph) -> None:
        thinkers = {
            i
            for i, n in g.nodes.items()
            if n.subtype in THINKERS or AI_APPS & {n.subtype, n.parameters.get("app")}
        }
        gates = [k for k in g.sides_of(_acts(g, step)) if g.nodes[k].subtype in GATES]
        assert any(k in g.below(t) for k in gates for t in thinkers), (gates, g.edges)

    return run


def just(*steps: str) -> Check:
    return lambda g: only(g, list(steps))


def each(*checks: Check) -> Check:
    def run(g: Graph) -> None:
        for check in checks:
            check(g)

    return run


BANK: list[tuple[str, str, Check]] = [
    # --- the otherwise case said after the main action, as its negation ------------------------
    (
        "New Typeform order form answers: look the customer up in Pipedrive by email and create "
        "a deal for them; if the person can't be found, email sales@northwind.io so they call "
        "back.",
        "typeform",
        parted("pipedrive", "send_email"),
    ),
    (
        "For every Gmail message labelled 'invoices', upload the attached PDF to Google Drive. "
        "If a message comes without an attachment, send me a Telegram message instead.",
        "gmail",
        parted("google_drive", "telegram", field=("attach", "binary")),
    ),
    (
        "Our website posts an order number to a webhook of ours. Look the order up in "
        "Postgres and respond with its shipping status; when no such order exists respond with "
        "a 404.",
        "webhook",
        two_answers("404"),
    ),
    (
        "When a Calendly meeting is booked, find the invitee in HubSpot and update their "
        "contact's lifecycle stage; if HubSpot doesn't have them, post their name in Slack "
        "#sales.",
        "calendly",
        parted("hubspot", "slack"),
    ),
    (
        "Every new Shopify order: have OpenAI pull the gift message out of the order note and "
        "add it as a row in the 'Gift cards' Google Sheet; if it can't find a gift message, "
        "message the packing team on Discord.",
        "shopify",
        parted("google_sheets", "discord"),
    ),
    # --- the same, in Chinese --------------------------------------------------------------------
    (
        "有人在Typeform提交订单后，在Pipedrive里按邮箱查这个客户，给他建一个交易；找不到这个客户就发邮件给 "
        "sales@abc.cn",
        "typeform",
        parted("pipedrive", "send_email"),
    ),
    (
        "收到发到 invoice@abc.cn 的邮件时，把附件上传到OneDrive；如果邮件没有附件，就回复发件人让他补发",
        "email",
        parted("onedrive", "send_email", field=("attach", "binary", "附件")),
    ),
    (
        "做一个webhook接口，传入会员手机号，在MySQL里查会员积分并返回给调用方；查不到这个会员就返回404",
        "webhook",
        two_answers("404"),
    ),
    (
        "收到Gmail新邮件时，用AI从邮件里提取订单号，在Airtable里更新这条订单的状态；如果提取不到订单号，就在钉钉群里提醒客服",
        "gmail",
        parted("airtable", "dingtalk"),
    ),
    (
        "每当Stripe有新付款，在Notion数据库里找对应的客户记录并更新付款日期，没找到记录就用Telegram通知我",
        "stripe",
        parted("notion", "telegram"),
    ),
    # --- cases listed by value: arrows, colons, a "nothing" and an "else" case ------------------
    (
        "Bitbucket pipeline results hit our webhook. Successful runs: do nothing. Failed on "
        "release: create an Opsgenie alert. Failed anywhere else: send the author a Telegram "
        "message.",
        "webhook",
        each(parted("opsgenie", "telegram", field=BRANCH), just("opsgenie", "telegram")),
    ),
    (
        "When a new Intercom conversation arrives: priority high -> page the on-call person in "
        "PagerDuty; priority medium -> add a Trello card; anything else -> log it in Google "
        "Sheets.",
        "webhook",  # Intercom has no trigger in the catalog: a webhook or a poll starts it
        each(parted("pagerduty", "trello", "google_sheets", field=PRIORITY)),
    ),
    (
        "NPS answers arrive through Typeform. A score of 9 or higher -> add them to the "
        "'Promoters' list in Mailchimp, lower -> create a Freshdesk ticket so support follows up.",
        "typeform",
        parted("mailchimp", "freshdesk", field=SCORE),
    ),
    (
        "Applications arrive through Jotform. Have OpenAI score the resume from 0 to 100. 70 "
        "and above: create a Google Calendar interview. Below that: send a polite no via "
        "SendGrid.",
        "jotform",
        each(parted("google_calendar", "sendgrid", field=SCORE), after_ai("sendgrid")),
    ),
    # --- items an AI step sorts, each category to its own action -------------------------------
    (
        "Classify every new Intercom conversation with AI: billing questions become Zendesk "
        "tickets, feature requests become Trello cards, and partnership inquiries become deals "
        "in Pipedrive.",
        "schedule",  # no Intercom trigger: new conversations are polled
        each(parted("zendesk", "trello", "pipedrive"), after_ai("pipedrive")),
    ),
    (
        "Let AI sort each message that lands in our Outlook shared mailbox: complaints become "
        "Jira issues, invoices are uploaded to OneDrive, and job applications are forwarded to "
        "hr@acme.com.",
        "outlook",
        each(parted("jira", "onedrive", "send_email"), after_ai("jira")),
    ),
    (
        "Use OpenAI to tag every new Typeform answer as praise, complaint or question; praise "
        "goes to the #wins Slack channel, complaints become Asana tasks, and questions get an "
        "email reply.",
        "typeform",
        each(parted("slack", "asana", "send_email"), after_ai("asana")),
    ),
    # --- the same, in Chinese --------------------------------------------------------------------
    (
        "Telegram机器人收到消息：内容是“取消”的，在Airtable里把订单标记为取消；内容是“查询”的，"
        "回一条Telegram消息告诉他订单状态；其他的发邮件给 kefu@abc.cn",
        "telegram",
        each(
            parted("airtable", "telegram", "send_email", field=("text", "content", "内容")),
            just("airtable", "telegram", "send_email"),
        ),
    ),
    (
        "GitHub Actions跑完会调我们的webhook：成功的不用管；main分支失败的在PagerDuty建事件；其他分支失败的在飞书里通知提交人",
        "webhook",
        parted("pagerduty", "feishu", field=BRANCH),
    ),
    (
        "Jotform收到新简历时，让OpenAI给简历打分（1到10分），7分及以上的在Google日历上约面试，7分以下的用SendGrid发婉拒邮件",
        "jotform",
        each(parted("google_calendar", "sendgrid", field=SCORE), after_ai("sendgrid")),
    ),
    (
        "每封发到客服Gmail邮箱的邮件都用AI分类：退款的建Zendesk工单，技术问题的建Jira问题，商务合作的在HubSpot里建联系人",
        "gmail",
        each(parted("zendesk", "jira", "hubspot"), after_ai("hubspot")),
    ),
    (
        "Typeform满意度调查提交后：评分4分以上的加到Mailchimp的好评列表，3分及以下的在Trello建卡片跟进",
        "typeform",
        parted("mailchimp", "trello", field=SCORE),
    ),
    (
        "Shopify有新订单时：配送方式是“自提”的，发钉钉通知门店；配送方式是“快递”的，在Airtable的发货表里加一行；"
        "其他的发邮件给 ops@abc.cn",
        "shopify",
        parted("dingtalk", "airtable", "send_email", field=("ship", "deliver", "配送", "method")),
    ),
    (
        "Zendesk有新工单时：优先级是urgent的在Slack #oncall 里提醒；优先级是low的加到Google Sheets；其他的不用管",
        "zendesk",
        each(parted("slack", "google_sheets", field=PRIORITY), just("slack", "google_sheets")),
    ),
]

_OPEN: dict[str, str] = {
    "Bitbucket pipeline results hit": "cases said as 'label: action' with a compound condition (status and branch) open no branch",
    "Use OpenAI to tag every new Typeform": "'questions get an email reply' is read as an email trigger, so the Typeform answer "
    "becomes a read and the AI clause an OpenAI step",
    "GitHub Actions跑完": "'成功的不用管；main分支失败的…；其他分支失败的…' opens no branch",
    "每封发到客服Gmail邮箱的邮件": "'每封发到客服Gmail邮箱的邮件' is read as a manual start",
}


@pytest.mark.parametrize(("text", "trigger", "check"), bank_cases(BANK, _OPEN, 40))
def test_cases6_bank(text: str, trigger: str, check: Check) -> None:
    g = Graph(text)
    check(g)
    sound(g, trigger)


def test_bank_size() -> None:
    assert len(BANK) >= 24
    assert sum(1 for t, _, _ in BANK if any("\u4e00" <= c <= "\u9fff" for c in t)) >= 12
