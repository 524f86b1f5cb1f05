"""The oprole bank: a named service's operation chosen from the service's role in the
sentence (sentences of our own, English and Chinese, about half each).

Constructions: a destination ("goes into the X table in Baserow", "放进NocoDB的…表",
"用Telegram发给我", "gets sent to me on Telegram") and a sender ("gets a … email from
SendGrid", "从Mailjet收到一封…邮件") select the app's write or send operation; the service
name used as the verb ("Telegram me …", "Slack the team …") sends a message there; a source
("look on Twitter for …", "查一下Pipedrive里…", "拉一下Zendesk里…") selects a read or a
search, never a create; a reply after a message trigger goes back on that channel; a
"reminder / confirmation / 提醒 to <person>" with no channel said is an email; an email to a
person "for a manual check / 人工确认" is an email step, not an approval that gates the rest.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from flowsmith.core.models import Workflow
from tests.planner._graph import graph
from tests.planner.bank_cases import bank_cases
from tests.planner.frames import needs
from tests.planner.test_trigger_bank import each, guard, on_event, starts
from tests.planner.test_trigops5_bank import _true, after, branches, guarded, mails, no_op, op

Check = Callable[[Workflow], None]


def any_of(*checks: Check) -> Check:
    """One of ``checks`` holds."""

    def run(wf: Workflow) -> None:
        errors = []
        for check in checks:
            try:
                check(wf)
                return
            except AssertionError as e:
                errors.append(e)
        raise AssertionError(errors)

    return run


def no_approval() -> Check:
    """No step waits for someone's approval."""

    def run(wf: Workflow) -> None:
        assert not [n for n in wf.nodes if n.subtype.startswith("approval")], [
            n.subtype for n in wf.nodes
        ]

    return run


FORM = "form_submitted"

