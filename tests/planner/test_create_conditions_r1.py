"""Condition constructions on the create path (sentences of our own): "N+" as a threshold
("100+ stars", "$500+", "5+ years") and the Chinese field before 是/为 and after a joining
word ("而且版本号…", "员工数是 200+"). Each test asserts which condition a step sits behind,
on which field, with which rule."""

from __future__ import annotations

import pytest

from tests.planner.case_graph import G, guarded, split
from tests.planner.case_graph import cond_of as _cond

# --- "N+": at least N -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,x,field",
    [
        (
            "When a new Shopify order comes in and the total is 100+ dollars, "
            "tag the customer as VIP in Mailchimp",
            "mailchimp",
            "total",
        ),
        (
            "When a GitHub repo gets a new star and it has 100+ stars, post a tweet",
            "twitter",
            "stars",
        ),
        ("新的 HubSpot 联系人，如果员工数是 200+，就在 Slack 通知销售", "slack", "员工数"),
        (
            "When a new Typeform response comes in with a score of 8+, send a thank-you email with Gmail",
            "gmail",
            "score",
        ),
        (
            "When a new Salesforce lead is created and the score is 5+, notify the recruiting "
            "channel in Slack",
            "slack",
            "score",
        ),
    ],
)
def test_plus_is_a_threshold(text: str, x: str, field: str) -> None:
    guarded(text, x, field)


def test_plus_two_ways() -> None:
    split(
        "When a new Stripe payment arrives, if the amount is $500+ post it to Slack, "
        "otherwise add a row to Google Sheets",
        "slack",
        "google_sheets",
        "amount",
    )


@pytest.mark.parametrize(
    "text,want",
    [
        ("the total is 100+ dollars", ("total", "gte", 100)),
        ("it has 100+ stars", ("stars", "gte", 100)),
        ("the amount is 500+", ("amount", "gte", 500)),
        ("员工数是 200+", ("员工数", "gte", 200)),
        ("评分 8+", ("rating", "gte", 8)),
    ],
)
def test_plus_condition(text: str, want: tuple[str, str, object]) -> None:
    assert _cond(text) == want


@pytest.mark.parametrize("text", ["the result of 1+1 is 2", "C++ is mentioned", "电话以 +86 开头"])
def test_plus_not_a_threshold(text: str) -> None:
    c = _cond(text)
    assert c is None or c[1] != "gte"


# --- the Chinese field: not 是/为, not the joining word ------------------------------------------


@pytest.mark.parametrize(
    "text,want",
    [
        ("员工数是200以上", ("员工数", "gte", 200)),
        ("而且版本号以 v2 开头", ("版本号", "contains", "v2")),
        ("并且部门为销售部", ("部门", "eq", "销售部")),
        ("同时库存数是0", ("stock", "eq", 0)),
        ("并且工单数为10个以上", ("工单数", "gte", 10)),
    ],
)
def test_zh_field_words(text: str, want: tuple[str, str, object]) -> None:
    assert _cond(text) == want


def test_zh_joined_condition_field() -> None:
    g = G("当 GitHub 仓库有新的 release，而且版本号以 v2 开头时，发推特")
    assert any(g.field(i).split('"')[1] == "版本号" for i in g.sides("twitter")), g.sides("twitter")


# --- a category case led by the category with any verb: "technical creates …", "咨询的自动回复" ---


@pytest.mark.parametrize(
    "text,x,y",
    [
        (
            "When a new Zendesk ticket arrives, use AI to classify it as billing, technical or "
            "other; billing goes to Slack, technical creates a Jira issue, and everything else "
            "gets an email reply",
            "slack",
            "jira",
        ),
        (
            "When a new Intercom conversation starts, have AI classify it as sales, support or "
            "spam; sales tickets create a HubSpot deal, support tickets open a Zendesk ticket, "
            "spam is ignored",
            "hubspot",
            "zendesk",
        ),
        (
            "收到新的企业微信消息时，用AI判断类别：投诉的转给客服主管，咨询的在 Slack 回复，"
            "其他的存到 Notion",
            "send_email",
            "slack",
        ),
        (
            "新的 Gmail 邮件到达时，让AI分类：发票类的保存到 Google Drive，合同的发到钉钉，其余的忽略",
            "google_drive",
            "dingtalk",
        ),
    ],
)
def test_category_head_cases(text: str, x: str, y: str) -> None:
    split(text, x, y, "category")


