"""Step chains bank (sentences of our own, English and Chinese).

Constructions: numbered or arrow chains keep their order and their data flow (a last step that
uses both earlier results sits downstream of both); an AI step said with a verb after
"AI/GPT/Claude" ("GPT translates …", "让Claude总结", "AI提取…") is always built, before the step
that uses its output; "<subset> need X to approve … before <step>" puts an approval on that
subset's branch alone, before the step, the others going straight through (also when the
approval is added after the step was said); a wait relative to a date field ("1 hour before
the meeting", "会议开始前2小时") sits before the step it delays; an arrow chain with a wait keeps
the wait between its neighbours; "read X, create each in Y" creates in Y (no read of Y).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.planner.bank_cases import bank_cases
from tests.planner.branch_graph import Graph, bypasses, sound, under, vetted

Check = Callable[[Graph], None]
AMOUNT = ("amount", "金额", "total", "price", "value", "subtotal")
AI_KINDS = (
    "llm_chat",
    "information_extractor",
    "ai_agent",
    "sentiment_analysis",
    "text_classifier",
    "summarize",
    "extract",
)
AI_APPS = ("openai", "anthropic", "google_gemini", "mistral", "deepseek")


def each(*checks: Check) -> Check:
    def run(g: Graph) -> None:
        for check in checks:
            check(g)

    return run


def has(step: str) -> Check:
    return lambda g: g.find(step) and None


def after(step: str, above: str) -> Check:
    """A node of ``step`` is reached from a node of ``above``."""
    return lambda g: under(g, step, above)


def _ai(g: Graph) -> set[str]:
    return {
        i
        for i, n in g.nodes.items()
        if n.subtype in AI_KINDS or n.subtype in AI_APPS or n.parameters.get("app") in AI_APPS
    }


def ai_before(step: str) -> Check:
    """An AI step exists and ``step`` runs after it."""

    def run(g: Graph) -> None:
        asks = _ai(g)
        assert asks, sorted((i, n.subtype) for i, n in g.nodes.items())
        assert any(g.find(step) & g.below(a) for a in asks), (step, g.edges)

    return run


def _ops(g: Graph, app: str) -> list[str]:
    return [
        str(n.parameters.get("operation", "")).lower()
        for n in g.nodes.values()
        if app in (n.subtype, n.parameters.get("app"))
    ]


def writes(app: str, *prefixes: str) -> Check:
    """``app`` has a node whose operation starts with one of ``prefixes`` and none reading."""

    def run(g: Graph) -> None:
        ops = _ops(g, app)
        assert any(o.startswith(prefixes) for o in ops), (app, ops)
        assert not [o for o in ops if o.startswith(("get", "read", "search", "list"))], ops

    return run


def gated(step: str) -> Check:
    """An approval on the big-amount branch before ``step``; another path skips it."""
    return each(lambda g: vetted(g, step, None, AMOUNT), lambda g: bypasses(g, step))


def waits_before(step: str) -> Check:
    return each(has("wait"), after(step, "wait"))


BANK: list[tuple[str, str, Check]] = [
    # --- numbered steps, the last using both earlier results -------------------------------
    (
        "When a Webflow form is submitted: 1) create a contact in HubSpot 2) open an Asana "
        "task for the sales team 3) post both links to our Discord #leads channel",
        "form",  # the catalog has no Webflow: its form is a form trigger
        each(after("discord", "hubspot"), after("discord", "asana")),
    ),
    (
        "Each new Airtable record: (1) create a Google Calendar event (2) create a Zoom "
        "meeting (3) email the attendee both links via Gmail",
        "airtable",
        each(after("gmail", "google_calendar"), after("gmail", "zoom")),
    ),
    (
        "有新的Typeform问卷回复时：1）在Notion里建一条记录 2）在Trello建一张卡片 "
        "3）把这两个链接发到钉钉群里",
        "typeform",
        each(after("dingtalk", "notion"), after("dingtalk", "trello")),
    ),
    # --- an AI step said with a verb after AI/GPT/Claude -----------------------------------
    (
        "new Shopify order -> AI writes a personal thank-you note -> send it with Postmark -> "
        "log the order in Notion",
        "shopify",  # the catalog has no Postmark: an HTTP request named for it
        each(ai_before("http_request:postmark"), after("notion", "http_request:postmark")),
    ),
    (
        "Whenever a Zendesk ticket is created, have Claude summarize it, then post the summary "
        "in Slack #support",
        "zendesk",
        ai_before("slack"),
    ),
    (
        "New row in the Google Sheet 'Requests' → GPT translates the note into English → "
        "create a Jira issue with it",
        "google_sheets",
        each(ai_before("jira"), writes("jira", "create")),
    ),
    (
        "Shopify有新订单 → AI写一封感谢信 → 用SendGrid发给客户 → 记到Airtable的“订单”表",
        "shopify",
        each(ai_before("sendgrid"), after("airtable", "sendgrid")),
    ),
    (
        "GitHub上有新issue → 让Claude总结一下 → 发到Slack的#dev频道",
        "github",
        ai_before("slack"),
    ),
    (
        "Gmail收到发票邮件 → AI提取金额和日期 → 写进Google表格的“发票”表",
        "gmail",
        each(ai_before("google_sheets"), writes("google_sheets", "append", "create")),
    ),
    # --- an approval on one subset's branch before a write ---------------------------------
    (
        "When a Typeform expense claim comes in, claims above $300 need my manager to okay it "
        "in Slack before we record it in QuickBooks as a bill; the rest get recorded in "
        "QuickBooks right away.",
        "typeform",
        each(gated("quickbooks"), writes("quickbooks", "create")),
    ),
    (
        "有人在Typeform上提交采购申请时，金额超过5000元的要老板在Slack里审批后才能在Xero里建账单，"
        "5000以下的直接建",
        "typeform",
        each(gated("xero"), writes("xero", "create")),
    ),
    (
        "Shopify订单取消时，在Airtable里删掉这条订单记录，然后发Slack告诉仓库。订单金额超过三千的，"
        "删除之前先让店长邮件审批",
        "shopify",
        each(gated("airtable"), after("slack", "airtable")),
    ),
    # --- waits relative to a date field, waits in an arrow chain ---------------------------
    (
        "When someone books a demo in Calendly, 1 hour before the meeting send them a Twilio "
        "SMS reminder",
        "calendly",
        waits_before("twilio"),
    ),
    (
        "客户在Calendly预约后，在会议开始前2小时用Twilio给他发短信提醒",
        "calendly",
        waits_before("twilio"),
    ),
    (
        "new Stripe customer -> add them to our Brevo 'Customers' list -> wait 3 days -> send a "
        "feedback survey via Mailgun",
        "stripe",
        each(after("wait", "brevo"), after("mailgun", "wait")),
    ),
    (
        "有人在Webflow表单注册 → 加进Mailchimp的“新用户”受众 → 等3天 → 用Postmark发一封使用指南",
        "form",
        each(after("wait", "mailchimp"), after("http_request:postmark", "wait")),
    ),
    # --- read X, create each in Y ----------------------------------------------------------
    (
        "I'll run it by hand: read the customer list from the Airtable 'Clients' table, create "
        "each one as a customer in Stripe, then add them to the Mailchimp 'Clients' audience",
        "manual",
        each(writes("stripe", "create"), after("stripe", "airtable")),
    ),
    (
        "我手动跑一次：读Google表格里的客户名单，逐个在HubSpot里建联系人，再把他们加进Brevo的“客户”列表",
        "manual",
        each(writes("hubspot", "create", "upsert"), after("hubspot", "google_sheets")),
    ),
]

STILL_OPEN: dict[str, str] = {}


@pytest.mark.parametrize(("text", "trigger", "check"), bank_cases(BANK, STILL_OPEN, 40))
def test_chain_keeps_order_ai_and_approvals(text: str, trigger: str, check: Check) -> None:
    g = Graph(text)
    check(g)
    sound(g, trigger)
