"""The offline planner end to end: decide (answer / clarify / generate) and build."""

from __future__ import annotations

import itertools
import json

import pytest

from flowsmith.core.models import NodeFamily
from flowsmith.planner.offline import MAX_QUESTIONS, build, decide

from .support import assert_valid, by_subtype, chat, edges, feeds_of, generate, subtypes

STOCK_ZH = "请帮我创建一个电商库存监控的workflow，需要监控BestBuy和Amazon"
STOCK_EN = "watch BestBuy and Amazon stock for this product every hour and email me when it is back"
RSS_EN = (
    "every morning at 9 summarise new RSS posts from https://example.com/feed "
    "and post to Slack #news"
)
WEBHOOK_EN = (
    "when a webhook receives an order, add a row to Google Sheets and send a Telegram message"
)
TRIAGE_EN = (
    "classify incoming support emails and route urgent ones to Slack, others to a Notion page"
)
APPROVAL_EN = "require manager approval before posting to Slack"


# --- scenario 1: stock monitor (zh and en) -------------------------------------------------


@pytest.mark.parametrize("message", [STOCK_ZH, STOCK_EN])
def test_stock_monitor_shape(message: str) -> None:
    decision, wf = generate(message)
    assert_valid(wf)
    assert wf.id == ""
    ids = {n.id for n in wf.nodes}
    assert {"schedule", "check_bestbuy", "check_amazon", "merge_results", "in_stock"} <= ids
    assert "send_email" in ids
    schedule = wf.node("schedule")
    assert schedule is not None
    assert schedule.parameters == {"interval": "hours", "every": 1}
    # both stores are checked in parallel from the trigger, then merged
    assert feeds_of(wf, "check_bestbuy") == {("schedule", "main")}
    assert feeds_of(wf, "check_amazon") == {("schedule", "main")}
    assert feeds_of(wf, "merge_results") == {("check_bestbuy", "main"), ("check_amazon", "main")}
    assert feeds_of(wf, "in_stock") == {("merge_results", "main")}
    # the notification hangs off the condition's true branch
    assert feeds_of(wf, "send_email") == {("in_stock", "true")}
    in_stock = wf.node("in_stock")
    assert in_stock is not None
    assert in_stock.parameters["conditions"] == [
        {"left": "{{ $json.in_stock }}", "operator": "is_true"}
    ]
    stores = {n.parameters["store"] for n in wf.nodes if n.subtype == "web_page_check"}
    assert stores == {"bestbuy", "amazon"}
    assert decision.assumptions


def test_stock_monitor_zh_reply_is_chinese_and_lists_assumptions() -> None:
    decision, _ = generate(STOCK_ZH)
    assert "离线规划器" in decision.reply
    assert decision.request is not None and decision.request["lang"] == "zh"
    # no channel was named: email by default, and the reply says so
    assert any("邮件" in a for a in decision.assumptions)
    assert any("每小时" in a for a in decision.assumptions)
    for assumption in decision.assumptions:
        assert assumption in decision.reply


def test_stock_monitor_en_reply_mentions_offline_and_assumptions() -> None:
    decision, _ = generate(STOCK_EN)
    assert "(offline planner)" in decision.reply
    assert any("you@example.com" in a for a in decision.assumptions)
    assert all(a in decision.reply for a in decision.assumptions)
    # the schedule was named, so it is not an assumption
    assert not any("schedule" in a.lower() for a in decision.assumptions)


def test_stock_monitor_names_are_readable_and_localised() -> None:
    _, wf = generate(STOCK_ZH)
    assert wf.name == "库存监控：BestBuy、Amazon"
    node = wf.node("in_stock")
    assert node is not None and node.name == "是否有货？"
    email = wf.node("send_email")
    assert email is not None and "到货" in email.parameters["subject"]


def test_stock_monitor_with_url_threshold_and_address() -> None:
    message = (
        "check https://www.amazon.com/dp/B0TEST every 15 minutes and email bob@example.com "
        'when "PS5" drops below $450'
    )
    _, wf = generate(message)
    assert_valid(wf)
    check = wf.node("check_amazon")
    assert check is not None
    assert check.parameters["url"] == "https://www.amazon.com/dp/B0TEST"
    assert check.parameters["product_name"] == "PS5"
    assert wf.node("schedule") is not None
    assert wf.nodes[0].parameters == {"interval": "minutes", "every": 15}
    cond = wf.node("price_check")
    assert cond is not None
    assert cond.parameters["conditions"][0]["operator"] == "less_than"
    assert cond.parameters["conditions"][0]["right"] == 450
    email = wf.node("send_email")
    assert email is not None and email.parameters["to"] == "bob@example.com"


