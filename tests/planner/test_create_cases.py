"""Constructions that open cases on the create path, in sentences of our own: a check and its
yes/no answers, "…的话 / 不是的话", "有就 / 没有就", multi-way cases, relative clauses
("分数高于80的…"), sizes ("small ones … large ones …"), filters ("skip those without …"),
"ends with", time units, "only the negative ones", and a step said after a closed branch.

Each test asserts the graph's structure: which condition node a step sits behind, on which
output, and the field that condition compares."""

from __future__ import annotations

import pytest

from tests.planner.case_graph import G, guarded, split
from tests.planner.case_graph import cond_of as _cond

# --- a check and its yes / no answers ----------------------------------------------------------


@pytest.mark.parametrize(
    "text,x,y,field",
    [
        (
            "When a new HubSpot contact is created, check if it has an email: if it does add it"
            " to Mailchimp, if not create an Asana task",
            "mailchimp",
            "asana",
            "email",
        ),
        (
            "When a Typeform response comes in, check whether the email ends with @acme.com;"
            " if so add it to Airtable, if not post to Slack #sales",
            "airtable",
            "slack",
            "email",
        ),
        (
            "新的Pipedrive联系人创建时，检查有没有电话，有就创建Todoist任务，没有就创建Trello卡片",
            "todoist",
            "trello",
            "phone",
        ),
        (
            "表单提交后，检查邮箱是否以@corp.com结尾，是的话加到Mailchimp，不是的话创建HubSpot联系人",
            "mailchimp",
            "hubspot",
            "email",
        ),
    ],
)
def test_a_check_and_its_answers_are_the_two_outputs(text: str, x: str, y: str, field: str) -> None:
    split(text, x, y, field)


# --- Chinese "…的话 …，不是的话 …", "有…就…，没有就…" -------------------------------------------


@pytest.mark.parametrize(
    "text,x,y,field",
    [
        (
            "新的Zendesk工单，有附件就上传到Google Drive，没有就创建Trello卡片",
            "google_drive",
            "trello",
            "attachment",
        ),
        (
            "当有新的Typeform回复时，用AI判断情绪，负面的话创建Jira问题，不是的话发Slack",
            "jira",
            "slack",
            "sentiment",
        ),
        (
            "当有新的Shopify订单时，金额超过500的话发钉钉，不然就记录到Airtable",
            "dingtalk",
            "airtable",
            "amount",
        ),
        (
            "收到新的Stripe付款时，预算低于5000的话创建Asana任务，否则创建Salesforce商机",
            "asana",
            "salesforce",
            "budget",
        ),
    ],
)
def test_zh_de_hua_and_its_otherwise(text: str, x: str, y: str, field: str) -> None:
    split(text, x, y, field)


# --- multi-way: one case per value, the rest on the fallback ------------------------------------


@pytest.mark.parametrize(
    "text,x,y,field",
    [
        (
            "每小时获取新的Jira问题，优先级是高就发企业微信，是中就建Trello卡片，其他的不处理",
            "wecom",
            "trello",
            "priority",
        ),
        (
            "Every hour get new Jira issues; if the priority is high post to Slack, if it is medium"
            " create a Trello card, otherwise do nothing",
            "slack",
            "trello",
            "priority",
        ),
        (
            "Every hour get Stripe charges, over 1000 post to Slack, under 1000 create an Airtable"
            " record",
            "slack",
            "airtable",
            "",
        ),
        (
            "收到新工单时，类型是退款就发邮件给财务，是咨询就发Slack，其他的不处理",
            "send_email",
            "slack",
            "type",
        ),
    ],
)
def test_several_cases_sit_on_different_outputs(text: str, x: str, y: str, field: str) -> None:
    split(text, x, y, field)


# --- relative clauses and "for those …": a field made by an earlier step ------------------------


