"""The decision bank, continued: a case said by its value alone ("3 or 4 stars …"), the other
case said after its action ("… and B when it is not"), and "otherwise" / "or else" / "否则"
with no comma before it (sentences of our own)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.planner.branch_graph import Graph, sound, split, ways

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
]


@pytest.mark.parametrize(
    ("text", "trigger", "check"), BANK, ids=[f"m{i:02d}" for i in range(len(BANK))]
)
def test_each_outcome_sits_on_its_output(text: str, trigger: str, check: Check) -> None:
    g = Graph(text)
    check(g)
    sound(g, trigger)