# --- scenario 2: data analysis -------------------------------------------------------------


def test_data_analysis_pipeline() -> None:
    decision, wf = generate("请创建一个数据分析的workflow")
    assert_valid(wf)
    assert subtypes(wf) == [
        "schedule_trigger",
        "google_sheets_read",
        "aggregate",
        "llm_chat",
        "send_email",
    ]
    assert wf.nodes[0].parameters == {"interval": "days", "every": 1, "at_time": "09:00"}
    chain = [n.id for n in wf.nodes]
    assert edges(wf) == {(a, "main", b) for a, b in itertools.pairwise(chain)}
    assert "离线规划器" in decision.reply
    assert len(decision.assumptions) >= 3


def test_weekly_report_uses_named_schedule_and_recipient() -> None:
    _, wf = generate(
        "read sales from Google Sheets every Monday at 8am and email a report to boss@acme.com"
    )
    assert_valid(wf)
    assert wf.nodes[0].parameters == {
        "interval": "weeks",
        "every": 1,
        "weekday": "monday",
        "at_time": "08:00",
    }
    email = wf.node("send_email")
    assert email is not None and email.parameters["to"] == "boss@acme.com"


# --- scenario 4: English requests ----------------------------------------------------------


def test_rss_digest_to_slack() -> None:
    decision, wf = generate(RSS_EN)
    assert_valid(wf)
    # the catalog's Slack app node (resource + operation), not a per-action subtype
    assert subtypes(wf) == ["schedule_trigger", "http_request", "summarizer", "slack"]
    assert wf.nodes[0].parameters == {"interval": "days", "every": 1, "at_time": "09:00"}
    fetch = by_subtype(wf, "http_request")
    assert [wf.node(f).parameters["url"] for f in fetch] == ["https://example.com/feed"]
    slack = wf.node("post_slack")
    assert slack is not None
    assert slack.parameters["channel"] == "#news"
    assert "{{ $json.summary }}" in slack.parameters["text"]
    summarize = wf.node("summarize")
    assert summarize is not None and "$json" in summarize.parameters["input_text"]
    assert "(offline planner)" in decision.reply


def test_webhook_order_to_sheets_and_telegram() -> None:
    _, wf = generate(WEBHOOK_EN)
    assert_valid(wf)
    assert set(subtypes(wf)) == {"webhook_trigger", "google_sheets", "telegram"}
    # both writes read the order itself: they fan out from the trigger
    assert edges(wf) == {
        ("webhook", "main", "append_google_sheets"),
        ("webhook", "main", "sendmessage_telegram"),
    }


def test_classify_and_route_support_emails() -> None:
    _, wf = generate(TRIAGE_EN)
    assert_valid(wf)
    assert subtypes(wf)[0] == "email_trigger"
    classify = wf.node("classify")
    assert classify is not None and classify.subtype == "text_classifier"
    names = [c["name"] for c in classify.parameters["categories"]]
    assert "urgent" in names
    router = wf.node("is_urgent")
    assert router is not None and router.subtype == "if"
    assert router.parameters["conditions"] == [
        {"left": "{{ $json.category }}", "operator": "equals", "right": "urgent"}
    ]
    assert feeds_of(wf, "post_slack") == {("is_urgent", "true")}
    assert feeds_of(wf, "create_notion") == {("is_urgent", "false")}


def test_three_way_routing_uses_a_switch() -> None:
    _, wf = generate(
        "classify incoming emails: urgent ones to Slack, billing ones to Telegram, others to Notion"
    )
    assert_valid(wf)
    route = wf.node("route")
    assert route is not None and route.subtype == "switch"
    assert [r["value"] for r in route.parameters["rules"]] == ["urgent", "billing"]
    assert feeds_of(wf, "post_slack") == {("route", "output_0")}
    assert feeds_of(wf, "sendmessage_telegram") == {("route", "output_1")}
    assert feeds_of(wf, "create_notion") == {("route", "fallback")}


def test_approval_before_slack() -> None:
    decision, wf = generate(APPROVAL_EN)
    assert_valid(wf)
    approval = wf.node("approval")
    assert approval is not None and approval.type == NodeFamily.HUMAN_IN_THE_LOOP
    assert approval.parameters["to"] == "manager@example.com"
    assert feeds_of(wf, "post_slack") == {("approval", "approved")}
    assert any("manager@example.com" in a for a in decision.assumptions)