BANK: list[tuple[str, tuple[str, ...], Check]] = [
    # --- a sender: "gets a … email from X", "从X收到一封…" ---------------------------------
    (
        "When a Calendly invitee cancels, they get a short 'sorry we missed you' email from "
        "SendGrid",
        ("calendly", "sendgrid"),
        each(op("sendgrid", "send"), no_op("sendgrid", "get")),
    ),
    (
        "New Jotform registration: the registrant receives a welcome email from Brevo with the "
        "event details",
        ("jotform", "brevo"),
        each(on_event("jotform", FORM), op("brevo", "send")),
    ),
    (
        "Stripe退款成功后，客户会收到一封来自Mailgun的致歉邮件",
        ("stripe", "mailgun"),
        op("mailgun", "send"),
    ),
    (
        "每个新的Typeform报名者都会从Mailjet收到一封欢迎邮件",
        ("typeform", "mailjet"),
        each(on_event("typeform", FORM), op("mailjet", "send")),
    ),
    # --- the service name as the verb ---------------------------------------------------------
    (
        "When a Cal.com booking is created, Telegram me the attendee's name and the start time",
        ("cal_com", "telegram"),
        op("telegram", "send"),
    ),
    (
        "Every Friday at 5pm get the Linear issues closed this week and Slack the team a summary",
        ("linear", "slack"),
        each(op("linear", "get"), op("slack", "post")),
    ),
    (
        "When a new Help Scout conversation comes in, Discord the support channel with the "
        "subject line",
        ("help_scout", "discord"),
        each(op("discord", "send"), no_op("discord", "get")),
    ),
    # --- a destination: passive "gets sent to … on X", "用X发给我", "发到X" -----------------------
    (
        "Every new WooCommerce order goes into our Google Sheet, and orders over 500 also get "
        "sent to me on Telegram",
        ("woocommerce", "google_sheets", "telegram"),
        each(op("google_sheets", "append"), guarded("telegram", "send"), guard(("total",))),
    ),
    (
        "Each new Zendesk ticket is messaged to the on-call engineer on Mattermost",
        ("zendesk", "mattermost"),
        each(op("mattermost", "post"), no_op("mattermost", "get")),
    ),
    (
        "每个新的Jotform报名都用Telegram发给我",
        ("jotform", "telegram"),
        each(on_event("jotform", FORM), op("telegram", "send")),
    ),
    (
        "GitHub上有新的issue，带bug标签的就用Pushover推给我",
        ("github", "pushover"),
        each(guarded("pushover", "push"), no_op("pushover", "get")),
    ),
    (
        "Stripe有新的付款时，金额超过1000的发到Discord的#finance频道",
        ("stripe", "discord"),
        each(guarded("discord", "send"), guard(("amount", "金额"))),
    ),
    # --- a destination: "goes into / ends up in / 放进 / 存到" a table --------------------------
    (
        "Every new Typeform response goes into the 'Signups' table in Baserow",
        ("typeform", "baserow"),
        each(on_event("typeform", FORM), op("baserow", "create"), no_op("baserow", "get")),
    ),
    (
        "Watch the RSS feed https://blog.example.com/feed.xml; items whose title mentions "
        "Kubernetes end up as rows in my Grist 'Reading' table",
        ("grist",),
        each(starts(("rss_trigger",)), guarded("grist", "create"), no_op("grist", "get")),
    ),
    (
        "Bug reports from our Google Form land in the 'Bugs' sheet of our Smartsheet",
        ("google_forms", "smartsheet"),
        each(op("smartsheet", "add"), no_op("smartsheet", "get")),
    ),
    (
        "每条新的Jotform提交都放进NocoDB的“报名”表里",
        ("jotform", "nocodb"),
        each(on_event("jotform", FORM), op("nocodb", "create"), no_op("nocodb", "get")),
    ),
    (
        "订阅 https://news.example.cn/rss.xml ，标题里带“大模型”的文章存到SeaTable的“阅读清单”表",
        ("seatable",),
        each(guarded("seatable", "create"), no_op("seatable", "list")),
    ),
    # --- a source: look / search / 查一下 / 拉一下 -------------------------------------------------
    (
        "Every morning look on Twitter for tweets mentioning @acmecloud and forward them to me "
        "on Telegram",
        ("twitter", "telegram"),
        each(op("twitter", "search"), no_op("twitter", "create"), op("telegram", "send")),
    ),
    (
        "每小时查一下Twitter上有没有人提到我们的品牌“Acme”，有的话发到Slack",
        ("twitter", "slack"),
        each(op("twitter", "search"), no_op("twitter", "create"), op("slack", "post")),
    ),
    (
        "每天早上9点拉一下Zendesk里昨天新建的工单，汇总后发到钉钉群",
        ("zendesk", "dingtalk"),
        each(op("zendesk", "get"), no_op("zendesk", "create"), op("dingtalk", "send")),
    ),
    (
        "每周一查一下Pipedrive里还没成交的交易，发到Teams频道",
        ("pipedrive", "microsoft_teams"),
        each(op("pipedrive", "get", "search"), no_op("pipedrive", "create")),
    ),
    (
        "Every hour look in Freshdesk for tickets nobody is assigned to and ping me on Pushover",
        ("freshdesk", "pushover"),
        each(op("freshdesk", "get"), no_op("freshdesk", "create"), op("pushover", "push")),
    ),
    # --- a reply after a message trigger goes back on that channel -----------------------------
    (
        "When someone messages our Telegram bot, have OpenAI draft an answer and reply with it",
        ("telegram", "openai"),
        each(
            on_event("telegram", "message"),
            after(("openai", ("",)), ("telegram", ("send",))),
        ),
    ),
    (
        "客户在Telegram上给机器人发消息，如果内容包含“价格”，就自动回复价格表链接",
        ("telegram",),
        each(guarded("telegram", "send"), no_op("telegram", "get")),
    ),
    (
        "Twilio号码收到短信后，自动回复“已收到，我们会尽快联系您”",
        ("twilio",),
        each(op("twilio", "send"), no_op("twilio", "make")),
    ),
    (
        "Teams频道里有新消息时，用AI判断是不是问题，是问题就自动回复FAQ链接",
        ("microsoft_teams",),
        each(guarded("microsoft_teams", "create", "reply"), no_op("microsoft_teams", "get")),
    ),
    # --- a reminder / confirmation to a person, no channel said: an email --------------------
    (
        "Every Monday get the overdue tasks from Asana and send a reminder to each assignee",
        ("asana",),
        each(op("asana", "get", "search"), mails(), no_op("asana", "create")),
    ),
    (
        "When a Cal.com booking is created, send a confirmation to the attendee",
        ("cal_com",),
        each(mails(), no_op("cal_com", "create")),
    ),
    (
        "每月1号从QuickBooks拉出逾期的发票，给每个客户发一个付款提醒",
        ("quickbooks",),
        each(
            op("quickbooks", "get"),
            any_of(mails(), op("quickbooks", "send")),
            no_op("quickbooks", "create"),
        ),
    ),
    (
        "Calendly有新预约时，给预约人发一条确认通知",
        ("calendly",),
        each(on_event("calendly", "invitee_created"), mails()),
    ),
    # --- an email to a person for a manual check is an email, not an approval ---------------
    (
        "做一个请假申请表单（姓名、天数、原因）。超过3天的发邮件给 hr@acme.cn 让人事人工审核，3天以内"
        "的直接在Google日历上建一个事件",
        ("google_calendar",),
        each(
            mails(),
            no_approval(),
            branches(_true, ("google_calendar", ("create",)), ("send_email", ("",))),
        ),
    ),
    (
        "Make a booking form (name, date, party size). Weekend bookings get emailed to "
        "desk@hotel.example for a manual check; weekday bookings go straight into Google Calendar",
        ("google_calendar",),
        each(
            mails(),
            no_approval(),
            branches(_true, ("google_calendar", ("create",)), ("send_email", ("",))),
        ),
    ),
]


# still wrong (strict: a fix makes the test fail until the mark goes); the assertions stand
OPEN: dict[str, str] = {
    "Every new WooCommerce order goes into our Google Sheet": "the condition compares the "
    "price, not the order total (a condition-field choice; the Telegram send is right now)",
    "Watch the RSS feed https://blog.example.com": "the 'whose title mentions' condition is "
    "lost (the Grist write runs unguarded)",
    "Make a booking form (name, date, party size)": "'get emailed to <address>' makes an "
    "email trigger instead of a form with two branches",
}


@pytest.mark.parametrize(("text", "apps", "check"), bank_cases(BANK, OPEN, 60))
def test_oprole_bank(text: str, apps: tuple[str, ...], check: Check) -> None:
    needs(*apps)
    check(graph(text))
