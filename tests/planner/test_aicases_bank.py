"""Cases on values that are not plain trigger fields (sentences of our own, English and
Chinese).

Constructions:

* a yes/no or a category an AI step extracts, each value's actions on an output of its own
  ("have AI work out whether it is overdue. Overdue ones → Jira; the rest → Airtable");
* a case that only adds a sentence to a message ("备注里写了“易碎”的，短信里加一句…"): the
  send is behind a test of the note on both sides, or one send whose text depends on it;
* a weekday/weekend case, which tests the form's date field (never the clock);
* headed cases on two fields ("Successful runs: nothing. Failed on release: Opsgenie.
  Failed on any other branch: Discord").
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.planner.bank_cases import bank_cases
from tests.planner.branch_graph import GATES, Graph, sound
from tests.planner.test_conds7_bank import _acts, apart, each

Check = Callable[[Graph], None]
MAILS = ("send_email", "gmail_send", "gmail", "outlook")


def _mail(g: Graph) -> set[str]:
    """Nodes that send an email (core send or a mail app that writes)."""
    return {
        i
        for i, n in g.nodes.items()
        if n.subtype not in GATES and (n.subtype in MAILS or n.parameters.get("app") in MAILS)
    }


def _writes(g: Graph, what: str) -> set[str]:
    if what == "mail":
        ids = _mail(g)
        assert ids, sorted(g.nodes)
        return ids
    return _acts(g, what)


def _on_field(g: Graph, gid: str, words: tuple[str, ...]) -> bool:
    return any(w.lower() in g.compares(gid).lower() for w in words)


def cases(steps: list[str], field: tuple[str, ...]) -> Check:
    """One gate comparing ``field`` puts the writing nodes of each step on an output of its
    own (a Switch, or an IF chain whose first gate already tells two of them apart)."""

    def run(g: Graph) -> None:
        sides = [g.sides_of(_writes(g, s)) for s in steps]
        for i, x in enumerate(sides):
            for y in sides[i + 1 :]:
                assert any(k in y and x[k] != y[k] and _on_field(g, k, field) for k in x), (
                    steps,
                    sides,
                    {k: g.compares(k) for s in sides for k in s},
                )

    return run


def guarded(step: str, field: tuple[str, ...]) -> Check:
    """Some gate comparing ``field`` reaches ``step`` from one output only."""

    def run(g: Graph) -> None:
        sides = g.sides_of(_writes(g, step))
        assert any(_on_field(g, k, field) for k in sides), {
            k: (o, g.compares(k)) for k, o in sides.items()
        }

    return run


def adds(step: str, field: tuple[str, ...], words: tuple[str, ...]) -> Check:
    """``step`` writes, after the read; its sentence depends on the note: either it sits
    behind a gate comparing ``field`` or ``words``, or some writing/text node says one of
    ``words``."""

    def run(g: Graph) -> None:
        ids = _writes(g, step)
        sides = g.sides_of(ids)
        if any(_on_field(g, k, field + words) for k in sides):
            return
        said = [
            i
            for i, n in g.nodes.items()
            if n.subtype not in GATES and any(w in str(n.parameters) for w in words)
        ]
        assert said, {i: n.parameters for i, n in g.nodes.items()}

    return run


def after(step: str, first: str) -> Check:
    def run(g: Graph) -> None:
        assert any(g.find(step) & g.below(a) for a in g.find(first)), (step, first, g.edges)

    return run


def dated(*steps: str) -> Check:
    """A weekday/weekend case: the steps apart on a gate comparing the form's date."""
    return cases(list(steps), ("date", "日期"))


