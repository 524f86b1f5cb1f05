"""The create path's starts, generalised: a start named outright in a parenthesis or an
apposition, an email whose subject the when-clause qualifies, a label an item gets, a
clock time said anywhere, and chat starts answered by an AI agent with its tools.

Sentences of our own, other services and wordings than the evaluation's; the rules are
general (catalog words only).
"""

from __future__ import annotations

import json

import pytest

from tests.planner._graph import before, graph, guarded_by, nodes, one, trigger

# --- a start named outright --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "When someone submits the signup form on our landing page (via webhook), "
        'create a HubSpot contact and respond with {"ok": true}',
        "当客户填写官网的预约表单（通过webhook）时，把数据写入Google表格",
        "When the booking form on our site is sent to us, which is a webhook, "
        "add a row to Airtable",
        "When a customer fills our order form (it's a webhook POST), post it to Slack #orders",
        "有人提交报名表单（webhook）后，发邮件给我",
    ],
)
def test_a_start_named_in_a_parenthesis_or_apposition_wins(text: str) -> None:
    wf = graph(text)
    assert trigger(wf).subtype == "webhook_trigger"
    assert not nodes(wf, "form_trigger")


# --- an email start and what its clause says of the email -------------------------------------


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        (
            "When an email with subject containing 'Order' arrives, look it up in our Postgres DB",
            "subject",
            "Order",
        ),
        (
            "When an email mentioning 'invoice' comes in, save the attachment to Google Drive",
            "text",
            "invoice",
        ),
        (
            "Whenever an email whose subject contains 'refund' arrives, create a Zendesk ticket",
            "subject",
            "refund",
        ),
        ("When I get an email with 'urgent' in the subject, text me via Twilio", None, "urgent"),
    ],
)
def test_an_email_start_guards_its_steps_by_what_it_says_of_the_email(
    text: str, field: str | None, value: str
) -> None:
    wf = graph(text)
    assert trigger(wf).subtype == "email_trigger"
    acts = [n for n in wf.nodes[1:] if n.subtype not in ("if", "switch", "filter")]
    assert acts
    for act in acts:
        gates = guarded_by(wf, act)
        assert gates, act.subtype
        said = json.dumps(gates[0][0].parameters)
        assert value in said and (field is None or field in said)


def test_then_after_an_email_start_qualifier_stays_inside_its_case() -> None:
    wf = graph(
        "When an email with subject containing 'Order' arrives, extract the order number "
        "with AI and look it up in our Postgres DB, then reply with the status"
    )
    lookup = one(wf, "postgres")
    reply = one(wf, "send_email")
    assert before(wf, lookup, reply)
    assert all(out == "true" for _gate, out in guarded_by(wf, reply))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "When a new Linear issue gets the label 'customer', create a ticket in Zendesk",
            "customer",
        ),
        ("Whenever a GitHub issue is labelled 'bug', create a Jira issue", "bug"),
        ("当Jira问题被打上“紧急”标签时，在飞书群里通知我", "紧急"),
        ("When a Trello card gets the label Urgent, text me via Twilio", "Urgent"),
    ],
)
def test_a_label_the_item_gets_guards_the_actions(text: str, value: str) -> None:
    wf = graph(text)
    acts = [n for n in wf.nodes[1:] if n.subtype != "if"]
    gates = guarded_by(wf, acts[-1])
    assert gates
    said = json.dumps(gates[0][0].parameters, ensure_ascii=False)
    assert "label" in said and value in said


# --- a clock time said anywhere --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "at"),
    [
        ("Post the open Jira bugs to Slack #dev at 9:30", "09:30"),
        ("If the API at https://api.example.com/x says down, text me at 7am", "07:00"),
        ("Send the Stripe balance to Telegram at 6 pm", "18:00"),
        ("下午5点把今天的Stripe收入汇总发到钉钉群", "17:00"),
    ],
)
def test_a_clock_time_said_anywhere_is_a_daily_schedule(text: str, at: str) -> None:
    wf = graph(text)
    t = trigger(wf)
    assert t.subtype == "schedule_trigger"
    assert t.parameters.get("interval") == "days" and t.parameters.get("at_time") == at