@pytest.mark.parametrize(
    "text,x,field",
    [
        ("每天检查Shopify订单，金额不少于500的发到钉钉", "dingtalk", "amount"),
        (
            "每小时从HubSpot获取联系人，用AI打分，分数高于80的在Salesforce建线索",
            "salesforce",
            "score",
        ),
        (
            "Every hour read Pipedrive deals, use AI to score them, and for those scoring above 70"
            " create a Trello card",
            "trello",
            "score",
        ),
        (
            "Every morning get Shopify orders; anything over $500 goes to Slack #big",
            "slack",
            "price",
        ),
        ("每天获取Airtable记录，库存低于10的发邮件给采购", "send_email", "stock"),
    ],
)
def test_a_qualified_ones_clause_guards_its_action(text: str, x: str, field: str) -> None:
    guarded(text, x, field)


def test_a_score_condition_is_downstream_of_the_step_that_makes_the_score() -> None:
    g = G("每小时从HubSpot获取联系人，用AI打分，分数高于80的在Salesforce建线索")
    gate = next(iter(g.sides("salesforce")))
    ai = [i for i, n in g.nodes.items() if n.subtype in ("llm_chat", "text_classifier")]
    assert ai and any(gate in g._below(a) for a in ai)


# --- sizes: "small ones … large ones …" --------------------------------------------------------


@pytest.mark.parametrize(
    "text,x,y",
    [
        (
            "When a webhook receives an order, small orders go to Slack #orders, large ones need"
            " approval from my manager by email",
            "slack",
            "approval_email",
        ),
        (
            "When a new Airtable record arrives, cheap items go to Slack #deals and expensive ones"
            " to Trello",
            "slack",
            "trello",
        ),
        (
            "Every day get new Jira issues: small tickets go to Trello, big ones go to Asana",
            "trello",
            "asana",
        ),
        (
            "When a Typeform response comes in, short answers go to Airtable, long ones go to"
            " Notion",
            "airtable",
            "notion",
        ),
    ],
)
def test_size_words_are_cases_of_one_condition(text: str, x: str, y: str) -> None:
    split(text, x, y, "")


# --- filters: "skip those without …", "remove any without …" ----------------------------------


@pytest.mark.parametrize(
    "text,field",
    [
        (
            "Every day get Salesforce leads, skip those without a phone number, and add them to HubSpot",
            "phone",
        ),
        (
            "Every hour get new Pipedrive persons, remove any without an email, and add them to Mailchimp",
            "email",
        ),
        ("每天获取HubSpot联系人，忽略没有邮箱的，然后加到Mailchimp", "email"),
        (
            "Every day get Airtable records, keep only those where the status is open, and post them to Slack",
            "status",
        ),
    ],
)
def test_a_filter_compares_the_field_it_names(text: str, field: str) -> None:
    g = G(text)
    assert any(field in f for f in g.filtered()), g.filtered()


# --- the grammar: ends with, presence, time units, verbs ---------------------------------------


def test_ends_with_is_a_contains_on_the_named_field() -> None:
    assert _cond("the sender ends with @acme.com") == ("sender", "contains", "@acme.com")
    assert _cond("邮箱以@acme.com结尾") == ("email", "contains", "@acme.com")
    assert _cond("邮箱是公司邮箱（@acme.com结尾）") == ("email", "contains", "@acme.com")
    assert _cond("the name starts with 'Test'") == ("name", "contains", "Test")
    assert _cond("the address ends in .edu") == ("address", "contains", ".edu")


def test_presence_and_absence() -> None:
    assert _cond("it has an email") == ("email", "not_empty", None)
    assert _cond("they have a phone number") == ("phone_number", "not_empty", None)
    assert _cond("有附件") == ("attachment", "not_empty", None)
    assert _cond("没有邮箱") == ("email", "is_empty", None)
    assert _cond("without a phone number") == ("phone_number", "is_empty", None)


def test_a_comparison_naming_no_field_compares_its_unit_or_verb() -> None:
    assert _cond("anyone logged fewer than 4 hours") == ("duration_hours", "lt", 4)
    assert _cond("it lasts more than 2 hours") == ("duration_hours", "gt", 2)
    assert _cond("the response takes more than 2 seconds") == ("duration_seconds", "gt", 2)
    assert _cond("超过3天") == ("duration_days", "gt", 3)
    assert _cond("those scoring above 80") == ("score", "gt", 80)