def test_agent_with_tools_and_memory() -> None:
    _, wf = generate("build a chatbot agent that can search the web and remember the conversation")
    assert_valid(wf)
    agent = wf.node("ai_agent")
    assert agent is not None
    attached = {n.subtype for n in wf.nodes if n.id in agent.attached_nodes}
    assert attached == {"web_search_tool", "buffer_memory"}
    # tools hang off the agent, never in the main flow
    assert all(c.to_node not in agent.attached_nodes for c in wf.connections)


# --- answer and clarify --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "lang_marker"),
    [
        ("create a workflow", "(offline planner)"),
        ("help me automate something", "(offline planner)"),
        ("你好，请帮我创建一个workflow", "离线规划器"),
    ],
)
def test_vague_requests_are_clarified(message: str, lang_marker: str) -> None:
    decision = decide(message, [], None)
    assert decision.kind == "clarify"
    assert 1 <= len(decision.questions) <= MAX_QUESTIONS
    assert all(q.suggestions for q in decision.questions)
    assert lang_marker in decision.reply
    assert decision.waiting_message
    assert decision.request is None


def test_clarify_in_chinese_asks_in_chinese() -> None:
    decision = decide("你好，请帮我创建一个workflow", [], None)
    assert decision.waiting_message is not None and decision.waiting_message.startswith("等待")
    assert all("？" in q.question for q in decision.questions)


@pytest.mark.parametrize("message", ["what can you do?", "hello", "你能做什么？"])
def test_capability_questions_are_answered(message: str) -> None:
    decision = decide(message, [], None)
    assert decision.kind == "answer"
    assert decision.request is None
    assert decision.waiting_message
    assert "offline planner" in decision.reply or "离线规划器" in decision.reply


def test_follow_up_after_clarify_generates_from_both_messages() -> None:
    decision, wf = chat(["create a workflow", "monitor amazon price and email me"])
    assert decision.kind == "generate"
    assert wf is not None
    assert_valid(wf)
    assert by_subtype(wf, "web_page_check") == ["check_amazon"]
    assert feeds_of(wf, "send_email") == {("price_check", "true")}


def test_clarify_then_partial_answer_asks_only_what_is_missing() -> None:
    decision, _ = chat(["你好，请帮我创建一个workflow", "每天早上9点"])
    assert decision.kind == "clarify"
    assert len(decision.questions) == 2  # the trigger is known now
    decision, wf = chat(
        [
            "你好，请帮我创建一个workflow",
            "每天早上9点",
            "总结 https://example.com/feed 的新文章发到Slack",
        ]
    )
    assert decision.kind == "generate"
    assert wf is not None
    assert_valid(wf)
    assert wf.nodes[0].parameters == {"interval": "days", "every": 1, "at_time": "09:00"}
    assert "slack" in subtypes(wf)


def test_edit_words_without_a_workflow_are_answered() -> None:
    decision = decide("remove the Slack step", [], None)
    assert decision.kind == "answer"


# --- contract ------------------------------------------------------------------------------


def test_decisions_and_builds_are_deterministic() -> None:
    first = decide(STOCK_EN, [], None)
    second = decide(STOCK_EN, [], None)
    assert first == second
    assert first.request is not None
    assert build(first.request, None) == build(json.loads(json.dumps(first.request)), None)


@pytest.mark.parametrize("message", ["请" * 20000, "a" * 20000, "监控亚马逊 " * 3000])
def test_long_messages_get_a_decision(message: str) -> None:
    # how fast is bench/long_messages.py's concern (a ratio to a short message, same run)
    decision = decide(message, [], None)
    assert decision.kind in {"answer", "clarify", "generate"}
    assert decision.reply


def test_request_is_json_serialisable() -> None:
    decision = decide(TRIAGE_EN, [], None)
    assert decision.request is not None
    assert json.loads(json.dumps(decision.request)) == decision.request


def test_build_positions_nodes() -> None:
    _, wf = generate(STOCK_EN)
    positions = [n.position for n in wf.nodes]
    assert len(set(positions)) == len(positions)


def test_new_request_in_an_edit_session_rebuilds_and_keeps_the_id() -> None:
    _, base = generate(STOCK_EN)
    base = base.model_copy(update={"id": "wf-1", "version": 3})
    decision = decide(
        "build a chatbot agent that can search the web and remember the conversation", [], base
    )
    assert decision.kind == "generate"
    assert decision.request is not None
    wf = build(decision.request, base)
    assert wf.id == "wf-1"
    assert "ai_agent" in subtypes(wf)
    assert any("replaces" in a for a in decision.assumptions)