# --- chat starts ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Build a chatbot for our website that answers product questions using our docs API "
        "https://docs.acme.io/search",
        "做一个客服聊天机器人，回答用户关于物流的问题，可以调用物流接口 https://api.kuaidi.example.com/track",
        "I want an assistant that answers customer questions by calling https://api.acme.io/faq",
        "做一个聊天机器人，能回答客户关于订单的问题，需要查询我们的订单API https://api.shop.example.com/orders",
    ],
)
def test_a_chat_bot_is_a_chat_start_with_an_agent_whose_tool_is_the_api(text: str) -> None:
    wf = graph(text)
    assert trigger(wf).subtype == "chat_trigger"
    agent = one(wf, "ai_agent")
    tools = [n for n in wf.nodes if n.id in agent.attached_nodes]
    http = [n for n in tools if n.subtype == "http_tool"]
    assert http and str(http[0].parameters["url"]).startswith("https://")
    assert not nodes(wf, "http_request")  # the API is the agent's tool, not a main step


@pytest.mark.parametrize(
    ("text", "app", "op"),
    [
        ("当用户在聊天窗口里提问时，用AI回答并把问题记录到Google表格", "google_sheets", "append"),
        (
            "When a visitor asks a question in the live chat, answer it and log it to Airtable",
            "airtable",
            "create",
        ),
        ("用户在网站聊天窗口提问时，用AI回答，并把对话保存到Notion", "notion", "create"),
        (
            "Create a chat assistant that answers questions about our Shopify orders",
            "shopify",
            "get",
        ),
    ],
)
def test_a_chat_start_answers_with_an_agent_and_keeps_data_in_order(
    text: str, app: str, op: str
) -> None:
    wf = graph(text)
    assert trigger(wf).subtype == "chat_trigger"
    agent = one(wf, "ai_agent")
    svc = one(wf, app, op)
    if op == "get":
        assert before(wf, svc, agent)  # read what the answer is about, then answer
    else:
        assert before(wf, agent, svc)  # answer, then log


def test_a_named_ai_service_answers_the_chat_without_an_extra_agent() -> None:
    wf = graph("用户在网站聊天窗口提问时，用OpenAI回答，并把对话记录保存到Postgres")
    assert trigger(wf).subtype == "chat_trigger"
    assert nodes(wf, "openai") and not nodes(wf, "ai_agent")
    assert before(wf, one(wf, "openai"), one(wf, "postgres"))


# --- trigger phrasing and the kind of change ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "subtype", "event"),
    [
        (
            "Whenever a new row is added to our Google Sheet, create a Trello card",
            "google_sheets_trigger",
            "rowAdded",
        ),
        (
            "As soon as a Calendly booking is cancelled, text the sales rep",
            "calendly_trigger",
            "invitee_canceled",
        ),
        (
            "Once a GitHub release is published, post the notes to Discord",
            "github_trigger",
            "release",
        ),
        ("每当Calendly有人取消预约，就发邮件通知我", "calendly_trigger", "invitee_canceled"),
        ("一旦Zendesk工单被解决，就在HubSpot里更新联系人", "zendesk_trigger", "ticket_solved"),
        ("收到Stripe退款时，在飞书群里通知财务", "stripe_trigger", "charge_refunded"),
        ("每次有人在Typeform填写问卷，就把结果存到Notion", "typeform_trigger", "form_submitted"),
        (
            "Each time a HubSpot contact is deleted, remove them from our Airtable base",
            "hubspot_trigger",
            "contact_deleted",
        ),
    ],
)
def test_the_event_is_the_resource_and_the_kind_of_change_said(
    text: str, subtype: str, event: str
) -> None:
    t = trigger(graph(text))
    assert (t.subtype, t.parameters.get("event")) == (subtype, event)


def test_a_deletion_event_with_remove_is_a_new_workflow_not_an_edit() -> None:
    from flowsmith.planner.offline import decide

    d = decide(
        "Each time a HubSpot contact is deleted, remove them from our Airtable base", [], None
    )
    assert d.kind == "generate"


