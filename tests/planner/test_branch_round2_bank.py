"""Branch-structure bank, round 2 (sentences of our own, English and Chinese): "unless they
use a gmail, yahoo or outlook address, in which case …" tests the address for any of those
domains; value sets with a middle ("everything in between", "中间的") give the middle its own
output; NPS ranges sit on one decision on the score with nothing for 7–8; an AI judging the
language or mood routes one output per category plus a fallback; a status said by value
("已签收", "异常", "failed") is a Switch on the status; an approval before a write with the
small ones going "straight in"; country routing whose first case rides in the trigger
sentence; "otherwise do nothing" adds no step; a webhook that counts calls in Redis answers
429 or 200 on that count with no rule invented."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.planner.branch_graph import (
    Graph,
    answers,
    behind,
    bypasses,
    decided_after,
    only,
    routed,
    sound,
    under,
    vetted,
    ways,
)

Check = Callable[[Graph], None]
AMOUNT = ("amount", "金额", "total", "price", "value", "金额")
RATING = ("rating", "score", "评分", "分数", "nps", "NPS", "分")
EMAIL = ("email", "邮箱", "mail")
COUNTRY = ("country", "国家", "shipping")
STATUS = ("status", "状态")
COUNT = ("count", "calls", "value", "次数", "incr")


def each(*checks: Check) -> Check:
    """All of ``checks``, in order."""

    def run(g: Graph) -> None:
        for check in checks:
            check(g)

    return run


def two_ways(a: str, b: str, field: str | tuple[str, ...] | None) -> Check:
    """``a`` and ``b`` on different outputs of a gate comparing ``field``, and nothing else."""
    return each(lambda g: ways(g, [a, b], field), lambda g: only(g, [a, b]))


def three_ways(a: str, b: str, c: str, field: str | tuple[str, ...] | None) -> Check:
    return each(lambda g: ways(g, [a, b, c], field), lambda g: only(g, [a, b, c]))


def no_error_check(g: Graph) -> None:
    """No gate invents an error/down test for a status value."""
    for gid, n in g.nodes.items():
        if n.subtype in ("if", "switch"):
            assert "error" not in g.compares(gid).lower(), g.compares(gid)


BANK: list[tuple[str, str, Check]] = [
    # --- "unless …, in which case …" with a list of mail domains -------------------------------
    (
        "When someone submits the signup form, create a contact in Copper — unless they signed "
        "up with a gmail, yahoo or outlook address, in which case just add them to Google Sheets",
        "form",
        two_ways("copper", "google_sheets", EMAIL),
    ),
    (
        "When a new Typeform response comes in, add the person to Keap unless their email is a "
        "hotmail or yahoo address, in which case only log them in Airtable",
        "typeform",
        two_ways("keap", "airtable", EMAIL),
    ),
    (
        "有新的注册表单提交时，在Pipedrive创建联系人——除非他们用的是qq、163或者126邮箱，"
        "那样的话只加到谷歌表格",
        "form",
        two_ways("pipedrive", "google_sheets", EMAIL),
    ),
    (
        "Jotform有新报名时，在HubSpot创建联系人，除非邮箱是qq或163的，那样的话只记到Airtable",
        "jotform",
        two_ways("hubspot", "airtable", EMAIL),
    ),
    # --- value sets with a middle -------------------------------------------------------------------
    (
        "When a Jotform feedback form is submitted, ratings of 1 or 2 open a Zendesk ticket, a 5 "
        "gets a thank-you email, and everything in between goes into our Airtable table",
        "jotform",
        three_ways("zendesk", "send_email", "airtable", RATING),
    ),
    (
        "收到问卷表单时，评分1分或2分的在Zendesk建工单，5分的发感谢邮件，中间的都记到Airtable表里",
        "form",
        three_ways("zendesk", "send_email", "airtable", RATING),
    ),
    (
        "收到满意度表单时，打1分的在钉钉通知客服主管，打5分的发感谢邮件，其余的写进谷歌表格",
        "form",
        three_ways("dingtalk", "send_email", "google_sheets", RATING),
    ),
    # --- NPS ranges, nothing for 7–8 ----------------------------------------------------------------
    (
        "When a SurveyMonkey response arrives, scores 0-6 → create a Freshdesk ticket, "
        "9-10 → add them to ActiveCampaign",
        "surveymonkey",
        two_ways("freshdesk", "activecampaign", RATING),
    ),
    (
        "When a Typeform survey is answered, people scoring 0 to 6 get a Help Scout "
        "conversation and those scoring 9 or 10 are added to Mailchimp",
        "typeform",
        two_ways("help_scout", "mailchimp", RATING),
    ),
    (
        "Typeform有新回复时，打0到6分的在Freshdesk建工单；打9到10分的加到ActiveCampaign列表",
        "typeform",
        two_ways("freshdesk", "activecampaign", RATING),
    ),
    (
        "收到NPS调查表单时，0-6分的在钉钉通知客服主管，9-10分的加到Mailchimp，7、8分的不用处理",
        "form",
        two_ways("dingtalk", "mailchimp", RATING),
    ),
    # --- categories an AI judges ------------------------------------------------------------------
    (
        "收到Gmail新邮件时，让AI判断是什么语言：中文的直接转到飞书群，英文的在Freshdesk建工单，"
        "其他语言先用DeepL翻译再发飞书群",
        "gmail",
        each(
            lambda g: routed(g, ["freshdesk"], "deepl", None, after=True),
            lambda g: under(g, "feishu", "deepl"),
            lambda g: only(g, ["feishu", "freshdesk", "deepl"]),
        ),
    ),
    (
        "When a Gmail message arrives, have AI detect its language: English ones become a "
        "Freshdesk ticket, Spanish ones are posted to Discord, and anything else is translated "
        "with DeepL and then sent to Telegram",
        "gmail",
        each(
            lambda g: routed(g, ["freshdesk", "discord"], "deepl", None, after=True),
            lambda g: under(g, "telegram", "deepl"),
        ),
    ),
    (
        "收到Outlook新邮件时，用AI判断情绪：正面的发到Slack，负面的在Zendesk建工单，其余的存到Notion",
        "outlook",
        lambda g: routed(g, ["slack", "zendesk"], "notion", None, after=True),
    ),
    # --- status cases from a webhook -------------------------------------------------------------
    (
        "收到物流Webhook时，状态是“已签收”就在Shopify里把订单更新为已完成，状态是“异常”就发邮件通知客服，"
        "其他状态不用管",
        "webhook",
        each(two_ways("shopify", "send_email", STATUS), no_error_check),
    ),
    (
        "收到Webhook推送的工单状态时，状态为“已关闭”的在Notion归档，状态为“已升级”的在钉钉通知主管，"
        "其他的忽略",
        "webhook",
        each(two_ways("notion", "dingtalk", STATUS), no_error_check),
    ),
    (
        "When a webhook reports a shipment, if the status is 'delivered' update the order in "
        "Shopify, if it is 'failed' email support, and ignore the rest",
        "webhook",
        each(two_ways("shopify", "send_email", STATUS), no_error_check),
    ),
    (
        "When a delivery webhook comes in: status 'returned' → create a Trello card; status "
        "'lost' → alert the team in Slack; any other status, do nothing",
        "webhook",
        each(two_ways("trello", "slack", STATUS), no_error_check),
    ),
    # --- an approval before a write, the small ones straight in ------------------------------------
    (
        "When an expense form is submitted, anything above $500 has to be approved by the "
        "finance manager over email before it goes into QuickBooks; smaller claims go straight in",
        "form",
        each(
            lambda g: vetted(g, "quickbooks", None, AMOUNT),
            lambda g: bypasses(g, "quickbooks"),
        ),
    ),
    (
        "When a Jotform purchase request comes in, anything over $1,000 needs my boss's approval "
        "in Slack before it's added to Xero; cheaper requests go straight into Xero",
        "jotform",
        each(
            lambda g: vetted(g, "xero", None, AMOUNT),
            lambda g: bypasses(g, "xero"),
        ),
    ),
    (
        "收到报销表单时，金额超过3000元的要财务经理通过邮件审批后才能记到Xero，小额的直接记到Xero",
        "form",
        each(
            lambda g: vetted(g, "xero", None, AMOUNT),
            lambda g: bypasses(g, "xero"),
        ),
    ),
    # --- country routing with the first case in the trigger sentence ------------------------------
    (
        "When a Shopify order is paid and ships to Canada, POST it to "
        "https://ca.example.com/orders; US orders go to https://us.example.com/orders; for any "
        "other country email me",
        "shopify",
        lambda g: routed(
            g,
            ["http_request:ca.example.com", "http_request:us.example.com"],
            "send_email",
            COUNTRY,
        ),
    ),
    (
        "When a WooCommerce order comes in and the shipping country is Germany, send it to "
        "https://de.example.com/hook; French orders go to https://fr.example.com/hook; "
        "everything else gets emailed to ops@example.com",
        "woocommerce",
        lambda g: routed(
            g,
            ["http_request:de.example.com", "http_request:fr.example.com"],
            "send_email",
            COUNTRY,
        ),
    ),
    (
        "Shopify订单付款后，如果寄往日本就推送到 https://jp.example.com/orders ，寄往韩国的推送到 "
        "https://kr.example.com/orders ，其他国家发邮件给我",
        "shopify",
        lambda g: routed(
            g,
            ["http_request:jp.example.com", "http_request:kr.example.com"],
            "send_email",
            COUNTRY,
        ),
    ),
    # --- "otherwise do nothing" --------------------------------------------------------------------
    (
        "收到Stripe付款成功时，如果金额超过1万就在企业微信通知老板，否则什么都不做",
        "stripe",
        each(lambda g: only(g, ["wecom"]), lambda g: behind(g, "wecom", AMOUNT)),
    ),
    (
        "When a new HubSpot deal is created, if the deal amount is above 50000 create a Jira "
        "task, otherwise do nothing",
        "hubspot",
        each(lambda g: only(g, ["jira"]), lambda g: behind(g, "jira", AMOUNT)),
    ),
    # --- webhook count-and-answer ------------------------------------------------------------------
    (
        "When a webhook call comes in, count calls per API key in Redis; if a key made more "
        "than 1000 calls answer 429, otherwise answer 200 and index it in Elasticsearch",
        "webhook",
        each(
            lambda g: answers(g, 429, 200, None),
            lambda g: ways(g, ["webhook_response:429", "elasticsearch"], None),
            lambda g: decided_after(g, "redis", COUNT, rules=1),
            lambda g: only(g, ["redis", "webhook_response", "elasticsearch"]),
        ),
    ),
    (
        "收到Webhook请求时，用Redis统计每个API密钥的调用次数；如果超过1000次就返回429，"
        "否则返回200并把数据写进Elasticsearch",
        "webhook",
        each(
            lambda g: answers(g, 429, 200, None),
            lambda g: ways(g, ["webhook_response:429", "elasticsearch"], None),
            lambda g: decided_after(g, "redis", COUNT, rules=1),
            lambda g: only(g, ["redis", "webhook_response", "elasticsearch"]),
        ),
    ),
]


# r23: "寄往日本" reads as no country condition
# (condition detection); r26: the Redis count is not what the IF compares (an aggregate
# is invented beside it and the IF reads "made")
_OPEN: set[int] = {23, 26}


@pytest.mark.parametrize(
    ("text", "trigger", "check"),
    [
        pytest.param(*row, marks=pytest.mark.xfail(strict=True)) if i in _OPEN else row
        for i, row in enumerate(BANK)
    ],
    ids=[f"r{i:02d}" for i in range(len(BANK))],
)
def test_each_case_sits_on_its_own_output(text: str, trigger: str, check: Check) -> None:
    g = Graph(text)
    check(g)
    sound(g, trigger)
