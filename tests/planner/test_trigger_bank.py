"""The trigger bank: how a workflow starts, said in the many ways users say it (sentences of
our own, English and Chinese). Each request says which start it wants (a schedule at a time
and weekday that reads the app named as the data source, an app's event, a form's
submission, an email, a feed, a webhook) and, for a start with a qualifier, the condition
that keeps only the items the user means."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from flowsmith.core.models import Node, Workflow
from tests.planner._graph import downstream, graph, trigger
from tests.planner.frames import needs

Check = Callable[[Workflow], None]
READS = ("get", "search", "list", "find", "read", "lookup", "query")
EMAIL_STARTS = ("email_trigger", "gmail_trigger", "outlook_trigger")


def each(*checks: Check) -> Check:
    def run(wf: Workflow) -> None:
        for check in checks:
            check(wf)

    return run


def _shape(wf: Workflow) -> list[tuple[str, dict[str, object]]]:
    return [(n.subtype, n.parameters) for n in wf.nodes]


def starts(subtype: str | tuple[str, ...]) -> Check:
    """The trigger node is of ``subtype`` (one of them)."""
    want = (subtype,) if isinstance(subtype, str) else subtype

    def run(wf: Workflow) -> None:
        assert trigger(wf).subtype in want, _shape(wf)

    return run


def on_event(app: str, event: str) -> Check:
    """The trigger is ``app``'s trigger firing on ``event``."""

    def run(wf: Workflow) -> None:
        t = trigger(wf)
        assert (t.subtype, t.parameters.get("event")) == (f"{app}_trigger", event), _shape(wf)

    return run


def at(time: str, weekday: str | None = None, days: str | None = None) -> Check:
    """A schedule trigger at ``time`` (every day, on ``weekday``, or on cron ``days``)."""

    def run(wf: Workflow) -> None:
        t = trigger(wf)
        assert t.subtype == "schedule_trigger", _shape(wf)
        p = t.parameters
        if days is not None:
            hour, minute = time.split(":")
            cron = str(p.get("cron", ""))
            assert cron.split()[:2] == [str(int(minute)), str(int(hour))], p
            assert cron.split()[4] == days, p
            return
        assert p.get("at_time") == time, p
        if weekday is None:
            assert p.get("interval") == "days", p
        else:
            assert (p.get("interval"), p.get("weekday")) == ("weeks", weekday), p

    return run


def _after_trigger(wf: Workflow) -> list[Node]:
    reach = downstream(wf, trigger(wf))
    return [n for n in wf.nodes if n.id in reach]


def reads(app: str) -> Check:
    """A read of ``app`` follows the trigger (the app is the data source)."""

    def run(wf: Workflow) -> None:
        found = [
            n
            for n in _after_trigger(wf)
            if n.subtype == app and str(n.parameters.get("operation", "")).lower().startswith(READS)
        ]
        assert found, _shape(wf)

    return run


def does(subtype: str) -> Check:
    """A node of ``subtype`` (an app or a core node) follows the trigger."""

    def run(wf: Workflow) -> None:
        assert any(n.subtype == subtype for n in _after_trigger(wf)), _shape(wf)

    return run


def not_app(app: str) -> Check:
    """``app`` (named only as where the data comes from) is no step of the graph."""

    def run(wf: Workflow) -> None:
        assert not [n for n in wf.nodes[1:] if n.subtype == app], _shape(wf)

    return run


def guard(fields: tuple[str, ...], value: str | None = None) -> Check:
    """An IF / filter / switch after the trigger compares a field whose name has one of
    ``fields`` in it (with ``value`` in what it compares against, when given)."""

    def run(wf: Workflow) -> None:
        for n in _after_trigger(wf):
            if n.subtype not in ("if", "filter", "switch"):
                continue
            for c in _conditions(n):
                left, right = str(c.get("left", "")).lower(), str(c.get("right", "")).lower()
                if any(f in left for f in fields) and (value is None or value.lower() in right):
                    return
        raise AssertionError((fields, value, _shape(wf)))

    return run


def _conditions(n: Node) -> list[dict[str, object]]:
    found: list[dict[str, object]] = []
    stack: list[object] = [n.parameters]
    while stack:
        cur = stack.pop()
        if isinstance(cur, dict):
            if "left" in cur:
                found.append(cur)
            stack.extend(cur.values())
        elif isinstance(cur, list):
            stack.extend(cur)
    return found


def feed(url: str) -> Check:
    def run(wf: Workflow) -> None:
        t = trigger(wf)
        assert (t.subtype, t.parameters.get("url")) == ("rss_trigger", url), _shape(wf)

    return run


