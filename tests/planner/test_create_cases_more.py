"""More constructions that open cases on the create path (sentences of our own): "unless" /
"除非" alone, "只有…才", multi-word and several values, the other reading of a case, "for
<items> from …", sizes after comparisons, the field looked at, state words, what an AI step
made, "除了X的都…". Each test asserts which condition a step sits behind, on which output."""

from __future__ import annotations

import pytest

from tests.planner.case_graph import G, guarded, split
from tests.planner.case_graph import cond_of as _cond

# --- "unless" / "除非" said as its own clause; "只有…才…"; "only if" with a box ------------------


@pytest.mark.parametrize(
    "text,x,field,output",
    [
        ("除非订单金额低于50元，否则把订单同步到Airtable", "airtable", "amount", "false"),
        ("当Stripe有新付款时，把付款发到Slack，除非金额为0", "slack", "amount", "true"),
        (
            "When a Trello card is created, post it to Discord, unless the title contains 'draft'",
            "discord",
            "title",
            "false",
        ),
        (
            "Unless the total is below 20, otherwise create a Pipedrive deal",
            "pipedrive",
            "total",
            "false",
        ),
    ],
)
def test_unless_as_its_own_clause(text: str, x: str, field: str, output: str) -> None:
    g = G(text)
    sides = {i: o for i, o in g.sides(x).items() if field in g.field(i)}
    assert sides and output in next(iter(sides.values())), (g.sides(x), g.edges)


@pytest.mark.parametrize(
    "text,x,field",
    [
        ("收到新工单时，只有优先级是紧急的才发短信给我", "twilio", "priority"),
        ("当有新的Typeform回复时，只有分数不少于8分才发到飞书", "feishu", "score"),
        (
            "When a Jotform submission comes in, add them to Mailchimp only if they ticked the marketing box",
            "mailchimp",
            "marketing",
        ),
        (
            "When a new Stripe customer is created, add them to Mailchimp only if they opted in to the newsletter",
            "mailchimp",
            "newsletter",
        ),
    ],
)
def test_only_if_guards_its_action(text: str, x: str, field: str) -> None:
    guarded(text, x, field)


# --- several values of one field, multi-word values, categories said as "classified as" ---------


@pytest.mark.parametrize(
    "text,x,y,field",
    [
        (
            "When a HubSpot deal is updated, if the stage is closed won create an invoice in"
            " QuickBooks; if it is closed lost post to Slack; otherwise do nothing",
            "quickbooks",
            "slack",
            "stage",
        ),
        (
            "When a new Zendesk ticket arrives, use AI to classify it; if it is classified as"
            " billing forward it to finance@example.com, if technical create a Jira issue",
            "send_email",
            "jira",
            "category",
        ),
        (
            "每天从Salesforce获取商机，金额介于1万到5万之间的发到Slack，其余的记录到Airtable",
            "slack",
            "airtable",
            "amount",
        ),
        (
            "当有人提交表单时，如果填写了电话就用Twilio发短信，没填就发邮件",
            "twilio",
            "send_email",
            "phone",
        ),
        (
            "When a Shopify order is cancelled, if the customer has no email create a Trello card,"
            " otherwise send them an email",
            "trello",
            "send_email",
            "email",
        ),
    ],
)
def test_values_categories_and_presence_split(text: str, x: str, y: str, field: str) -> None:
    split(text, x, y, field)


def test_older_than_guards_the_items_it_names() -> None:
    guarded(
        "Every day at 9 get open GitHub pull requests and for any older than 3 days ping the"
        " author in Slack",
        "slack",
        "days",
    )
    assert _cond("newer than 2 hours") == ("hours_since_created_at", "lt", 2)
    assert _cond("the stage is closed won") == ("stage", "eq", "closed won")
    assert _cond("they ticked the marketing box") == ("marketing", "is_true", None)
    assert _cond("填写了电话") == ("phone", "not_empty", None)


# --- the other reading of a case: "正常的话", "if it's up", "negative ones become …" -------------


