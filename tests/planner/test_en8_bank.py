"""Starts and cases bank (round en8, sentences of our own, English and Chinese).

Constructions:

* a start said as a passive arrival ("demo calls are booked on Calendly", "orders get
  placed on Gumroad") or after a misspelt "when" ("wen someone buys …");
* a titled numbered list ("Onboarding flow:\\n1. a new row shows up in …\\n2. …") whose
  first item is the start;
* an opening sentence that is only a form and its bracketed fields ("Leave request form
  (name, days, reason).");
* a presence test said from the user's side ("if we have their phone number", "有他的
  手机号的") with an otherwise side;
* cases headed by a value and the field it is of ("Critical severity: …", "High priority:
  …", "urgent级别的：…"), with a rest case.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.planner.bank_cases import bank_cases
from tests.planner.branch_graph import APPROVALS, Graph, behind, sound, vetted, ways

Check = Callable[[Graph], None]


def fields(steps: list[str], field: tuple[str, ...]) -> Check:
    return lambda g: ways(g, steps, field)


def on(step: str, field: tuple[str, ...]) -> Check:
    return lambda g: behind(g, step, field)


def free(step: str) -> Check:
    """``step`` runs on every path: no gate output alone leads to it."""

    def run(g: Graph) -> None:
        assert g.sides(step) == {}, g.sides(step)

    return run


def has(step: str) -> Check:
    """Some node of ``step`` is in the graph (``Graph.find`` asserts it)."""

    def run(g: Graph) -> None:
        g.find(step)

    return run


def _ops(g: Graph, app: str) -> list[str]:
    return [str(g.nodes[i].parameters.get("operation", "")).lower() for i in g.find(app)]


def sends(app: str) -> Check:
    """Some node of ``app`` sends (the mailbox a mail goes out from, not one read)."""

    def run(g: Graph) -> None:
        ops = _ops(g, app)
        assert any(o.startswith(("send", "create", "reply")) for o in ops), ops

    return run


def reads(app: str) -> Check:
    """Some node of ``app`` reads (gets, lists, searches)."""

    def run(g: Graph) -> None:
        ops = _ops(g, app)
        assert any(o.startswith(("get", "search", "list", "read")) for o in ops), ops

    return run


def only_on(step: str, other: str) -> Check:
    """Every node of ``step`` sits apart from ``other``: no node of ``step`` is on the output
    ``other`` is on (a step said not to be done in that case is not there)."""

    def run(g: Graph) -> None:
        theirs = g.sides(other)
        for sid in g.find(step):
            mine = g.sides_of({sid})
            assert any(k in theirs and theirs[k] != o for k, o in mine.items()), (mine, theirs)

    return run


def asks(g: Graph) -> None:
    """Some approval step (email, Slack or a review form) is in the graph."""
    found = [i for i, n in g.nodes.items() if n.subtype in APPROVALS]
    assert found, sorted(n.subtype for n in g.nodes.values())


def fortnightly(day: str) -> Check:
    """The schedule runs every two weeks on ``day``."""

    def run(g: Graph) -> None:
        p = g.trigger().parameters
        assert (p.get("interval"), p.get("every"), p.get("weekday")) == ("weeks", 2, day), p

    return run


def each(*checks: Check) -> Check:
    def run(g: Graph) -> None:
        for check in checks:
            check(g)

    return run


PHONE = ("phone", "mobile", "手机", "电话")
SEVERITY = ("severity", "严重")
PRIORITY = ("priority", "优先级")

BANK: list[tuple[str, str, Check]] = [
    # --- a passive arrival or a misspelt "when" opens the request ------------------------------
    (
        "Demo calls are booked on Calendly. For each one create a Zoom meeting and email "
        "the invite to the prospect.",
        "calendly",
        each(has("zoom"), has("send_email")),
    ),
    (
        "Tutoring sessions get scheduled through Calendly; add each one to the 'Sessions' "
        "table in Airtable.",
        "calendly",
        has("airtable"),
    ),
    (
        "wen someone buys on gumroad add them to our mailchimp list",
        "gumroad",
        has("mailchimp"),
    ),
    (
        "wen a new row is added to the Google Sheet, post it in #ops on Slack",
        "google_sheets",
        has("slack"),
    ),
    (
        "有人在Calendly上预约了试听课，就在Zoom建一个会议，再用邮件把链接发给家长",
        "calendly",
        each(has("zoom"), has("send_email")),
    ),
    (
        "Gumroad上有人买了课程，就把他加到ConvertKit的序列里",
        "gumroad",
        has("convertkit"),
    ),
    # --- a titled numbered list whose first item is the start ---------------------------------
    (
        "Onboarding flow:\n1. a new row shows up in the 'Staff' Google Sheet\n2. create a "
        "Notion page for them\n3. email their manager",
        "google_sheets",
        each(has("notion"), free("send_email")),
    ),
    (
        "lead routing:\n1. a new HubSpot contact is created\n2. if the country is Germany, "
        "also post in #dach on Slack\n3. add them to the Mailchimp list",
        "hubspot",
        each(on("slack", ("country",)), free("mailchimp")),
    ),
    (
        "入职流程：\n1. Google表格里新增一行\n2. 在Trello建一张卡片\n3. 发邮件给他的经理",
        "google_sheets",
        each(has("trello"), free("send_email")),
    ),
    (
        "退款处理：\n1. Shopify有新的退款\n2. 记到Airtable的“退款”表\n3. 金额超过500的再发飞书给财务",
        "shopify",
        each(on("feishu", ("amount", "金额")), free("airtable")),
    ),
    # --- an opening sentence that is only a form and its fields -------------------------------
    (
        "Leave request form (name, days, reason). Up to 2 days goes straight into BambooHR; "
        "longer requests get an email to hr@acme.example.",
        "form",
        fields(["bamboohr", "send_email"], ("days",)),
    ),
    (
        "Equipment loan form (name, item, return date). Add every loan to the 'Loans' "
        "Airtable table.",
        "form",
        has("airtable"),
    ),
    (
        "请假申请表单（姓名、天数、原因）。3天以内直接记到Airtable；超过3天的发邮件给 hr@corp.cn",
        "form",
        fields(["airtable", "send_email"], ("天数", "days")),
    ),
    (
        "设备借用表单（姓名、设备、归还日期）。每条都存到飞书多维表格里",
        "form",
        has("feishu"),
    ),
    # --- a presence test said from the user's side, with an otherwise side --------------------
    (
        "Every morning at 8 read today's bookings from Airtable. For each guest: text them "
        "with Twilio if we have their phone number, else email them.",
        "schedule",
        fields(["twilio", "send_email"], PHONE),
    ),
    (
        "When a Typeform is submitted, add the person to HubSpot if we have their email "
        "address, otherwise post their answers in #leads on Slack.",
        "typeform",
        fields(["hubspot", "slack"], ("email",)),
    ),
    (
        "每天早上8点读Airtable里今天的预约。有客人手机号的用Twilio发短信提醒，没有的就发邮件",
        "schedule",
        fields(["twilio", "send_email"], PHONE),
    ),
    (
        "Typeform有人提交问卷时：留了邮箱的加到Mailchimp，没留邮箱的就发到Slack的#leads频道",
        "typeform",
        fields(["mailchimp", "slack"], ("email", "邮箱")),
    ),
    # --- cases headed by a value and its field ------------------------------------------------
    (
        "Our monitor POSTs alerts to a webhook (service, severity, message). Critical "
        "severity: page the on-call engineer through PagerDuty. Anything else: post it in "
        "#alerts on Slack.",
        "webhook",
        fields(["pagerduty", "slack"], SEVERITY),
    ),
    (
        "When a Zendesk ticket is created: High priority: create a Jira issue. Everything "
        "else: add a row to the 'Tickets' Google Sheet.",
        "zendesk",
        fields(["jira", "google_sheets"], PRIORITY),
    ),
    (
        "监控系统会把告警推到webhook（服务、严重程度、内容）。严重程度是critical的：用PagerDuty呼叫值班工程师；"
        "其余的：发到Slack的#alerts频道",
        "webhook",
        fields(["pagerduty", "slack"], SEVERITY),
    ),
    (
        "Zendesk有新工单时：优先级是高的，在Jira建一个issue；其他的记到Google表格“工单”里",
        "zendesk",
        fields(["jira", "google_sheets"], PRIORITY),
    ),
    # --- a named service's operation: mail sent from a mailbox, a table queried for listings --
    (
        "When a Calendly booking is made, email the guest a prep sheet from my Gmail account.",
        "calendly",
        sends("gmail"),
    ),
    (
        "Every Monday at 9 search the 'properties' table in Supabase for listings that went "
        "live last week and post a summary to Slack.",
        "schedule",
        reads("supabase"),
    ),
    (
        "有新的Typeform回复时，用我的Gmail给填表人发一封感谢邮件",
        "typeform",
        sends("gmail"),
    ),
    (
        "每周一早上9点在Supabase的“房源”表里查出上周新上的房源，发到Slack",
        "schedule",
        reads("supabase"),
    ),
    # --- a field named indirectly: a scale a step grades on, a size word its bracket explains --
    (
        "Interview notes come in through a Jotform. Have OpenAI rate each candidate out of "
        "5. 4 or more: add them to the 'Shortlist' Airtable table. Under 4: post them in "
        "#talent on Slack.",
        "jotform",
        fields(["airtable", "slack"], ("score", "rating")),
    ),
    (
        "学生通过Google表单交作文，让AI给每篇打分（满分10分）。8分及以上的发到钉钉群表扬；低于8分的记到Notion",
        "google_forms",
        fields(["dingtalk", "notion"], ("score", "分")),
    ),
    (
        "When a Shopify order is paid: large orders (above $1,000) get a HubSpot deal. Post "
        "every order in #sales on Slack.",
        "shopify",
        each(on("hubspot", ("amount", "total", "price")), free("slack")),
    ),
    (
        "Stripe有新付款时，大额的（超过5000元）在飞书里通知财务，所有付款都记到Google表格里",
        "stripe",
        each(on("feishu", ("amount", "金额")), free("google_sheets")),
    ),
    # --- a step said not to be done, then the one done instead --------------------------------
    (
        "When a Typeform is submitted: if the budget is under 1000, don't email, add them to "
        "the Mailchimp 'Later' list instead. Otherwise email them our pricing deck.",
        "typeform",
        each(fields(["mailchimp", "send_email"], ("budget",)), only_on("send_email", "mailchimp")),
    ),
    (
        "Typeform有人提交时：预算低于1000的别发邮件，改成加到Mailchimp的“以后再联系”列表；其他的发邮件给他们报价单",
        "typeform",
        each(
            fields(["mailchimp", "send_email"], ("budget", "预算")),
            only_on("send_email", "mailchimp"),
        ),
    ),
    # --- an AI step that says whether, then cases headed by the answer -----------------------
    (
        "Check the feed https://news.example.org/rss every hour. AI reads each article and "
        "tells whether it's about a data breach. breach articles go to #security on Slack, "
        "the rest get saved to our Notion reading list.",
        "rss",
        fields(["slack", "notion"], ("category", "breach")),
    ),
    (
        "New Trustpilot reviews: have AI summarise each one and note whether it mentions "
        "shipping. Shipping reviews go to the ops team on Microsoft Teams; anything else "
        "goes into the 'Reviews' Airtable table.",
        "trustpilot",
        fields(["microsoft_teams", "airtable"], ("category", "shipping")),
    ),
    (
        "订阅 https://news.example.cn/rss 的新文章，让AI总结每篇文章并判断是不是讲融资的。融资类的发到飞书群，其他的存到Notion",
        "rss",
        fields(["feishu", "notion"], ("category", "融资")),
    ),
    (
        "每条新的Zendesk工单先让AI判断是不是投诉。投诉的发到钉钉群，不是投诉的记到Google表格里",
        "zendesk",
        fields(["dingtalk", "google_sheets"], ("category", "投诉", "complaint")),
    ),
    # --- an approval said as someone's OK ------------------------------------------------------
    (
        "When a Stripe refund is requested: refunds over $200 need my OK in Slack before "
        "they're processed; smaller ones get a confirmation email straight away.",
        "stripe",
        asks,
    ),
    (
        "Every Friday at 4pm pull this week's Harvest invoices. Anything above 5000 needs "
        "the finance lead's okay by email before it goes to the client.",
        "schedule",
        asks,
    ),
    (
        "每月1号早上8点从Harvest拉上个月的工时生成发票，金额超过一万的要我在Slack里确认一下才发给客户；其余的直接发邮件",
        "schedule",
        asks,
    ),
    (
        "报销单通过Jotform提交。超过2000元的需要财务经理在邮件里点头，同意了才在QuickBooks建bill",
        "jotform",
        asks,
    ),
    # --- a run every other week -----------------------------------------------------------------
    (
        "Every other Monday at 8am pull the open Jira bugs and post a summary to #eng on Slack.",
        "schedule",
        fortnightly("monday"),
    ),
    (
        "Biweekly on Fridays at 4pm, export the Harvest time entries to a Google Sheet.",
        "schedule",
        fortnightly("friday"),
    ),
    (
        "每隔一周的周一早上9点，从Airtable读新员工名单，用飞书给他们发欢迎消息",
        "schedule",
        fortnightly("monday"),
    ),
    (
        "每两周的周五下午5点把Stripe的付款汇总发到钉钉群",
        "schedule",
        fortnightly("friday"),
    ),
    # --- a case that goes straight through, the other needing an approval first --------------
    (
        "When a Jotform expense claim comes in, create a bill in Xero. Claims up to 100 go "
        "straight through; above 100 my manager has to approve by email first.",
        "jotform",
        lambda g: vetted(g, "xero", None, ("amount", "total")),
    ),
    (
        "Typeform收到采购申请后在QuickBooks建bill。500以内的直接建；超过500的要老板先在Slack里审批",
        "typeform",
        lambda g: vetted(g, "quickbooks", None, ("amount", "金额", "total")),
    ),
]

_OPEN: dict[str, str] = {
    "入职流程：": "'Google表格里新增一行' as a list's first item reads as an append to the sheet, "
    "not as its new-row event",
    "Leave request form": "BambooHR is not in the catalog, and 'longer requests get an email to "
    "…' is read as a length=long case",
    "Typeform有人提交问卷时": "'Typeform有人提交问卷时' names no Typeform event, and '留了邮箱的' is "
    "read as a status value",
    "Check the feed https://news.example.org/": "'Check the feed <url> every hour' is a scheduled "
    "HTTP read, and 'AI reads each article' makes no AI step for the question to follow",
    "New Trustpilot reviews": "Trustpilot is not in the catalog (the row names no start the "
    "planner knows)",
    "订阅 https://news.example.cn/rss": "'让AI总结…并判断是不是讲融资的' opens an empty yes/no "
    "case instead of a classifier (and '文章' names Medium)",
    "每月1号早上8点从Harvest拉上个月的工时": "'要我在Slack里确认一下' is no approval word",
    "Typeform收到采购申请后": "'Typeform收到采购申请后' is read as no Typeform event (a manual "
    "start)",
    "报销单通过Jotform提交": "'需要财务经理在邮件里点头' is no approval word, and the Jotform start "
    "is not read from '通过Jotform提交'",
}


def _without_loop_returns(g: Graph) -> Graph:
    """``g`` without the edges that return into a loop from its body: a step on one output
    of a gate inside a loop is on that output alone, though every output goes on to the
    loop's next item."""
    loops = {i for i, n in g.nodes.items() if n.subtype == "loop"}
    g.edges = [(s, o, t) for s, o, t in g.edges if not (t in loops and s in g.below(t))]
    return g


@pytest.mark.parametrize(("text", "trigger", "check"), bank_cases(BANK, _OPEN, 40))
def test_en8_bank(text: str, trigger: str, check: Check) -> None:
    g = _without_loop_returns(Graph(text))
    check(g)
    sound(g, trigger)


def test_bank_size() -> None:
    assert len(BANK) >= 20
    assert sum(1 for t, _, _ in BANK if any("\u4e00" <= c <= "\u9fff" for c in t)) >= 10
