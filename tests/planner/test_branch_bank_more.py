"""The decision bank, continued: a case said by its value alone ("3 or 4 stars …"), the other
case said after its action ("… and B when it is not"), "otherwise" / "or else" / "否则" with
no comma before it, a Chinese level said without 是 ("优先级高的…，其余的…"), the second half
of "if A and B <action>", a step every case reaches, and a number said of payments (their
amount) (sentences of our own)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.planner.branch_graph import Graph, combined, joins, sound, split, ways

Check = Callable[[Graph], None]
RATING = ("rating", "score", "评分", "分数")

BANK: list[tuple[str, str, Check]] = [
    # --- a case said by its value alone --------------------------------------------------------
    (
        "When a survey form is submitted, if the score is below 5 email me, 5 or 6 post to "
        "Slack, 7 add a row to Google Sheets",
        "form",
        lambda g: ways(g, ["send_email", "slack", "google_sheets"], RATING),
    ),
    (
        "When a Typeform comes in, if the rating is under 2 stars create a Jira issue, 2 to 4 "
        "stars post to Discord, 5 stars send a Telegram message",
        "typeform",
        lambda g: ways(g, ["jira", "discord", "telegram"], RATING),
    ),
    (
        "收到表单提交时，如果评分低于3星就创建Zendesk工单，3到4星的发到钉钉，5星的添加到Airtable",
        "form",
        lambda g: ways(g, ["zendesk", "dingtalk", "airtable"], RATING),
    ),
    (
        "收到Typeform提交时，如果分数小于60就发邮件给我，60到80分的发到飞书，100分的添加到Notion",
        "typeform",
        lambda g: ways(g, ["send_email", "feishu", "notion"], RATING),
    ),
    # --- the other case after its action -------------------------------------------------------
    (
        "When a ticket is created in Zendesk, page Opsgenie if the priority is urgent and post "
        "to Slack if not",
        "zendesk",
        lambda g: split(g, "opsgenie", "slack", "priority"),
    ),
    (
        "When a form is submitted, add the lead to HubSpot when the budget is over 1000 and add "
        "it to Mailchimp when it isn't",
        "form",
        lambda g: split(g, "hubspot", "mailchimp", "budget"),
    ),
    (
        "When a GitHub issue is opened, create a Jira issue when the label is bug, and post to "
        "Discord when it's not",
        "github",
        lambda g: split(g, "jira", "discord", ("label", "labels")),
    ),
    (
        "收到表单提交时，如果预算超过1000就添加到HubSpot，不是的时候添加到Mailchimp",
        "form",
        lambda g: split(g, "hubspot", "mailchimp", ("budget", "预算")),
    ),
    # --- "otherwise" with no comma before it --------------------------------------------------
    (
        "When a form is submitted, if the amount is over 500 post it to Slack otherwise email me",
        "form",
        lambda g: split(g, "slack", "send_email", "amount"),
    ),
    (
        "When a Shopify order comes in, if the total is above 1000 create a HubSpot deal or "
        "else add it to Airtable",
        "shopify",
        lambda g: split(g, "hubspot", "airtable", ("total", "amount")),
    ),
    (
        "收到表单提交时，如果金额大于500就发到Slack否则发邮件给我",
        "form",
        lambda g: split(g, "slack", "send_email", ("amount", "金额")),
    ),
    (
        "收到Webhook请求时，如果状态是失败就在钉钉通知我不然在飞书发消息",
        "webhook",
        lambda g: split(g, "dingtalk", "feishu", ("status", "error")),
    ),
    # --- a Chinese level with no 是 -------------------------------------------------------------
    (
        "有新的Zendesk工单时，优先级高的发到钉钉，其余的添加到Notion",
        "zendesk",
        lambda g: split(g, "dingtalk", "notion", "priority"),
    ),
    (
        "收到Jira问题时，如果优先级低就添加到Trello，否则在飞书通知我",
        "jira",
        lambda g: split(g, "trello", "feishu", "priority"),
    ),
    (
        "收到Sentry告警时，严重程度高的在Opsgenie创建告警，其余的发到Slack",
        "webhook",  # the catalog has no Sentry trigger
        lambda g: split(g, "opsgenie", "slack", ("severity", "严重程度")),
    ),
    (
        "有新的Freshdesk工单时，优先级紧急的话发短信给我，不是的话发到企业微信",
        "webhook",  # the catalog has no Freshdesk trigger
        lambda g: split(g, "twilio", "wecom", "priority"),
    ),
    # --- "if A and B <action>" ----------------------------------------------------------------
    (
        "When a Stripe payment succeeds, if the amount is over 1000 and the currency is EUR "
        "send a Telegram message, otherwise add a row to Google Sheets",
        "stripe",
        lambda g: combined(g, ["amount", "currency"], "and", "telegram", "google_sheets"),
    ),
    (
        "When a HubSpot deal is created, if the stage is won and the value is over 5000 post "
        "to Slack",
        "hubspot",
        lambda g: combined(g, ["stage", "value"], "and", "slack"),
    ),
    (
        "When a form is submitted, if the country is Germany and the age is over 18 add the "
        "contact to Mailchimp, else email me",
        "form",
        lambda g: combined(g, ["country", "age"], "and", "mailchimp", "send_email"),
    ),
    # --- a step every case reaches -------------------------------------------------------------
    (
        "When a Typeform is submitted, if the score is over 7 post to Slack, otherwise email "
        "me; regardless, add a row to Google Sheets",
        "typeform",
        lambda g: joins(g, "google_sheets", "slack"),
    ),
    (
        "When a form is submitted, if the plan is pro add them to HubSpot, else add them to "
        "Mailchimp, and no matter what post to Discord",
        "form",
        lambda g: joins(g, "discord", "hubspot"),
    ),
    (
        "收到表单提交时，如果金额大于100就发到Slack，否则发邮件给我，不论如何都添加到Notion",
        "form",
        lambda g: joins(g, "notion", "slack"),
    ),
    # --- a number said of payments is their amount ---------------------------------------------
    (
        "When a Stripe payment succeeds, for payments under 50 post to Discord, otherwise post "
        "to Slack",
        "stripe",
        lambda g: split(g, "discord", "slack", "amount"),
    ),
    (
        "When a Stripe refund is created, if refunds are over 100 email finance, otherwise post "
        "to Slack",
        "stripe",
        lambda g: split(g, "send_email", "slack", "amount"),
    ),
    (
        "When a webhook is received, for transactions under 10 add a row to Google Sheets, for "
        "transactions over 10 post to Slack",
        "webhook",
        lambda g: split(g, "google_sheets", "slack", "amount"),
    ),
    (
        "When a Stripe charge succeeds, charges over 1000 go to Slack, everything else to "
        "Google Sheets",
        "stripe",
        lambda g: split(g, "slack", "google_sheets", "amount"),
    ),
]


@pytest.mark.parametrize(
    ("text", "trigger", "check"), BANK, ids=[f"m{i:02d}" for i in range(len(BANK))]
)
def test_each_outcome_sits_on_its_output(text: str, trigger: str, check: Check) -> None:
    g = Graph(text)
    check(g)
    sound(g, trigger)


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        (
            "When a Shopify order comes in, skip the ones where the total is under 10 or the "
            "country is CN, then add them to Google Sheets",
            ("total", "country"),
        ),
        (
            "Shopify有新订单时，跳过金额小于10或者国家是中国的订单，然后添加到谷歌表格",
            ("amount", "country"),
        ),
        (
            "When a form is submitted, ignore entries where the email is empty or the name is "
            "test, then add them to HubSpot",
            ("email", "name"),
        ),
    ],
)
def test_skipping_either_of_two_keeps_the_items_neither_holds_for(
    text: str, fields: tuple[str, str]
) -> None:
    g = Graph(text)
    (keep,) = [n for n in g.nodes.values() if n.subtype == "filter"]
    rules = keep.parameters["conditions"]
    assert keep.parameters["combine"] == "and" and len(rules) == 2
    assert all(f in str(r["left"]) for f, r in zip(fields, rules, strict=True))
    assert [r["operator"] for r in rules] != ["equals", "equals"]
    sound(g, "shopify" if "Shopify" in text else "form")