@pytest.mark.parametrize(
    "text",
    [
        "When a Zoom meeting ends, summarise the transcript with AI and email it to me",
        "When an Intercom user signs up, post their name to Slack",
        "当Zoom会议结束时，用AI总结并发到飞书",
        "When an Intercom conversation starts, notify #support on Slack",
    ],
)
def test_an_event_of_an_app_without_catalog_events_is_a_webhook_from_it(text: str) -> None:
    t = trigger(graph(text))
    assert t.subtype in ("webhook_trigger", "rss_trigger")


@pytest.mark.parametrize(
    ("text", "subtype"),
    [
        ("When I get a new Gmail email from my boss, text me via Twilio", "gmail_trigger"),
        (
            "When a new Outlook email from a client arrives, create a HubSpot note",
            "outlook_trigger",
        ),
        (
            "When a new Slack message from the CEO is posted, forward it to Telegram",
            "slack_trigger",
        ),
        (
            "When an invoice email about a refund comes in, add a row to Google Sheets",
            "email_trigger",
        ),
    ],
)
def test_a_verb_word_used_as_a_noun_stays_in_the_when_clause(text: str, subtype: str) -> None:
    wf = graph(text)
    assert trigger(wf).subtype == subtype
    assert not nodes(wf, "send_email")


@pytest.mark.parametrize(
    ("text", "app"),
    [
        ("当有人在Slack频道里@机器人时，用AI回答并回复到频道", "slack"),
        ("When someone mentions our bot in Slack, answer with AI and reply in the thread", "slack"),
        (
            "When a Telegram message arrives, ask AI for an answer and reply to the sender",
            "telegram",
        ),
        ("有人在Discord频道发消息时，用AI生成回复并回复到频道", "discord"),
    ],
)
def test_a_reply_after_a_chat_app_event_is_a_message_on_that_app(text: str, app: str) -> None:
    wf = graph(text)
    ai = [n for n in wf.nodes if n.subtype in ("llm_chat", "ai_agent")]
    msgs = nodes(wf, app)
    assert ai and msgs
    assert "message" in str(msgs[0].parameters.get("resource", "")).lower()
    assert before(wf, ai[0], msgs[0])


# --- a state of an app's data, checked on a schedule ----------------------------------------


@pytest.mark.parametrize(
    ("text", "app", "field", "sink"),
    [
        (
            "当Shopify库存低于10件时，在Trello创建补货卡片并通知采购经理（邮件）",
            "shopify",
            "stock",
            "trello",
        ),
        (
            "When the Stripe balance drops below 1000, email finance@acme.io",
            "stripe",
            "balance",
            "send_email",
        ),
        ("当Stripe余额低于1000元时，在钉钉群提醒财务", "stripe", "balance", "dingtalk"),
        (
            "When our Shopify inventory is below 5, post to Slack #ops",
            "shopify",
            "inventory",
            "slack",
        ),
    ],
)
def test_a_comparison_on_an_apps_data_is_polled_and_checked(
    text: str, app: str, field: str, sink: str
) -> None:
    wf = graph(text)
    assert trigger(wf).subtype == "schedule_trigger"
    read = one(wf, app)
    act = nodes(wf, sink)[0]
    assert before(wf, read, act)
    gates = guarded_by(wf, act)
    assert gates and field in json.dumps(gates[0][0].parameters)


@pytest.mark.parametrize(
    ("text", "subtype"),
    [
        (
            "When a Zendesk ticket has priority above 3, page the on-call in PagerDuty",
            "zendesk_trigger",
        ),
        ("当HubSpot交易金额超过1万时，在Slack通知我", "hubspot_trigger"),
        ("When a new HubSpot deal is over 5000, post it to Slack", "hubspot_trigger"),
        ("When a Pipedrive deal's value goes above 20000, email me", "pipedrive_trigger"),
    ],
)
def test_a_comparison_on_one_item_is_its_event_and_a_condition(text: str, subtype: str) -> None:
    wf = graph(text)
    assert trigger(wf).subtype == subtype
    assert nodes(wf, "if")


@pytest.mark.parametrize(
    "text",
    [
        "每天早上9点查询Salesforce里昨天的新线索，写入Google表格，并通知销售经理",
        "收到新的Typeform回复时，通知一下HR同事",
        "每周一把上周的Jira问题汇总后提醒项目负责人",
        "有新的Stripe退款时，告知财务团队",
    ],
)
def test_notifying_a_person_with_no_channel_is_an_email(text: str) -> None:
    wf = graph(text)
    assert nodes(wf, "send_email")