@pytest.mark.parametrize(
    "text,x,y,field",
    [
        (
            "每5分钟检查一下 https://api.example.com/health ，如果接口报错就发钉钉消息，正常的话记录到Airtable",
            "dingtalk",
            "airtable",
            "error",
        ),
        (
            "Every 10 minutes fetch https://shop.example.com; if it is down text me with Twilio,"
            " if it is up add a row to Google Sheets",
            "twilio",
            "google_sheets",
            "error",
        ),
        (
            "When a new review is posted on Trustpilot, run sentiment on it: positive reviews go"
            " to Slack #wins, negative ones become Zendesk tickets",
            "slack",
            "zendesk",
            "sentiment",
        ),
        (
            "收到新的Zendesk工单时，用AI分析情绪，如果是负面的就在Jira创建问题，否则只记录到Airtable",
            "jira",
            "airtable",
            "sentiment",
        ),
        (
            "When a Typeform is submitted and the answer is yes, add them to HubSpot, if no send"
            " them an email",
            "hubspot",
            "send_email",
            "answer",
        ),
        (
            "When a new lead comes in via webhook, score it with AI; leads scoring over 70 go to"
            " Salesforce, the rest go to a Google Sheet",
            "salesforce",
            "google_sheets",
            "score",
        ),
    ],
)
def test_the_other_reading_is_the_other_output(text: str, x: str, y: str, field: str) -> None:
    split(text, x, y, field)


def test_a_response_names_its_status() -> None:
    g = G(
        "When a webhook receives JSON, validate that the email is not empty and create a HubSpot"
        " contact; if the email is empty return a 400 error"
    )
    codes = {
        n.parameters.get("status_code") for n in g.nodes.values() if n.subtype == "webhook_response"
    }
    assert 400 in codes
    assert [o for o in g.sides("webhook_response").values()] == [{"false"}]


# --- "for <items> from/with/containing …, …; for the rest …" ------------------------------------


@pytest.mark.parametrize(
    "text,x,y,field",
    [
        (
            "When a new Shopify order comes in, for orders from Germany post to Slack #de, for the"
            " rest add a row to Airtable",
            "slack",
            "airtable",
            "country",
        ),
        (
            "Every day get Zendesk tickets and for tickets with priority 1 page me on Twilio, for"
            " the others add them to Airtable",
            "twilio",
            "airtable",
            "priority",
        ),
        (
            "When a new Intercom conversation starts, for messages containing 'cancel' create a"
            " Trello card, otherwise post to Slack",
            "trello",
            "slack",
            "text",
        ),
        (
            "当有新的Shopify订单时，如果订单来自美国就发Slack，来自中国就发钉钉，其他的记录到Airtable",
            "slack",
            "dingtalk",
            "country",
        ),
    ],
)
def test_for_qualified_items_and_the_rest(text: str, x: str, y: str, field: str) -> None:
    split(text, x, y, field)


# --- a size word after a comparison is the comparison's other side; plural category names -------


@pytest.mark.parametrize(
    "text,x,y,field",
    [
        (
            "Every hour get new HubSpot deals; deals above $10k go to Slack #bigdeals, smaller ones"
            " to a Google Sheet",
            "slack",
            "google_sheets",
            "",
        ),
        (
            "When a Stripe charge succeeds, charges under 50 go to Airtable, larger ones go to Slack",
            "airtable",
            "slack",
            "",
        ),
        (
            "When a GitHub issue is opened, label it with AI as bug or feature; for bugs create a"
            " Jira issue and for features create a Notion page",
            "jira",
            "notion",
            "category",
        ),
        (
            "当Typeform有新回复时，评分低于3分的发邮件给客服经理，3分以上的记到Google表格",
            "send_email",
            "google_sheets",
            "rating",
        ),
    ],
)
def test_opposites_and_plural_categories(text: str, x: str, y: str, field: str) -> None:
    split(text, x, y, field)


def test_a_noun_in_ing_is_a_field_and_a_verb_in_ing_names_one() -> None:
    assert _cond("the rating is below 3") == ("rating", "lt", 3)
    assert _cond("评分低于3分") == ("rating", "lt", 3)
    assert _cond("leads scoring over 70") == ("score", "gt", 70)
    assert _cond("来自中国") == ("country", "eq", "中国")


# --- "is A or B": one condition, any of its values ----------------------------------------------


