"""Create-request bank, round 3 (sentences of our own, English and Chinese).

Constructions:

* a trigger whose own words filter the items (a sender, a list, a label) followed by a case
  of its own ("if …, otherwise …", an AI's yes/no with "X ones …; the rest …", category
  heads): the case nests inside the trigger's filter; its other side is the case's, never the
  filter's false output;
* the trigger's filter with a plain "otherwise" and no other case: the filter's own other
  side;
* an "otherwise" clause that says "mark it approved" after an approval case: a plain step on
  the other output, no second approval;
* a form whose date is chosen on a weekend or a weekday ("选周末的…，选工作日的…"): two cases
  on that date.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.planner.bank_cases import bank_cases
from tests.planner.branch_graph import YES, Graph, sound

Check = Callable[[Graph], None]
READS = ("get", "search", "find", "list", "read", "lookup", "select")


def _acts(g: Graph, what: str) -> set[str]:
    """Nodes of ``what`` that write (no read or lookup of that app)."""
    ids = g.find(what)
    acting = {
        i
        for i in ids
        if not str(g.nodes[i].parameters.get("operation", "")).lower().startswith(READS)
    }
    assert acting, (what, {i: g.nodes[i].parameters for i in ids})
    return acting


def _says(g: Graph, gid: str, words: tuple[str, ...]) -> bool:
    text = str(g.nodes[gid].parameters).lower()
    return any(w.lower() in text for w in words)


def apart(*steps: str, says: tuple[str, ...] | None = None) -> Check:
    """One gate (whose parameters say one of ``says``) puts the writing nodes of each of
    ``steps`` on an output of its own."""

    def run(g: Graph) -> None:
        sides = [g.sides_of(_acts(g, s)) for s in steps]
        for gid in set(sides[0]).intersection(*sides[1:]):
            outs = [s[gid] for s in sides]
            if len(set(outs)) == len(outs) and (says is None or _says(g, gid, says)):
                return
        gates = {k: n.parameters for k, n in g.nodes.items() if n.subtype in ("if", "switch")}
        raise AssertionError({"sides": sides, "gates": gates})

    return run


def filtered(*steps: str, says: tuple[str, ...]) -> Check:
    """Every one of ``steps`` sits on the passing output of the trigger's filter (a gate
    whose parameters say one of ``says``): items the filter drops reach none of them."""

    def run(g: Graph) -> None:
        for step in steps:
            sides = g.sides_of(_acts(g, step))
            assert any(o in YES and _says(g, k, says) for k, o in sides.items()), (
                step,
                {k: (o, g.nodes[k].parameters) for k, o in sides.items()},
            )

    return run


def gated(step: str, says: tuple[str, ...]) -> Check:
    """``step`` sits on a passing output of a gate whose parameters say one of ``says``."""

    def run(g: Graph) -> None:
        sides = g.sides_of(_acts(g, step))
        assert any(o in YES and _says(g, k, says) for k, o in sides.items()), {
            k: (o, g.nodes[k].parameters) for k, o in sides.items()
        }

    return run


def approvals(n: int) -> Check:
    """Exactly ``n`` approval steps."""

    def run(g: Graph) -> None:
        got = [i for i, x in g.nodes.items() if x.subtype.startswith("approval")]
        assert len(got) == n, got

    return run


def made(subtype: str) -> Check:
    """Some node is of ``subtype``."""

    def run(g: Graph) -> None:
        assert any(n.subtype == subtype for n in g.nodes.values()), sorted(g.nodes)

    return run


def each(*checks: Check) -> Check:
    def run(g: Graph) -> None:
        for check in checks:
            check(g)

    return run


BANK: list[tuple[str, str, Check]] = [
    # --- a case of its own inside the trigger's filter ----------------------------------------
    (
        "When an email arrives from invoices@supplier.example, if the subject mentions "
        "'overdue' post it to Slack #finance, otherwise save the attachment to Google Drive.",
        "email",
        each(
            apart("slack", "google_drive", says=("overdue",)),
            filtered("slack", "google_drive", says=("supplier",)),
        ),
    ),
    (
        "Whenever a Trello card moves to the 'Review' list: if it has the label 'bug', open a "
        "Jira issue; otherwise just post it to Microsoft Teams.",
        "trello",
        apart("jira", "microsoft_teams", says=("bug",)),
    ),
    (
        "Results come in by email from lab@clinic.example. Let AI extract the sample id and "
        "whether the result is positive. Positive ones become a Zendesk ticket; negative ones "
        "go to Airtable.",
        "email",
        each(
            apart("zendesk", "airtable", says=("positive",)),
            made("information_extractor"),
            filtered("zendesk", "airtable", says=("clinic",)),
        ),
    ),
    (
        "When a GitHub issue gets the label 'bug', ask AI whether it looks like a security "
        "problem. Security ones open a PagerDuty incident, the rest go to Linear.",
        "github",
        apart("pagerduty", "linear", says=("security",)),
    ),
    (
        "When mail from orders@shop.example comes in, have OpenAI decide whether the customer "
        "wants a refund. Refund ones go to Zendesk as a ticket; everything else gets logged "
        "in Google Sheets.",
        "email",
        each(
            apart("zendesk", "google_sheets", says=("refund",)),
            filtered("zendesk", "google_sheets", says=("shop",)),
        ),
    ),
    (
        "When an email from alerts@monitor.example lands in the inbox, classify it with AI: "
        "outage ones page on-call through PagerDuty, billing ones become a Jira issue, "
        "anything else goes to Slack #ops.",
        "email",
        each(
            apart("pagerduty", "jira", "slack", says=("outage", "billing", "category")),
            filtered("pagerduty", "jira", "slack", says=("monitor",)),
        ),
    ),
    (
        "When a card lands in the 'Done' list in Trello, check if the due date has passed; "
        "if so email the owner at pm@team.example, if not post a note to Discord.",
        "trello",
        apart("send_email", "discord", says=("due",)),
    ),
    (
        "收到 hr@company.example 发来的邮件时，如果标题里有“简历”，就把附件存到OneDrive，否则转发到飞书群",
        "email",
        each(
            apart("onedrive", "feishu", says=("简历",)),
            filtered("onedrive", "feishu", says=("company",)),
        ),
    ),
    (
        "每当Trello卡片被移到“待审核”列表时，让AI判断是否涉及付款。涉及付款的在Jira建任务，其他的发到钉钉群",
        "trello",
        apart("jira", "dingtalk", says=("付款",)),
    ),
    (
        "GitHub的issue被打上bug标签时，如果优先级是高，就用Twilio发短信给我，否则记到Notion里",
        "github",
        apart("twilio", "notion", says=("优先级", "priority", "高")),
    ),
    (
        "来自 billing@vendor.example 的邮件到了以后，让AI提取发票号以及是否已经逾期。逾期的在Zendesk建工单；"
        "其余的追加到Google表格",
        "email",
        each(
            apart("zendesk", "google_sheets", says=("逾期",)),
            made("information_extractor"),
            filtered("zendesk", "google_sheets", says=("vendor",)),
        ),
    ),
    (
        "来自 ops@factory.example 的邮件进来时，用AI判断一下类型：故障类的发企业微信，采购类的在Airtable记一笔，其他的转给钉钉",
        "email",
        each(
            apart("wecom", "airtable", "dingtalk", says=("故障", "采购", "category")),
            filtered("wecom", "airtable", "dingtalk", says=("factory",)),
        ),
    ),
    (
        "当Trello卡片移到“已完成”列表时，先发一条Slack消息；如果卡片有“客户”标签，再在HubSpot里记一条备注，"
        "否则在Notion里记一下",
        "trello",
        apart("hubspot", "notion", says=("客户",)),
    ),
    (
        "每封从 ceo@acme.example 发来的邮件：如果里面提到“合同”，就存到Google Drive，不然就用Pushover推给我",
        "email",
        each(
            apart("google_drive", "pushover", says=("合同",)),
            filtered("google_drive", "pushover", says=("ceo",)),
        ),
    ),
    # --- the trigger's filter with a plain "otherwise" -----------------------------------------
    (
        "When an email arrives from boss@acme.example, text me through Twilio; otherwise just "
        "log it in Airtable.",
        "email",
        apart("twilio", "airtable", says=("boss",)),
    ),
    (
        "收到 boss@acme.example 发来的邮件就用钉钉提醒我，否则记到Airtable里",
        "email",
        apart("dingtalk", "airtable", says=("boss",)),
    ),
    # --- "otherwise mark it approved": a plain step, no second approval -----------------------
    (
        "When a new Jira issue has an estimate over 20 hours, ask the team lead to approve it "
        "in Slack; otherwise just mark it approved with a comment on the issue.",
        "jira",
        approvals(1),
    ),
    (
        "Expense claims arrive on a webhook. Claims above $800 need the CFO's approval by "
        "email; otherwise mark them as approved in Airtable right away.",
        "webhook",
        approvals(1),
    ),
    (
        "新的采购申请通过webhook进来，金额超过1万的要财务总监在钉钉里审批，否则直接标记为已批准并写进Airtable",
        "webhook",
        approvals(1),
    ),
    (
        "Asana里有新任务时，如果预算高于5万，就让财务在Slack里审批；否则直接在任务下评论“已批准”",
        "asana",
        approvals(1),
    ),
    # --- past the due date, no span said ("overdue", "the deadline has passed", "已逾期") ----
    (
        "Every Monday at 9 pull the open invoices from Xero. If an invoice is overdue, email "
        "the customer a reminder through Gmail; otherwise just add it to the 'Open AR' Google "
        "Sheet.",
        "schedule",
        apart("gmail", "google_sheets", says=("due",)),
    ),
    (
        "When a Jira issue is updated and the deadline has passed, post it to Slack #late; "
        "otherwise log it in Airtable.",
        "jira",
        apart("slack", "airtable", says=("due",)),
    ),
    (
        "Daily at 8am get my Todoist tasks; for any task that is past its due date send me a "
        "Telegram message.",
        "schedule",
        gated("telegram", ("due",)),
    ),
    (
        "每天早上9点从QuickBooks读取未付发票，已经逾期的用Gmail给客户发催款邮件，没逾期的记到Airtable",
        "schedule",
        apart("gmail", "airtable", says=("due",)),
    ),
    (
        "每天下午5点查一下Asana里的任务，如果已经过了截止日期，就用企业微信提醒负责人，否则不用管",
        "schedule",
        gated("wecom", ("due",)),
    ),
    (
        "Trello卡片有更新时，如果截止日期已经过了，就在钉钉群里提醒，否则记到Notion",
        "trello",
        apart("dingtalk", "notion", says=("due",)),
    ),
    # --- a size word whose bracket gives the measure ("big orders (over $1000)") ---------------
    (
        "When a WooCommerce order is placed, big orders (more than $800) get a Slack message in "
        "#vip; the rest are added to a Google Sheet.",
        "woocommerce",
        apart("slack", "google_sheets", says=("800",)),
    ),
    (
        "Whenever a PayPal payment comes in: large payments (at least 5000 USD) should be "
        "posted to Microsoft Teams, small ones just go into Airtable.",
        "paypal",
        apart("microsoft_teams", "airtable", says=("5000", "4999")),  # ">= 5000" as "> 4999"
    ),
    (
        "When a Stripe invoice is paid, expensive ones (above 3000) need a Pipedrive deal; "
        "cheaper ones just get an email to billing@acme.example.",
        "stripe",
        apart("pipedrive", "send_email", says=("3000",)),
    ),
    (
        "Shopify有新订单时，大额订单（超过2万元）发飞书群，其余的写到Notion",
        "shopify",
        apart("feishu", "notion", says=("20000",)),
    ),
    (
        "有新的Stripe付款时，小额付款（低于100元）只记到Airtable，其他的在钉钉群里通知",
        "stripe",
        apart("airtable", "dingtalk", says=("100",)),
    ),
    # --- "X unless A" and then what the excepted items get ("those …", "— then …") ------------
    (
        "When a HubSpot deal is created, post it to Slack #deals unless the amount is below 100 "
        "— then just log it in Google Sheets.",
        "hubspot",
        apart("slack", "google_sheets", says=("amount",)),
    ),
    (
        "Whenever a Typeform response comes in, create a Pipedrive person unless the country is "
        "Germany; those go to Airtable instead.",
        "typeform",
        apart("pipedrive", "airtable", says=("germany",)),
    ),
    (
        "When a WooCommerce order is placed, create a QuickBooks invoice unless the total is "
        "under 20 dollars; those ones just get a row in Google Sheets.",
        "woocommerce",
        apart("quickbooks", "google_sheets", says=("total", "amount", "price")),
    ),
    (
        "Zendesk有新工单时在Jira建issue，除非优先级是低，这种情况下只记到Airtable",
        "zendesk",
        apart("jira", "airtable", says=("低",)),
    ),
    # --- a date chosen on a weekend or a weekday --------------------------------------------
    (
        "做一个预约表单（姓名、日期、人数）。选周末的用Slack通知店长，选工作日的直接在谷歌日历上建日程",
        "form",
        apart("slack", "google_calendar", says=("日期", "date", "day")),
    ),
    (
        "帮我建一个看房登记表单（姓名、电话、看房日期）。周末看房的发邮件给 agent@house.example，工作日的直接写进Airtable",
        "form",
        apart("send_email", "airtable", says=("日期", "date", "day")),
    ),
    (
        "Make me a booking form (name, email, date). If the date picked falls on a weekend, "
        "email the manager at boss@cafe.example; weekday bookings go straight into Google "
        "Calendar.",
        "form",
        apart("send_email", "google_calendar", says=("date",)),
    ),
]

_FILTER = (
    "a case said after the trigger's own filter joins that filter's branch (its other side "
    "becomes the filter's false output) instead of nesting inside it"
)
_APPROVED = "'mark it approved' in the otherwise clause is read as a second approval"
_WEEKEND = (
    "'weekday bookings go …' after an 'If the date … falls on a weekend' case is not read as "
    "that case's other side (a noun qualified by 'weekday' heads no case)"
)
_OPEN: dict[str, str] = {
    "Make me a booking form (name, email, dat": _WEEKEND,
}


@pytest.mark.parametrize(("text", "trigger", "check"), bank_cases(BANK, _OPEN, 60))
def test_creates3_bank(text: str, trigger: str, check: Check) -> None:
    g = Graph(text)
    sound(g, trigger)
    check(g)