BANK: list[tuple[str, str, Check]] = [
    # --- a yes/no or category an AI step extracts ---------------------------------------------
    (
        "Invoices arrive by email at ap@acme.example. Have OpenAI extract the vendor name and "
        "whether the invoice is overdue. Overdue ones become a Jira issue for finance; the rest "
        "are appended to the 'invoices' Airtable table.",
        "email",
        apart("jira", "airtable", says=("overdue",)),
    ),
    (
        "When a new Typeform response comes in, use AI to read the feedback and decide whether "
        "it reports a bug. Bug reports get a Linear issue; everything else is posted to Slack "
        "#feedback.",
        "typeform",
        apart("linear", "slack", says=("bug",)),
    ),
    (
        "New Zendesk tickets: have AI work out whether the customer is a VIP. VIP tickets get "
        "posted to Microsoft Teams; all other tickets get added as rows to the 'queue' Google "
        "Sheet.",
        "zendesk",
        apart("microsoft_teams", "google_sheets", says=("vip",)),
    ),
    (
        "Contact form posts arrive at a webhook (name, message). Have AI detect the message's "
        "language. English ones become a Zendesk ticket, Spanish ones a Freshdesk ticket; any "
        "other language gets a Slack message in #intl.",
        "webhook",
        cases(["zendesk", "freshdesk", "slack"], ("language",)),
    ),
    (
        "每当Gmail收到简历邮件，让AI提取候选人姓名以及是否有五年以上经验。有的在飞书里通知HR经理；"
        "没有的追加到Google表格“人才库”里",
        "gmail",
        apart("feishu", "google_sheets", says=("经验", "experience")),
    ),
    (
        "客户在Jotform提交投诉后，用AI判断投诉是否紧急。紧急的在PagerDuty建事件；不紧急的在Trello上建一张卡片",
        "jotform",
        apart("pagerduty", "trello", says=("紧急", "urgent")),
    ),
    (
        "每封发到 sales@xyz.cn 的邮件，让AI提取公司名和所属行业。行业是医疗的在Salesforce建线索，"
        "是教育的加到HubSpot，其他的记到Notion",
        "email",
        cases(["salesforce", "hubspot", "notion"], ("行业", "industry")),
    ),
    (
        "每当Outlook收到供应商报价邮件，让AI提取报价金额和是否含税。含税的加到Airtable的“报价”表；"
        "不含税的发Telegram消息给采购",
        "outlook",
        apart("airtable", "telegram", says=("含税", "tax")),
    ),
    # --- a case that only adds a sentence to a message -----------------------------------------
    (
        "每天早上7点从Google日历取出今天的会议，逐个用钉钉提醒参会人；会议描述里写了“线上”的，"
        "提醒里要加一句“请提前5分钟进入会议链接”",
        "schedule",
        each(
            after("dingtalk", "google_calendar"),
            adds("dingtalk", ("描述", "description"), ("线上",)),
        ),
    ),
    (
        "每周一上午10点从Airtable取出本周的快递单，逐个用Twilio给收件人发短信；备注里有“易碎”的，"
        "短信里加一句“请当面验货”",
        "schedule",
        each(after("twilio", "airtable"), adds("twilio", ("备注", "note"), ("易碎",))),
    ),
    (
        "每天晚上9点从Notion的“订单”数据库取出明天要送的订单，逐条用Telegram发给配送员；"
        "备注里写了“放门口”的，消息里加一句“无需敲门”",
        "schedule",
        each(after("telegram", "notion"), adds("telegram", ("备注", "note"), ("放门口",))),
    ),
    (
        "Every evening at 6 pull tomorrow's bookings from Airtable and text each client a "
        "reminder with Twilio; if the booking notes say 'first visit', add a line asking them "
        "to arrive 10 minutes early.",
        "schedule",
        each(after("twilio", "airtable"), adds("twilio", ("note",), ("first visit",))),
    ),
    (
        "When a new Shopify order comes in, send the customer a thank-you message on Telegram; "
        "if the order note mentions 'gift', add a sentence saying the receipt was left out of "
        "the box.",
        "shopify",
        adds("telegram", ("note",), ("gift",)),
    ),
    # --- a weekday/weekend case tests the form's date field -----------------------------------
    (
        "做一个场地预订表单（姓名、邮箱、日期、人数）。选周末的用Slack通知经理审核，选工作日的直接在Outlook日历里建活动",
        "form",
        dated("slack", "outlook"),
    ),
    (
        "客户通过Typeform提交上门维修预约（地址、电话、上门日期）。如果选的是周六或周日，就在企业微信里通知主管安排加班；"
        "平日的直接在Notion的排班表里加一条",
        "typeform",
        dated("wecom", "notion"),
    ),
    (
        "Build a booking form for our tasting room (name, email, visit date, party size). "
        "Weekend bookings get an email to events@winery.example for manual approval; weekday "
        "bookings go straight into Google Calendar as an event.",
        "form",
        dated("mail", "google_calendar"),
    ),
    (
        "A webhook receives delivery requests (address, phone, delivery date). Weekday "
        "deliveries get a row in the 'routes' Google Sheet; weekend ones get a Telegram message "
        "to the weekend driver.",
        "webhook",
        dated("google_sheets", "telegram"),
    ),
    # --- headed cases on two fields ------------------------------------------------------------
    (
        "GitHub Actions posts workflow results to a webhook of ours. Successful runs: nothing. "
        "Failed on the release branch: open an Opsgenie alert. Failed on any other branch: "
        "post in Discord.",
        "webhook",
        each(
            cases(["opsgenie", "discord"], ("branch",)),
            guarded("opsgenie", ("status", "result", "conclusion", "fail", "success")),
            guarded("discord", ("status", "result", "conclusion", "fail", "success")),
        ),
    ),
    (
        "Our uptime monitor posts check results to a webhook (service, status, region). "
        "Status up: nothing. Down in eu-west: page via PagerDuty. Down in any other region: "
        "create a Jira issue.",
        "webhook",
        each(
            cases(["pagerduty", "jira"], ("region",)),
            guarded("pagerduty", ("status",)),
            guarded("jira", ("status",)),
        ),
    ),
    (
        "Jenkins构建结束后会调我们的webhook（状态、分支、提交人）。成功的：不用管。master分支失败的：在Opsgenie建告警。"
        "其他分支失败的：用飞书通知提交人",
        "webhook",
        each(
            cases(["opsgenie", "feishu"], ("分支", "branch")),
            guarded("opsgenie", ("状态", "status")),
            guarded("feishu", ("状态", "status")),
        ),
    ),
    (
        "Sentry报错通过webhook发过来（级别、环境、项目）。级别是warning的：不用管。生产环境的error：在PagerDuty建事件。"
        "其他环境的error：发到Slack的#dev频道",
        "webhook",
        each(
            cases(["pagerduty", "slack"], ("环境", "environment")),
            guarded("pagerduty", ("级别", "level")),
            guarded("slack", ("级别", "level")),
        ),
    ),
    (
        "仓库系统通过webhook推送库存变动（商品、仓库、数量）。数量为0且仓库是上海的：用钉钉通知上海仓管；"
        "数量为0的其他仓库：发邮件给 stock@abc.cn；数量大于0的：什么都不做",
        "webhook",
        each(
            cases(["dingtalk", "mail"], ("仓库", "warehouse")),
            guarded("dingtalk", ("数量", "quantity")),
            guarded("mail", ("数量", "quantity")),
        ),
    ),
]