def test_a_guarded_step_with_a_unit_condition() -> None:
    guarded(
        "Every weekday at 5 pm read today's time entries from Toggl and if anyone logged fewer"
        " than 6 hours, post to Slack",
        "slack",
        "hours",
    )
    guarded(
        "When a new Calendly booking comes in, if it lasts more than 2 hours notify me on Telegram",
        "telegram",
        "hours",
    )


# --- "only the negative ones" -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,x,field",
    [
        (
            "Every 2 hours get new Zendesk tickets, run sentiment on each, and post only the negative ones to Slack #pr",
            "slack",
            "sentiment",
        ),
        (
            "When a new Typeform response arrives, analyse its sentiment and send only the positive ones to Airtable",
            "airtable",
            "sentiment",
        ),
        (
            "Every hour get Intercom conversations, classify them as urgent or normal, and forward only the urgent ones to Telegram",
            "telegram",
            "category",
        ),
        ("每小时获取新的评论，做情感分析，只把负面的发到Slack", "slack", "sentiment"),
    ],
)
def test_only_the_kind_ones_guards_the_action(text: str, x: str, field: str) -> None:
    guarded(text, x, field)


# --- a step said after a closed branch joins every case ---------------------------------------


@pytest.mark.parametrize(
    "text,x,y,z",
    [
        (
            "When a new contact is added in Pipedrive, if the email is empty create a Todoist"
            " task, otherwise add them to Mailchimp, and then post a message to Slack",
            "todoist",
            "mailchimp",
            "slack",
        ),
        (
            "新的Stripe付款时，如果金额超过1000就发Slack消息，否则记录到Google表格，然后创建Trello卡片",
            "slack",
            "google_sheets",
            "trello",
        ),
        (
            "When a GitHub issue is opened, if the title contains 'bug' create a Jira issue, else"
            " create an Asana task, then post to Discord",
            "jira",
            "asana",
            "discord",
        ),
        (
            "表单提交后，有附件就上传到Dropbox，没有就创建Trello卡片，然后发邮件给我",
            "dropbox",
            "trello",
            "send_email",
        ),
    ],
)
def test_a_step_after_the_otherwise_joins_every_case(text: str, x: str, y: str, z: str) -> None:
    g = G(text)
    sx, sy = g.sides(x), g.sides(y)
    assert any(i in sy and sx[i] != sy[i] for i in sx), (sx, sy)
    assert not g.sides(z), g.sides(z)


def test_then_inside_an_open_case_stays_in_it() -> None:
    guarded(
        "When a Shopify product is created, if the inventory is fewer than 5 create a Trello card"
        " and then email the buyer",
        "send_email",
        "inventory",
    )


# --- "validate that X …; if not-X …": the negation is the other case ----------------------------


@pytest.mark.parametrize(
    "text,x,y,field",
    [
        (
            "When a form is submitted, make sure the phone is not empty, then create a Salesforce"
            " lead; if the phone is empty send me an email",
            "salesforce",
            "send_email",
            "phone",
        ),
        (
            "Create a webhook that receives JSON with name and email, validates that email is not"
            " empty and creates a HubSpot contact; if email is empty return a 400 error",
            "hubspot",
            "webhook_response",
            "email",
        ),
        (
            "When a Typeform response arrives, verify that the company is not empty and add it to"
            " Airtable. If the company is empty, post to Slack #sales",
            "airtable",
            "slack",
            "company",
        ),
        (
            "表单提交后，检查是否有邮箱，然后加到Mailchimp；如果没有邮箱就创建Trello卡片",
            "mailchimp",
            "trello",
            "email",
        ),
    ],
)
def test_a_validated_condition_and_its_negation_are_two_outputs(
    text: str, x: str, y: str, field: str
) -> None:
    split(text, x, y, field)


# --- a case's action said as "<verb> it by <doing>" --------------------------------------------