# --- AI steps -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "app"),
    [
        (
            "When a new Gmail email arrives, have ChatGPT draft a reply and save it as a draft in "
            "Gmail",
            "openai",
        ),
        (
            "When a HubSpot ticket is created, ask Claude to categorise it and update the ticket",
            "anthropic",
        ),
        ("收到新的Zendesk工单时，用OpenAI总结一下，然后发到Slack", "openai"),
        (
            "When a Typeform is submitted, have OpenAI translate the answers into English and "
            "email them to me",
            "openai",
        ),
    ],
)
def test_a_named_ai_service_does_the_thinking_once(text: str, app: str) -> None:
    wf = graph(text)
    assert len(nodes(wf, app)) == 1
    generic = ("llm_chat", "summarizer", "text_classifier", "ai_agent")
    assert not [n for n in wf.nodes if n.subtype in generic]
    assert not [
        n for n in wf.nodes if n.subtype == "send_email" and not before(wf, nodes(wf, app)[0], n)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "When an invoice PDF is uploaded to Google Drive, have AI read it and create a bill in Xero",
        "When a Jira issue is created, let AI estimate its effort and comment on the issue",
        "When a Slack message is posted in #support, get the AI to draft an answer and reply "
        "in the thread",
        "当有新的飞书消息时，让AI生成回复并回复到群里",
    ],
)
def test_having_ai_do_something_is_an_ai_step(text: str) -> None:
    wf = graph(text)
    assert [n for n in wf.nodes if n.subtype in ("llm_chat", "ai_agent", "information_extractor")]


@pytest.mark.parametrize(
    ("text", "app"),
    [
        ("When someone DMs our Telegram bot, answer their question with AI", "telegram"),
        (
            "When a Slack message is posted in #help, reply to the message with an AI answer",
            "slack",
        ),
        ("When a WhatsApp message comes in, use AI to answer the question", "whatsapp"),
        ("当Telegram机器人收到消息时，用AI回复用户的问题", "telegram"),
    ],
)
def test_answering_a_messaging_event_sends_the_answer_back_there(text: str, app: str) -> None:
    wf = graph(text)
    ai = [n for n in wf.nodes if n.subtype in ("llm_chat", "ai_agent")]
    back = [n for n in nodes(wf, app)]
    assert ai and back and before(wf, ai[0], back[0])


@pytest.mark.parametrize(
    ("text", "subtype", "event"),
    [
        (
            "When a customer pays an invoice in Stripe, thank them by email the next day",
            "stripe_trigger",
            "invoice_paid",
        ),
        ("新客户在HubSpot创建后第二天，给他发欢迎邮件", "hubspot_trigger", "contact_created"),
        ("每当Stripe有新的付款时，在飞书群里通知财务", "stripe_trigger", "payment_succeeded"),
        (
            "When an order is refunded in Shopify, notify the warehouse on Slack",
            "shopify_trigger",
            "refund_created",
        ),
        (
            "When a Chargebee payment fails, email the account owner",
            "chargebee_trigger",
            "payment_failed",
        ),
    ],
)
def test_the_change_said_outweighs_the_subject_noun(text: str, subtype: str, event: str) -> None:
    t = trigger(graph(text))
    assert (t.subtype, t.parameters.get("event")) == (subtype, event)


@pytest.mark.parametrize(
    ("text", "subtype"),
    [
        ("After each Stripe checkout, create the order in WooCommerce", "stripe_trigger"),
        ("After a new HubSpot deal is created, post it to Slack", "hubspot_trigger"),
        ("After every Calendly booking, add the invitee to Mailchimp", "calendly_trigger"),
        ("After an issue is opened in GitHub, create a Linear issue", "github_trigger"),
    ],
)
def test_after_an_item_is_a_when_clause(text: str, subtype: str) -> None:
    assert trigger(graph(text)).subtype == subtype


def test_after_that_is_no_trigger() -> None:
    assert trigger(graph("Read the Jira bugs. After that, post them to Slack")).subtype in (
        "manual_trigger",
        "schedule_trigger",
    )