@pytest.mark.parametrize(
    "text,x,y,field",
    [
        (
            "When a form is submitted, if the country is US or Canada add them to Mailchimp,"
            " otherwise add them to HubSpot",
            "mailchimp",
            "hubspot",
            "country",
        ),
        (
            "When a Stripe customer is created, if the plan is 'Pro', 'Team' or 'Enterprise'"
            " create a Salesforce account, else add a row to Google Sheets",
            "salesforce",
            "google_sheets",
            "plan",
        ),
        (
            "收到新工单时，如果状态是待处理或处理中就发Slack，否则记录到Airtable",
            "slack",
            "airtable",
            "status",
        ),
        (
            "When a Jira issue is created, if the priority is high or highest text me with"
            " Twilio, otherwise create a Trello card",
            "twilio",
            "trello",
            "priority",
        ),
    ],
)
def test_any_of_several_values(text: str, x: str, y: str, field: str) -> None:
    split(text, x, y, field)
    g = G(text)
    gate = next(i for i in g.sides(x) if field in g.field(i))
    params = g.nodes[gate].parameters
    assert params["combine"] == "or" and len(params["conditions"]) >= 2


def test_a_filter_keeps_any_of_several_values() -> None:
    g = G(
        "Every day get Airtable records, keep only those where the status is open or pending,"
        " and post them to Slack"
    )
    f = next(n for n in g.nodes.values() if n.subtype == "filter")
    assert f.parameters["combine"] == "or"
    assert {c["right"] for c in f.parameters["conditions"]} == {"open", "pending"}


# --- "check the total. If it is over …": the field looked at; "超过1万的，…" ---------------------


@pytest.mark.parametrize(
    "text,x,y,field",
    [
        (
            "When a new Shopify order arrives, check the total. If it is over $200, create a"
            " HubSpot deal. Otherwise, just add a row to Google Sheets.",
            "hubspot",
            "google_sheets",
            "total",
        ),
        (
            "当收到新的Stripe付款时，先看金额。超过1万的，发钉钉通知老板。其他的只记录到Airtable。",
            "dingtalk",
            "airtable",
            "amount",
        ),
        (
            "When a Typeform response comes in, look at the rating. If it is below 3: create a"
            " Zendesk ticket. If not: add it to Airtable.",
            "zendesk",
            "airtable",
            "rating",
        ),
        (
            "收到新邮件时，如果是客户发来的投诉，就在Jira建问题；如果是发票，就存到Google Drive；否则不处理",
            "jira",
            "google_drive",
            "type",
        ),
    ],
)
def test_the_field_looked_at_and_chinese_kinds(text: str, x: str, y: str, field: str) -> None:
    split(text, x, y, field)


def test_a_size_after_an_approval_is_the_comparisons_other_output() -> None:
    text = (
        "When an expense form is submitted, if the amount is above 500 ask my manager for"
        " approval by email; if approved add it to QuickBooks, if rejected email the employee;"
        " for smaller amounts add it to Xero directly"
    )
    g = G(text)
    gate = next(i for i, n in g.nodes.items() if n.subtype == "if" and "amount" in g.field(i))
    assert g.sides("approval_email").get(gate) == {"true"}
    assert g.sides("xero").get(gate) == {"false"}


# --- "X when A; when B, Y"; "不X的话"; state words; stars ---------------------------------------


@pytest.mark.parametrize(
    "text,x,y,field",
    [
        (
            "When a form is submitted, add the person to Mailchimp when they are a customer; when"
            " they are a partner, create a HubSpot company",
            "mailchimp",
            "hubspot",
            "type",
        ),
        (
            "新工单进来，如果是紧急的，发短信；不紧急的话，发邮件",
            "twilio",
            "send_email",
            "priority",
        ),
        (
            "当GitHub有新issue时，如果标签包含bug就在Jira建问题，不包含就发到飞书",
            "jira",
            "feishu",
            "标签",
        ),
        (
            "When a Shopify order is placed, send paid orders to Airtable and unpaid ones to Slack"
            " #collections",
            "airtable",
            "slack",
            "status",
        ),
        (
            "Every day get Jira issues; open ones go to Slack, closed ones go to a Google Sheet",
            "slack",
            "google_sheets",
            "status",
        ),
        (
            "When a Typeform is submitted, send a thank-you email if they gave 5 stars, else create"
            " a Trello card for follow-up",
            "send_email",
            "trello",
            "rating",
        ),
        (
            "When a HubSpot contact is created, check if it has a phone number. If it does, text"
            " them with Twilio. If not, send an email.",
            "twilio",
            "send_email",
            "phone",
        ),
    ],
)
def test_more_two_way_splits(text: str, x: str, y: str, field: str) -> None:
    split(text, x, y, field)


