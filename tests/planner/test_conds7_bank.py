"""Conditions and cases bank (round 7, sentences of our own, English and Chinese).

Constructions:

* cases headed by a bare value + 的 ("小学的…，初中的…，其他年级…"), the field they test
  inferred from the trigger's bracketed fields or the sentence;
* a unit naming the field a condition compares ("超过10公斤的" -> weight, "under 35 hours"
  -> hours, "longer than 42 km" -> distance);
* "either way / in every case / 最后都要 / 无论哪种" steps that join every case;
* a missing-field case, or a date-age case, said after the main actions: the main actions
  move to the other output of its test;
* a case on a yes/no value an AI step extracts; a bracketed English value naming the value.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.planner.bank_cases import bank_cases
from tests.planner.branch_graph import YES, Graph, behind, joins, sound, ways

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


def gated(step: str, says: tuple[str, ...]) -> Check:
    """``step`` sits on a passing output of a gate whose parameters say one of ``says``."""

    def run(g: Graph) -> None:
        sides = g.sides_of(_acts(g, step))
        assert any(o in YES and _says(g, k, says) for k, o in sides.items()), {
            k: (o, g.nodes[k].parameters) for k, o in sides.items()
        }

    return run


def free(step: str) -> Check:
    """``step`` runs on every path: no gate output alone leads to it."""
    return lambda g: _free(g, step)


def _free(g: Graph, step: str) -> None:
    assert g.sides(step) == {}, g.sides(step)


def read(app: str) -> Check:
    """Some node of ``app`` reads."""

    def run(g: Graph) -> None:
        ops = [str(g.nodes[i].parameters.get("operation", "")).lower() for i in g.find(app)]
        assert any(o.startswith(READS) for o in ops), ops

    return run


def fields(steps: list[str], field: tuple[str, ...]) -> Check:
    return lambda g: ways(g, steps, field)


def on(step: str, field: tuple[str, ...]) -> Check:
    return lambda g: behind(g, step, field)


def joined(step: str, after: str) -> Check:
    return lambda g: joins(g, step, after)


def each(*checks: Check) -> Check:
    def run(g: Graph) -> None:
        for check in checks:
            check(g)

    return run


GRADE = ("年级", "grade")
WEIGHT = ("重量", "weight", "kg")
HOURS = ("hour", "小时", "total", "sum", "duration")
DATE = ("date", "日期", "day", "purchase", "下单", "order")

BANK: list[tuple[str, str, Check]] = [
    # --- cases by value, field from the trigger's fields; a step after every case -------------
    (
        "Our gym's kiosk posts check-ins (member_id, plan, visits) to a webhook. Gold plan "
        "members get a welcome text through Twilio, silver ones get an email via SendGrid, "
        'everyone else just gets a row in Airtable. Respond {"ok": true} in every case.',
        "webhook",
        each(
            fields(["twilio", "sendgrid", "airtable"], ("plan",)),
            joined("webhook_response", "twilio"),
        ),
    ),
    (
        "家长通过webhook提交报名（姓名、电话、年级、课程）。小学的在Notion的“小学班”数据库建记录，初中的加到Airtable，"
        '其他年级发邮件给 office@school.cn。最后都返回 {"ok":true}',
        "webhook",
        each(
            fields(["notion", "airtable", "send_email"], GRADE),
            joined("webhook_response", "notion"),
        ),
    ),
    (
        "有新的Stripe付款时，金额超过1000的在Salesforce建商机，其余的在HubSpot建联系人；无论哪种都在Slack的#payments频道发一条",
        "stripe",
        each(
            fields(["salesforce", "hubspot"], ("amount", "金额")),
            joined("slack", "salesforce"),
        ),
    ),
    (
        "When a Shopify order is paid: orders above $500 create a HubSpot deal, smaller ones get "
        "a Pipedrive note; post the order to Discord either way.",
        "shopify",
        each(
            fields(["hubspot", "pipedrive"], ("total", "price", "amount")),
            joined("discord", "hubspot"),
        ),
    ),
    # --- a unit names the field ---------------------------------------------------------------
    (
        "快递柜每次存件都调webhook（柜号、重量、收件人手机）。先存到Postgres；超过10公斤的再用钉钉通知搬运工；"
        '最后返回 {"done": true}',
        "webhook",
        each(on("dingtalk", WEIGHT), free("postgres"), joined("webhook_response", "dingtalk")),
    ),
    (
        "A webhook receives shipment scans (tracking_no, weight, city). Save every scan in "
        "Supabase; parcels heavier than 20 kg also get a Slack message in #heavy.",
        "webhook",
        each(on("slack", WEIGHT), free("supabase")),
    ),
    (
        "Every Friday at 5pm pull this week's Clockify time entries, total the hours per "
        "person, and send anyone who logged fewer than 35 hours a reminder through Gmail.",
        "schedule",
        on("gmail", HOURS),
    ),
    (
        "每周一早上9点从Toggl取出上周的工时记录，按人汇总小时数，少于40小时的人用企业微信提醒一下",
        "schedule",
        on("wecom", HOURS),
    ),
    (
        "Our running app calls a webhook after each run (runner, distance, time). Runs longer "
        "than 42 km get a congratulation post in Discord; every run is logged in Airtable.",
        "webhook",
        each(on("discord", ("distance", "km")), free("airtable")),
    ),
    # --- a missing-field or date-age case said after the main actions -------------------------
    (
        "Our signup page POSTs (email, name) to a webhook. Add the person to our Brevo "
        "newsletter list, log them in Google Sheets and respond 201. If the payload has no "
        "email, respond 422 and do nothing else.",
        "webhook",
        each(
            fields(["brevo", "webhook_response:422"], ("email",)),
            fields(["google_sheets", "webhook_response:422"], ("email",)),
        ),
    ),
    (
        "会员在App里注销账号时会调webhook（会员ID、邮箱）。先在MySQL里把这个会员标成已注销，再从Mailchimp里退订，然后回200。"
        "如果请求里没有会员ID，就回400，别的都不做",
        "webhook",
        fields(["mysql", "webhook_response:400"], ("会员ID", "member", "id")),
    ),
    (
        "A webhook receives warranty claims with the purchase date. If the purchase was more "
        'than 365 days ago, respond {"covered": false}. Otherwise create a Zendesk ticket and '
        "respond with the ticket id.",
        "webhook",
        fields(["zendesk", "webhook_response:False"], DATE),
    ),
    (
        '顾客申请退货时网站会调webhook，带着下单日期。如果下单已经超过7天，返回 {"ok": false}；'
        "否则在Zendesk里建一个工单，并返回工单号",
        "webhook",
        fields(["zendesk", "webhook_response:False"], DATE),
    ),
    # --- a case on a yes/no value an AI step extracts -----------------------------------------
    (
        "Support emails arrive at help@ourshop.example. Have OpenAI work out the order number "
        "and whether the customer is angry. Angry ones become a PagerDuty incident; calm ones "
        "just get appended to the 'support log' Google Sheet.",
        "email",
        apart("pagerduty", "google_sheets", says=("angry",)),
    ),
    (
        "客服邮箱 service@abc.cn 收到邮件时，让AI提取订单号以及客户是否要求退款。要求退款的在Freshdesk建高优先级工单；"
        "其他的追加到Google表格“客服记录”里",
        "email",
        apart("freshdesk", "google_sheets", says=("退款", "refund")),
    ),
    # --- a value said in brackets or in quotes, or by a note that mentions it -----------------
    (
        "WooCommerce有新订单时，把订单记到Google表格里；如果是货到付款的（cod），再在钉钉里提醒财务",
        "woocommerce",
        each(gated("dingtalk", ("cod",)), free("google_sheets")),
    ),
    (
        "每个新的Shopify订单都用企业微信通知仓库；订单备注里写了“加急”的，再在Slack的#urgent频道里发一条",
        "shopify",
        each(gated("slack", ("加急",)), free("wecom")),
    ),
    (
        "客户在Typeform里提交需求表单后，都加进Mailchimp；如果他选的预算是“10万以上”，再在HubSpot里建一个deal",
        "typeform",
        each(gated("hubspot", ("预算", "budget", "10万")), free("mailchimp")),
    ),
    (
        "每天早上8点看看Trello上今天到期的卡片，有的话用Telegram告诉我，一张都没有就别发",
        "schedule",
        each(gated("telegram", ("",)), read("trello")),
    ),
]

_OPEN: dict[str, str] = {
    "Our gym's kiosk posts": "'Gold plan members get…' is read as a yes/no field gold_plan, and "
    "the trigger as an email one (from 'an email via SendGrid')",
    "Every Friday at 5pm pull": "'anyone who logged fewer than 35 hours' opens no condition after "
    "the totals",
    "Our signup page POSTs": "'POSTs … to a webhook' is read as an email trigger; the no-email "
    "case gives no 422 response",
}


@pytest.mark.parametrize(("text", "trigger", "check"), bank_cases(BANK, _OPEN, 40))
def test_conds7_bank(text: str, trigger: str, check: Check) -> None:
    g = Graph(text)
    check(g)
    sound(g, trigger)


def test_bank_size() -> None:
    assert len(BANK) >= 16
    assert sum(1 for t, _, _ in BANK if any("\u4e00" <= c <= "\u9fff" for c in t)) >= 8