BANK: list[tuple[str, tuple[str, ...], Check]] = [
    # --- a schedule said outright beats the app's "new item" event ----------------------------
    (
        "Every day at 7:30am pull yesterday's Toggl time entries and email a summary to "
        "boss@acme.io",
        ("toggl",),
        each(at("07:30"), reads("toggl"), does("send_email")),
    ),
    (
        "每天晚上8点从Clockify拉取今天的工时记录，汇总后发到钉钉群",
        ("clockify", "dingtalk"),
        each(at("20:00"), reads("clockify"), does("dingtalk")),
    ),
    (
        "Every day at 5pm grab today's new HubSpot contacts and add them to Google Sheets",
        ("hubspot", "google_sheets"),
        each(at("17:00"), reads("hubspot"), does("google_sheets")),
    ),
    (
        "每周一早上9点把上周Stripe的退款记录整理一下发到Slack #finance",
        ("stripe", "slack"),
        each(at("09:00", "monday"), reads("stripe"), does("slack")),
    ),
    # --- arrow / terse forms -------------------------------------------------------------------
    (
        "stripe dispute -> create a Jira issue + post in Slack #risk",
        ("stripe", "jira", "slack"),
        each(on_event("stripe", "dispute_created"), does("jira"), does("slack")),
    ),
    (
        "new jotform submission → add to airtable",
        ("jotform", "airtable"),
        each(on_event("jotform", "form_submitted"), does("airtable")),
    ),
    (
        "Shopify退款 → 钉钉通知财务",
        ("shopify", "dingtalk"),
        each(on_event("shopify", "refund_created"), does("dingtalk")),
    ),
    # --- a form app's submissions --------------------------------------------------------------
    (
        "Applications come in through our Jotform form; put each one into a Notion database",
        ("jotform", "notion"),
        each(on_event("jotform", "form_submitted"), does("notion")),
    ),
    (
        "New Google Forms registration for the workshop: add the person to Mailchimp",
        ("google_forms", "mailchimp"),
        each(on_event("google_forms", "form_submitted"), does("mailchimp")),
    ),
    (
        "有人填了我们的Typeform问卷，就把回答存到飞书",
        ("typeform", "feishu"),
        each(on_event("typeform", "form_submitted"), does("feishu")),
    ),
    (
        "客户通过谷歌表单提交报修后，在Trello建一张卡片",
        ("google_forms", "trello"),
        each(on_event("google_forms", "form_submitted"), does("trello")),
    ),
    # --- mirroring a chat's messages -----------------------------------------------------------
    (
        "Mirror every message from our Mattermost channel #alerts into Discord",
        ("mattermost", "discord"),
        each(starts("webhook_trigger"), does("discord")),
    ),
    (
        "把Telegram群里的每条消息都转发到企业微信",
        ("telegram", "wecom"),
        each(on_event("telegram", "message"), does("wecom")),
    ),
    (
        "Forward every message posted in Slack #sales into Microsoft Teams",
        ("slack", "microsoft_teams"),
        each(on_event("slack", "new_message"), does("microsoft_teams")),
    ),
    # --- an email arriving, said without "when" ------------------------------------------------
    (
        "Forward emails from anyone @initrode.com to my Telegram",
        ("telegram",),
        each(starts(EMAIL_STARTS), guard(("from", "sender"), "initrode.com"), does("telegram")),
    ),
    (
        "把发到 billing@acme.cn 的邮件转到钉钉群",
        ("dingtalk",),
        each(starts(EMAIL_STARTS), guard(("to", "recipient"), "billing@acme.cn"), does("dingtalk")),
    ),
    (
        "Gmail里来自 boss@corp.com 的邮件，都转发到飞书",
        ("gmail", "feishu"),
        each(
            on_event("gmail", "message_received"),
            guard(("from", "sender"), "boss@corp.com"),
            does("feishu"),
        ),
    ),
    # --- feeds ---------------------------------------------------------------------------------
    (
        "订阅 https://blog.example.com/feed.xml ，有新文章就发到Slack #news",
        ("slack",),
        each(feed("https://blog.example.com/feed.xml"), does("slack")),
    ),
    (
        "Follow the RSS feed at https://news.example.org/rss and save each item to Notion",
        ("notion",),
        each(feed("https://news.example.org/rss"), does("notion")),
    ),
    (
        "盯着这个博客的feed https://example.cn/atom.xml ，一更新就推送到Telegram",
        ("telegram",),
        each(feed("https://example.cn/atom.xml"), does("telegram")),
    ),
    # --- an endpoint said outright -------------------------------------------------------------
    (
        "做一个webhook接收Shopify推过来的订单数据，然后写进谷歌表格",
        ("shopify", "google_sheets"),
        each(starts("webhook_trigger"), does("google_sheets"), not_app("shopify")),
    ),
    (
        "Set up an endpoint that receives Stripe events and posts them to Slack #billing",
        ("stripe", "slack"),
        each(starts("webhook_trigger"), does("slack"), not_app("stripe")),
    ),
    # --- sheet rows changed --------------------------------------------------------------------
    (
        "When a value in the Inventory sheet of Google Sheets is changed to 0, email "
        "purchasing@acme.io",
        ("google_sheets",),
        each(on_event("google_sheets", "rowUpdate"), guard(("",), "0"), does("send_email")),
    ),
    (
        "谷歌表格里某一行被修改时，把这一行发到钉钉",
        ("google_sheets", "dingtalk"),
        each(on_event("google_sheets", "rowUpdate"), does("dingtalk")),
    ),
    # --- the trigger app named in an earlier sentence ------------------------------------------
    (
        "We take bookings on Calendly. Whenever someone cancels, post it in Slack #sales",
        ("calendly", "slack"),
        each(on_event("calendly", "invitee_canceled"), does("slack")),
    ),
    (
        "我们用WooCommerce开店。每当有人下单，就在钉钉通知仓库",
        ("woocommerce", "dingtalk"),
        each(on_event("woocommerce", "order_created"), does("dingtalk")),
    ),
    # --- qualifiers of the start become its condition ------------------------------------------
    (
        "When a GitHub Actions run fails on the release branch, open a Jira issue",
        ("github", "jira"),
        each(
            on_event("github", "workflow_run"),
            guard(("conclusion", "status", "state"), "fail"),
            guard(("branch", "ref"), "release"),
            does("jira"),
        ),
    ),
    (
        "On every push to main in our GitLab repo, post to Slack #deploys",
        ("gitlab", "slack"),
        each(on_event("gitlab", "push"), guard(("branch", "ref"), "main"), does("slack")),
    ),
    (
        "When someone reacts with :bug: to a Slack message, create a Linear issue",
        ("slack", "linear"),
        each(
            on_event("slack", "reaction_added"),
            guard(("reaction", "emoji"), "bug"),
            does("linear"),
        ),
    ),
    (
        "Stripe退款金额超过1000的时候，在飞书通知财务",
        ("stripe", "feishu"),
        each(
            on_event("stripe", "charge_refunded"), guard(("amount", "金额"), "1000"), does("feishu")
        ),
    ),
    (
        "GitLab流水线失败时，在钉钉群里报警",
        ("gitlab", "dingtalk"),
        each(on_event("gitlab", "pipeline"), guard(("status", "state"), "fail"), does("dingtalk")),
    ),
    # --- weekday schedules without "every" -----------------------------------------------------
    (
        "Monday 10am, pull open Jira issues and post a summary to Slack #standup",
        ("jira", "slack"),
        each(at("10:00", "monday"), reads("jira"), does("slack")),
    ),
    (
        "周五下午三点，把本周的HubSpot新交易汇总发邮件给 sales@acme.cn",
        ("hubspot",),
        each(at("15:00", "friday"), reads("hubspot"), does("send_email")),
    ),
    (
        "Tuesdays and Thursdays at 7, send the Airtable task list to Telegram",
        ("airtable", "telegram"),
        each(at("07:00", days="2,4"), reads("airtable"), does("telegram")),
    ),
    (
        "每周三上午十点半，从Notion拉取待办并发到企业微信",
        ("notion", "wecom"),
        each(at("10:30", "wednesday"), reads("notion"), does("wecom")),
    ),
]


@pytest.mark.parametrize(("text", "apps", "check"), BANK, ids=[t for t, _, _ in BANK])
def test_trigger_bank(text: str, apps: tuple[str, ...], check: Check) -> None:
    needs(*apps)
    check(graph(text))


def test_a_names_first_entry_stays_the_display_name() -> None:
    # a node is named by the first name of its event or resource; names added for reading
    # ("填了", "every message") go after it, or a node would be called "Jotform：填了"
    wf = graph("每当有人填了Jotform表单，就用Telegram发消息给我")
    names = [n.name for n in wf.nodes]
    assert any("表单提交" in n for n in names), names
    assert not any("每条消息" in n or "填了" in n for n in names), names