@pytest.mark.parametrize(
    "text,x,field",
    [
        (
            "When a new ticket is created in Zendesk, run sentiment analysis on it; if the"
            " sentiment is negative escalate it by creating a Jira bug, otherwise do nothing",
            "jira",
            "sentiment",
        ),
        (
            "When a new Intercom conversation starts, analyse the sentiment; if it's negative"
            " escalate by opening a Linear issue",
            "linear",
            "sentiment",
        ),
        (
            "When a GitHub issue is opened, if the title contains 'security' handle it by posting"
            " to Slack #security",
            "slack",
            "title",
        ),
        (
            "When a Stripe charge succeeds, if the amount is over 1000 celebrate it by sending a"
            " message to Discord",
            "discord",
            "amount",
        ),
    ],
)
def test_the_doing_after_by_is_the_guarded_step(text: str, x: str, field: str) -> None:
    g = G(text)
    assert any(field in g.field(i) for i in g.sides(x)), (g.sides(x), g.edges)
    assert all(n.parameters.get("operation") != "getAll" for n in g.nodes.values())


# --- AI classification said as a question, then its cases --------------------------------------


@pytest.mark.parametrize(
    "text,x,y",
    [
        (
            "收到新邮件时，用AI判断是投诉、咨询还是其他：投诉就在Zendesk建工单，咨询就转发到Slack，其他的不处理",
            "zendesk",
            "slack",
        ),
        (
            "新的工单进来时，让AI判断是退款还是投诉，退款就发邮件给财务，投诉就发钉钉",
            "send_email",
            "dingtalk",
        ),
        (
            "When a new Intercom message arrives, use AI to decide whether it is a bug, a question"
            " or feedback: bugs go to Linear, questions to Zendesk, otherwise do nothing",
            "linear",
            "zendesk",
        ),
        (
            "When an email arrives, have AI determine if it is sales or support; sales ones go to"
            " HubSpot, support ones go to Freshdesk",
            "hubspot",
            "freshdesk",
        ),
    ],
)
def test_a_classifier_asked_as_a_question_routes_its_categories(text: str, x: str, y: str) -> None:
    g = G(text)
    assert any(n.subtype == "text_classifier" for n in g.nodes.values())
    sx, sy = g.sides(x), g.sides(y)
    assert any(i in sy and sx[i] != sy[i] and "category" in g.field(i) for i in sx), (sx, sy)


# --- a label or tag in the trigger, a Chinese field in the trigger ------------------------------


@pytest.mark.parametrize(
    "text,x,field",
    [
        (
            "When a new Linear issue gets the label 'customer', create a Zendesk ticket",
            "zendesk",
            "label",
        ),
        ("When a GitHub issue gets labelled 'bug', create a Jira issue", "jira", "label"),
        ("When a Trello card is tagged 'urgent', send a Telegram message", "telegram", "label"),
        ("当Shopify库存低于10件时，在Trello创建补货卡片", "trello", "stock"),
    ],
)
def test_a_condition_in_the_trigger_guards_the_steps(text: str, x: str, field: str) -> None:
    guarded(text, x, field)


# --- "for high-priority ones …, for the rest …"; Chinese comparisons without 的 ----------------


@pytest.mark.parametrize(
    "text,x,y,field",
    [
        (
            "Every morning get the open Jira issues; for high-priority ones post to Slack, for the"
            " rest create Trello cards",
            "slack",
            "trello",
            "priority",
        ),
        (
            "Every hour get Zendesk tickets; for high-severity tickets page me on Twilio, for the"
            " others add a row to Google Sheets",
            "twilio",
            "google_sheets",
            "severity",
        ),
        (
            "收到新的Stripe付款时，金额在1000以上发钉钉，1000以下记录到Airtable",
            "dingtalk",
            "airtable",
            "amount",
        ),
        (
            "每天获取Shopify订单，金额超过500发Slack，不到500记录到Google表格",
            "slack",
            "google_sheets",
            "amount",
        ),
    ],
)
def test_for_a_level_and_bare_chinese_comparisons(text: str, x: str, y: str, field: str) -> None:
    split(text, x, y, field)


def test_is_not_empty_is_emptiness_not_a_value() -> None:
    assert _cond("email is not empty") == ("email", "not_empty", None)
    assert _cond("the name is blank") == ("name", "is_empty", None)
    assert _cond("the phone isn't empty") == ("phone", "not_empty", None)
    assert _cond("the status is not done") == ("status", "ne", "done")