_OPEN: dict[str, str] = {
    "Contact form posts arrive": "the cases test the classifier's category field, not one "
    "named for the language",
    "每当Gmail收到简历邮件": "the yes/no case tests a made-up 'status' field holding 有/没有, not "
    "the extracted value (经验)",
    "每天早上7点从Google日历": "'描述里写了“线上”的，提醒里要加一句' opens no condition and adds a "
    "Zoom step",
    "每周一上午10点从Airtable": "'备注里有“易碎”的，短信里加一句' gives three sends and no condition",
    "每天晚上9点从Notion": "'备注里写了“放门口”的，消息里加一句' gives two sends and no condition",
    "Every evening at 6 pull": "'if the booking notes say …, add a line' tests a made-up field and "
    "adds a LINE step",
    "When a new Shopify order comes in": "'if the order note mentions gift, add a sentence' adds a "
    "Box search instead of a second send",
    "客户通过Typeform提交上门维修预约": "'周六或周日' tests a made-up status field; the trigger is "
    "a manual Typeform read",
    "Build a booking form for our tasting": "'an email … for manual approval' becomes an approval "
    "step; no weekend case",
    "A webhook receives delivery requests": "'weekday/weekend ones' open no condition; the sheet "
    "row becomes a read",
    "GitHub Actions posts workflow": "headed cases 'Successful runs: nothing. Failed on …:' open "
    "no condition",
    "Our uptime monitor posts": "headed cases on two fields open no condition",
    "Jenkins构建结束后": "headed cases: only the status test is built, no branch case",
    "Sentry报错通过webhook": "headed cases: only the level test is built, no environment case",
}


@pytest.mark.parametrize(("text", "trigger", "check"), bank_cases(BANK, _OPEN, 40))
def test_aicases_bank(text: str, trigger: str, check: Check) -> None:
    g = Graph(text)
    check(g)
    sound(g, trigger)


def test_bank_size() -> None:
    assert len(BANK) >= 20
    assert sum(1 for t, _, _ in BANK if any("\u4e00" <= c <= "\u9fff" for c in t)) >= 10
