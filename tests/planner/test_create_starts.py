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
