"""Cases, guards and conditions bank (round 4, sentences of our own, English and Chinese).

Constructions: cases said by value with arrows or colons ("Groups of 10 or more -> …. Anything
smaller …", "'bad' ratings should …", "Premium customers: …. Everyone else: …", "Successful
pipelines: nothing. Failed on production: …"); an "also" action that is conditional while the
main action always runs; conditions carried by a relative or 的-clause ("Anything below its
reorder level gets emailed", "没打卡的…；迟到的…", "负面的就…", "只要有'急'字就…");
a condition said after the action ("Only customers who … though!!"); an approval inside a
case with approve/reject paths beside a straight-through case; several independent conditions
each with its own action (above 30 → fan, below 10 → heater; snow → SMS, cold → chat).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.planner._graph import reachable
from tests.planner.bank_cases import bank_cases
from tests.planner.branch_graph import (
    APPROVALS,
    GATES,
    Graph,
    behind,
    bypasses,
    only,
    sound,
    under,
    vetted,
    ways,
)

Check = Callable[[Graph], None]
AMOUNT = ("amount", "金额", "total", "price", "value", "退款")
RATING = ("rating", "score", "评分")
PEOPLE = ("party", "group", "guest", "people", "size", "number", "人数")
TEMP = ("temp", "温度", "气温", "state")
HUMID = ("humid", "湿度", "state")
HOUR = ("hour", "time")
STOCK = ("reorder", "level", "stock", "qty", "quantity", "par")
WEATHER = ("snow", "雪", "weather", "condition", "precip", "天气")
AGE = ("created", "date", "time", "hour", "时间")
MARKETING = ("marketing", "accept", "consent", "opt", "营销", "同意")


def each(*checks: Check) -> Check:
    def run(g: Graph) -> None:
        for check in checks:
            check(g)

    return run


def unguarded(step: str) -> Check:
    """Some path from the trigger reaches ``step`` through no condition."""

    def run(g: Graph) -> None:
        gates = {i for i, n in g.nodes.items() if n.subtype in GATES}
        edges = [(s, o, t) for s, o, t in g.edges if s not in gates and t not in gates]
        start = next(i for i, n in g.nodes.items() if n is g.trigger())
        assert g.find(step) & reachable(edges, start), (step, g.edges)

    return run


def on(step: str, field: str | tuple[str, ...] | None) -> Check:
    return lambda g: behind(g, step, field)


def apart(steps: list[str], field: str | tuple[str, ...] | None) -> Check:
    return lambda g: ways(g, steps, field)


def just(*steps: str) -> Check:
    return lambda g: only(g, list(steps))


def independent(a: str, b: str) -> Check:
    """``a`` and ``b`` each behind a condition of its own: no gate sends one of them down
    one output and the other down another (both can happen on the same run)."""

    def run(g: Graph) -> None:
        sa, sb = g.sides(a), g.sides(b)
        assert sa and sb, (sa, sb)
        assert not [k for k in sa if k in sb and sa[k] != sb[k]], (sa, sb, g.edges)

    return run


def mentions(step: str, word: str) -> Check:
    """A gate before ``step`` (on one output only) whose rules mention ``word``."""

    def run(g: Graph) -> None:
        gates = g.sides(step)
        assert any(word in str(g.nodes[k].parameters) for k in gates), {
            k: g.nodes[k].parameters for k in gates
        }

    return run


def called_both_ways(field: tuple[str, ...]) -> Check:
    """Two outputs of one gate comparing ``field`` each reach a Home Assistant service call,
    after a Home Assistant read."""

    def run(g: Graph) -> None:
        calls = {
            i
            for i, n in g.nodes.items()
            if "home_assistant" in (n.subtype, n.parameters.get("app"))
            and str(n.parameters.get("operation", "")).startswith("call")
        }
        assert len(calls) >= 2, g.nodes
        for gid, n in g.nodes.items():
            if n.subtype in ("if", "switch") and any(f in g.compares(gid) for f in field):
                hit = [o for o, reach in g.outputs(gid).items() if calls & reach]
                if len(hit) >= 2:
                    return
        raise AssertionError(g.edges)

    return run


def decided(approved: str, rejected: str) -> Check:
    """An approval (behind no condition needed) with ``approved`` on its approved output
    alone and ``rejected`` on its rejected output alone."""

    def run(g: Graph) -> None:
        yes, no = g.find(approved), g.find(rejected)
        for aid, n in g.nodes.items():
            if n.subtype not in APPROVALS:
                continue
            outs = g.outputs(aid)
            ok_yes = yes & outs.get("approved", set()) and not yes & outs.get("rejected", set())
            ok_no = no & outs.get("rejected", set()) and not no & outs.get("approved", set())
            if ok_yes and ok_no:
                return
        raise AssertionError(g.edges)

    return run


def reads_first(g: Graph) -> None:
    reads = {
        i
        for i, n in g.nodes.items()
        if "home_assistant" in (n.subtype, n.parameters.get("app"))
        and str(n.parameters.get("operation", "")).startswith("get")
    }
    assert reads, g.nodes
    gates = {i for i, n in g.nodes.items() if n.subtype in ("if", "switch")}
    assert any(gates & g.below(r) for r in reads), g.edges


BANK: list[tuple[str, str, Check]] = [
    # --- cases by value, with arrows or colons ---------------------------------------------
    (
        "Bookings arrive through a Typeform. Groups of 10 or more -> email "
        "sales@lakeside-venue.com so someone phones them. Anything smaller just goes straight "
        "into the 'Bookings' Airtable.",
        "typeform",
        each(apart(["send_email", "airtable"], PEOPLE), just("send_email", "airtable")),
    ),
    (
        "When a new Zendesk ticket is created: urgent tickets should page the on-call engineer "
        "in PagerDuty. Everything else: add a row to the 'Queue' Google Sheet.",
        "zendesk",
        each(apart(["pagerduty", "google_sheets"], None), just("pagerduty", "google_sheets")),
    ),
    (
        "When a Typeform feedback response comes in: 'bad' ratings should create a Trello card "
        "for the team lead and get posted in Slack #support. 'Good' ratings go into the Praise "
        "table in Airtable. 'Neutral' ones can be ignored.",
        "typeform",
        each(
            apart(["trello", "airtable"], RATING),
            apart(["slack", "airtable"], RATING),
            just("trello", "slack", "airtable"),
        ),
    ),
    (
        "GitLab posts pipeline results to a webhook of ours. Successful pipelines: nothing. "
        "Failed on production: open an Opsgenie alert. Failed on any other branch: message the "
        "author on Discord.",
        "webhook",
        each(
            apart(["opsgenie", "discord"], ("branch", "ref", "production")),
            on("discord", ("status", "state", "result", "fail", "success")),
        ),
    ),
    (
        "When a Stripe subscription is cancelled, look the customer up in HubSpot. Premium "
        "customers: tell their account manager in Microsoft Teams. Everyone else: send them a "
        "feedback survey email via Mailgun.",
        "stripe",
        apart(["microsoft_teams", "mailgun"], None),
    ),
    (
        "有人提交Jotform预约表单时：人数10人以上的发邮件给经理 manager@cafe.cn 让他回电话；"
        "人数少的直接加到Google日历",
        "jotform",
        each(apart(["send_email", "google_calendar"], PEOPLE)),
    ),
    (
        "有新的HubSpot联系人时：VIP客户发到Slack通知销售总监；其他客户：加到Mailchimp的新客户列表",
        "hubspot",
        each(apart(["slack", "mailchimp"], None), just("slack", "mailchimp")),
    ),
    (
        "收到GitHub的issue时，标签是bug的就在Jira建工单，标签是question的回复到Discord，其它的不用管",
        "github",
        each(apart(["jira", "discord"], ("label", "标签")), just("jira", "discord")),
    ),
    # --- an "also" action under a condition, the main one always ------------------------------
    (
        "When a PayPal payment arrives, add it to the 'Sales' Google Sheet. If the amount is "
        "over 500 also notify me on Telegram — big sales usually mean a wholesale customer.",
        "paypal",
        each(
            unguarded("google_sheets"),
            on("telegram", AMOUNT),
            just("google_sheets", "telegram"),
        ),
    ),
    (
        "Survey answers come in via Typeform. Every answer should be saved in Airtable for the "
        "quarterly review, and if the person asked for a demo, create a HubSpot task for sales.",
        "typeform",
        each(unguarded("airtable"), on("hubspot", ("demo",))),
    ),
    (
        "My alarm system calls a webhook when a door opens. Always send me a Pushover "
        "notification, and if it's at night (between 22:00 and 07:00) also post in our Discord "
        "channel.",
        "webhook",
        each(unguarded("pushover"), on("discord", HOUR)),
    ),
    (
        "每条表单提交都存到飞书多维表格，金额超过1000的再用钉钉通知我",
        "form",
        each(unguarded("feishu"), on("dingtalk", AMOUNT)),
    ),
    (
        "收到Stripe付款后记录到Notion数据库，如果金额大于2000也发邮件给我 boss@shop.cn",
        "stripe",
        each(unguarded("notion"), on("send_email", AMOUNT)),
    ),
    (
        "每天早上8点从MySQL读昨天的订单，把汇总发到Slack；如果订单数比前一天少了20%以上，"
        "也在Jira建一个工单让运营查一下",
        "schedule",
        each(
            unguarded("slack"), on("jira", ("order", "count", "change", "pct", "percent", "订单"))
        ),
    ),
    # --- conditions carried by a relative or 的-clause ----------------------------------------
    (
        "Every morning at 7:00 read the stock levels from our Airtable inventory. Anything below "
        "its reorder level gets emailed as an order to buyer@greengrocer.com; if nothing is "
        "below the reorder level don't send anything.",
        "schedule",
        on("send_email", STOCK),
    ),
    (
        "每天晚上9点读一下Google Sheets里的打卡记录：没打卡的员工用Twilio发短信提醒，迟到的记到Notion"
        "的“迟到”数据库，正常的就不用管了",
        "schedule",
        each(
            apart(["twilio", "notion"], ("status", "状态", "打卡", "attendance", "迟到")),
            just("twilio", "notion", "google_sheets"),
        ),
    ),
    (
        "每天早上9点搜一下Twitter上提到我们品牌的推文，用AI判断正面还是负面，负面的就用Telegram推给我",
        "schedule",
        on("telegram", ("sentiment", "negative", "负面", "label", "category")),
    ),
    (
        "老板在Telegram上发给我的消息里只要有“急”字，就自动加到Todoist待办",
        "telegram",
        mentions("todoist", "急"),
    ),
    (
        "每小时从Shopify拉一下还没发货的订单，下单超过72小时还没发的在钉钉里提醒仓库",
        "schedule",
        on("dingtalk", AGE),
    ),
    # --- a condition said after the action ----------------------------------------------------
    (
        "Stripe customer created -> wait 3 days -> send them a Telegram message with tips. "
        "Only customers who accepted marketing though!!",
        "stripe",
        each(on("telegram", MARKETING), lambda g: under(g, "telegram", "wait")),
    ),
    (
        "Calendly有人预约后等2天，用Twilio给客户发短信回访。只发给同意接收营销信息的客户！",
        "calendly",
        each(on("twilio", MARKETING), lambda g: under(g, "twilio", "wait")),
    ),
    # --- an approval inside one case, the other case straight through ---------------------------
    (
        "When an expense is submitted through a form, expenses over $1000 get emailed to my "
        "manager for approval first: if approved, create a bill in QuickBooks; if rejected, "
        "log it in Google Sheets. Smaller expenses go straight into QuickBooks.",
        "form",
        each(
            lambda g: vetted(g, "quickbooks", "google_sheets", AMOUNT),
            lambda g: bypasses(g, "quickbooks"),
            just("quickbooks", "google_sheets"),
        ),
    ),
    (
        "退款请求会调我们的webhook。退款超过1000元的先发邮件给主管审批，审批通过再调用 "
        "https://api.shop.cn/refund 执行退款，不通过就把记录写进Postgres；1000元以内的直接退。",
        "webhook",
        each(
            lambda g: vetted(g, "http_request:api.shop.cn", "postgres", AMOUNT),
            lambda g: bypasses(g, "http_request:api.shop.cn"),
            just("http_request", "postgres"),
        ),
    ),
    (
        "Writers submit drafts through a form. Send each draft to Slack for my approval: if I "
        "approve, create a WordPress post and tweet about it; if I reject, email the writer my "
        "notes.",
        "form",
        each(decided("wordpress", "send_email"), decided("twitter", "send_email")),
    ),
    (
        "设计师做完稿会通过表单提交。先发到Slack等我审批：通过了就在Trello建一张卡片，再给客户发一封邮件；"
        "不通过就在Slack上把我的修改意见回给他",
        "form",
        each(decided("trello", "slack"), decided("send_email", "slack")),
    ),
    # --- several independent conditions, each with its own action -------------------------------
    (
        "Shopify有新订单时：金额超过1000的在钉钉通知我；加急订单（配送方式是加急）用Twilio发短信给仓库",
        "shopify",
        each(
            on("dingtalk", AMOUNT),
            on("twilio", ("shipping", "配送", "method")),
            independent("dingtalk", "twilio"),
        ),
    ),
    (
        "When a new WooCommerce order comes in, orders over 500 get a Slack message to #sales; "
        "overseas orders (the country is not Germany) get a Mailgun email with customs info.",
        "woocommerce",
        each(
            on("slack", AMOUNT),
            on("mailgun", ("country",)),
            independent("slack", "mailgun"),
        ),
    ),
    (
        "Every 10 minutes read the greenhouse temperature from Home Assistant; above 30 degrees "
        "switch on the fan through Home Assistant, below 10 degrees switch on the heater, "
        "otherwise do nothing.",
        "schedule",
        each(called_both_ways(TEMP), reads_first, just("home_assistant")),
    ),
    (
        "每30分钟读一下Home Assistant里卧室湿度传感器 sensor.bedroom_humidity，高于70就通过Home "
        "Assistant开除湿机，低于30就开加湿器，其它情况什么都不做",
        "schedule",
        each(called_both_ways(HUMID), reads_first, just("home_assistant")),
    ),
    (
        "Every morning at 6 check the weather at https://api.weather.example.com/berlin. If snow "
        "is forecast, text me via Twilio; if the temperature is below -10 degrees, post a "
        "warning in Discord. Otherwise do nothing.",
        "schedule",
        each(
            on("twilio", WEATHER),
            on("discord", TEMP),
            independent("twilio", "discord"),
            just("http_request", "twilio", "discord"),
        ),
    ),
    (
        "每天早上7点查 https://api.weather.example.cn/beijing 的天气预报。要下雪就用Twilio给我发短信"
        "提醒；气温低于零下10度就在钉钉群里提醒大家；别的情况不用管",
        "schedule",
        each(
            on("twilio", WEATHER),
            on("dingtalk", TEMP),
            independent("twilio", "dingtalk"),
            just("http_request", "twilio", "dingtalk"),
        ),
    ),
]

_OPEN: dict[str, str] = {
    "GitLab posts pipeline results": "a status said by value and a branch said by name "
    "(Successful …: nothing. Failed on production: … Failed on any other branch: …) open no "
    "branch; the sender named in the trigger sentence becomes a GitLab step",
    "每天早上8点从MySQL读昨天的订单": "the field of '订单数比前一天少了20%以上' is read as "
    "'一天少了' (condition field naming)",
    "Writers submit drafts through a form": "'a WordPress post' is read as Medium and "
    "'tweet about it' names no step; 'submit … through a form' starts manually",
}


@pytest.mark.parametrize(("text", "trigger", "check"), bank_cases(BANK, _OPEN, 40))
def test_cases4_bank(text: str, trigger: str, check: Check) -> None:
    g = Graph(text)
    check(g)
    sound(g, trigger)


def test_bank_size() -> None:
    assert len(BANK) >= 24
    assert sum(1 for t, _, _ in BANK if any("\u4e00" <= c <= "\u9fff" for c in t)) >= 12