def test_fields_of_items_counts_and_money() -> None:
    assert _cond("the number of attendees is more than 100") == ("attendees", "gt", 100)
    assert _cond("the order is over $500") == ("amount", "gt", 500)
    assert _cond("the expense is above 500 dollars") == ("amount", "gt", 500)
    assert _cond("the deal is worth more than $10k") == ("value", "gt", 10000)
    assert _cond("the price is over $5") == ("price", "gt", 5)
    assert _cond("it has been more than 3 days since the last reply") == ("duration_days", "gt", 3)
    assert _cond("the review has 1 star") == ("rating", "eq", 1)
    c = _cond("the invoice is overdue")
    # past the due date (not "over the due field", nor a status no invoice app sets)
    assert c == ("days_since_due_date", "gt", 0)


# --- a field an AI step makes: its verdict, its score, its sentiment ---------------------------

_AI = ("llm_chat", "text_classifier", "sentiment_analysis", "information_extractor", "openai")


@pytest.mark.parametrize(
    "text,x,field,output",
    [
        (
            "When an email arrives, ask AI whether it is spam; if the AI says it is spam, delete"
            " it, otherwise forward it to Slack",
            "slack",
            "category",
            "false",
        ),
        (
            "收到新邮件时，让AI判断是不是垃圾邮件，如果AI判断为垃圾邮件就忽略，否则转发到钉钉",
            "dingtalk",
            "category",
            "false",
        ),
        (
            "收到新的客户反馈时，用AI打分（1到10分），8分以上的发到Slack的#wins，其余的存到Notion",
            "slack",
            "score",
            "true",
        ),
        (
            "When a new lead comes in from Typeform, have GPT decide if it's qualified; qualified"
            " leads go to Salesforce, the rest to a Mailchimp list",
            "salesforce",
            "status",
            "true",
        ),
        (
            "When a new tweet arrives via webhook, analyze the sentiment; negative tweets get a"
            " Trello card, positive ones go to Slack",
            "trello",
            "sentiment",
            "output_0",
        ),
    ],
)
def test_a_case_on_what_an_ai_step_made(text: str, x: str, field: str, output: str) -> None:
    g = G(text)
    sides = {i: o for i, o in g.sides(x).items() if field in g.field(i)}
    assert sides and output in next(iter(sides.values())), (g.sides(x), g.edges)
    ai = [i for i, n in g.nodes.items() if n.subtype in _AI or n.parameters.get("app") == "openai"]
    assert ai and any(next(iter(sides)) in g._below(a) for a in ai)


# --- "除了X的都…", places, amounts with thousands separators in the trigger --------------------


@pytest.mark.parametrize(
    "text,x,field,op,output",
    [
        ("每天获取Jira问题，除了已关闭的都发到Slack", "slack", "status", "not_equals", "true"),
        (
            "收到新订单时，除了金额低于10元的之外都同步到Airtable",
            "airtable",
            "amount",
            "greater_than",
            "true",
        ),
        (
            "每天获取Trello卡片，除了标题包含草稿的都发到钉钉",
            "dingtalk",
            "title",
            "contains",
            "false",
        ),
        (
            "收到新工单时，除了优先级为低的，其他的都发短信给我",
            "twilio",
            "priority",
            "equals",
            "false",
        ),
    ],
)
def test_except_guards_the_action_with_the_negation(
    text: str, x: str, field: str, op: str, output: str
) -> None:
    g = G(text)
    gates = [i for i in g.sides(x) if field in g.field(i)]
    assert gates, (g.sides(x), g.edges)
    assert op in {c["operator"] for c in g.nodes[gates[0]].parameters["conditions"]}
    assert g.sides(x)[gates[0]] == {output}


def test_places_and_thousands() -> None:
    split(
        "When a Stripe payment succeeds, if the customer is in Germany add them to Mailchimp, if"
        " in the US create a HubSpot contact",
        "mailchimp",
        "hubspot",
        "country",
    )
    g = G(
        "When an invoice is created in QuickBooks and it's above $5,000, notify #finance in Slack"
    )
    gate = next(iter(g.sides("slack")))
    assert g.nodes[gate].parameters["conditions"][0]["right"] == 5000