# --- "if it's X" / "if it changes to X": the field of the case before; "the status is approved" --


@pytest.mark.parametrize(
    "text,x,y,field",
    [
        (
            "When a new row is added to Google Sheets, if the status is approved send an email "
            "via Outlook, if it's rejected post to Teams",
            "outlook",
            "microsoft_teams",
            "status",
        ),
        (
            "When a HubSpot deal stage changes to Closed Won, create an invoice in QuickBooks; "
            "if it changes to Closed Lost, notify the sales manager on Slack",
            "quickbooks",
            "slack",
            "status",
        ),
        (
            "When a new GitLab merge request is opened, if the target branch is main, post to "
            "Slack; if it's develop, notify Discord",
            "slack",
            "discord",
            "branch",
        ),
        (
            "When a Jira issue is updated, if the priority is Highest page PagerDuty; if it's "
            "Low, add a row to Airtable",
            "pagerduty",
            "airtable",
            "priority",
        ),
        (
            "When a Trello card moves, if the state is done post to Slack, if it moves to "
            "blocked email the team lead with Gmail",
            "slack",
            "gmail",
            "state",
        ),
    ],
)
def test_pronoun_case_same_field(text: str, x: str, y: str, field: str) -> None:
    split(text, x, y, field)


@pytest.mark.parametrize(
    "text,want",
    [
        ("the status is approved", ("status", "eq", "approved")),
        ("the stage is active", ("stage", "eq", "active")),
        ("the invoice is paid", None),
        ("it is enabled", None),
    ],
)
def test_valued_field_state(text: str, want: tuple[str, str, object] | None) -> None:
    got = _cond(text)
    if want is None:
        assert got is not None and got[1] == "is_true"
    else:
        assert got == want


# --- "otherwise, if …" with the comma: the next case of the same decision ------------------------


@pytest.mark.parametrize(
    "text,x,y,field",
    [
        (
            "When a new Mailchimp subscriber arrives: if the source is website, send a welcome "
            "email with Gmail; otherwise, if the source is event, add them to Airtable",
            "gmail",
            "airtable",
            "source",
        ),
        (
            "When a Stripe payment succeeds, if the currency is USD post to Slack. Otherwise, if "
            "the currency is EUR, add a row to Google Sheets",
            "slack",
            "google_sheets",
            "currency",
        ),
        (
            "新的 Jira 问题创建时，如果优先级是高就发钉钉，否则，如果优先级是中就发邮件",
            "dingtalk",
            "send_email",
            "priority",
        ),
        (
            "When a Typeform response comes in, if the plan is pro create a HubSpot contact, "
            "else, if the plan is basic, add them to Mailchimp",
            "hubspot",
            "mailchimp",
            "plan",
        ),
    ],
)
def test_otherwise_comma_if(text: str, x: str, y: str, field: str) -> None:
    split(text, x, y, field)


@pytest.mark.parametrize(
    "text,x,y,field",
    [
        (
            "新的 Jira 问题创建时，如果优先级是高就发钉钉，否则如果优先级是中就发邮件",
            "dingtalk",
            "send_email",
            "priority",
        ),
        (
            "有新的 Shopify 订单时，如果国家是中国就发飞书，不然如果国家是美国就发 Slack",
            "feishu",
            "slack",
            "country",
        ),
        (
            "When a Zendesk ticket is created, if the priority is urgent page PagerDuty, "
            "otherwise if the priority is high post to Slack",
            "pagerduty",
            "slack",
            "priority",
        ),
        (
            "When a new Airtable record is created, if the region is EMEA email the EMEA team "
            "with Gmail, or else if the region is APAC post to Discord",
            "gmail",
            "discord",
            "region",
        ),
    ],
)
def test_otherwise_if_not_an_answer(text: str, x: str, y: str, field: str) -> None:
    split(text, x, y, field)


def test_otherwise_comma_action() -> None:
    split(
        "When a Stripe payment succeeds, if the amount is over 100 post to Slack; otherwise, "
        "add a row to Google Sheets",
        "slack",
        "google_sheets",
        "amount",
    )
