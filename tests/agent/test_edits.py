"""Edits through the offline planner: untouched nodes keep id, name and parameters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flowsmith.core.models import Workflow
from flowsmith.core.services import node_service
from flowsmith.planner.offline import build, decide

from .support import assert_valid, by_subtype, chat, edges, feeds_of

STOCK_ZH = "请帮我创建一个电商库存监控的workflow，需要监控BestBuy和Amazon"
STOCK_SLACK = "watch BestBuy and Amazon stock every hour and post to Slack #deals when it is back"
RSS_EN = "every morning at 9 summarise https://example.com/feed and post to Slack #news"


_DATA = Path(__file__).parent.parent / "planner" / "edits" / "data"
# workflows as the planner stored them before app nodes (per-action subtypes): edits must
# keep working on them, and on a fixed base the tests do not follow the creation path
_STORED = {
    STOCK_ZH: "stock_zh",
    STOCK_SLACK: "stock_slack",
    RSS_EN: "rss_en",
    "every day fetch https://api.example.com/stats": "api_stats",
    "every hour fetch https://api.example.com/news and post to Slack": "news_slack",
    "every hour fetch https://api.example.com/news, summarise it, post to Slack "
    "and then save to Notion": "news_slack_notion",
}


def _base(message: str) -> Workflow:
    wf = Workflow.model_validate_json((_DATA / f"{_STORED[message]}.json").read_text("utf-8"))
    return wf.model_copy(update={"id": "wf-1", "version": 1})


def _stored(message: str) -> tuple[None, Workflow]:
    return None, _base(message)


def _kept(before: Workflow, after: Workflow, changed: frozenset[str] = frozenset()) -> None:
    """Every node of ``before`` not in ``changed`` is in ``after`` with the same id, name
    and parameters."""
    for node in before.nodes:
        if node.id in changed:
            continue
        same = after.node(node.id)
        assert same is not None, node.id
        assert (same.name, same.subtype, same.parameters) == (
            node.name,
            node.subtype,
            node.parameters,
        )


def _id(wf: Workflow, *subtypes: str) -> str:
    """The id of the first node of one of ``subtypes`` (ids are the creation path's choice)."""
    return next(n.id for n in wf.nodes if n.subtype in subtypes)


def _app_ids(wf: Workflow, app: str) -> list[str]:
    """Nodes performing an operation of ``app``, whatever shape they are stored in."""
    return [n.id for n in wf.nodes if (op := node_service(n)) is not None and op.app == app]


def _edit(message: str, current: Workflow) -> Workflow:
    decision = decide(message, [], current)
    assert decision.kind == "generate", decision.reply
    assert decision.request is not None
    return build(json.loads(json.dumps(decision.request)), current)


# --- scenario 3: add email notification ----------------------------------------------------


def test_add_email_when_one_exists_says_so() -> None:
    base = _base(STOCK_ZH)
    decision = decide("请在现有workflow中添加邮件通知功能", [], base)
    assert decision.kind == "answer"
    assert "离线规划器" in decision.reply
    assert "发送邮件" in decision.reply  # names the existing node
    assert decision.request is None


def test_add_email_hangs_off_the_condition_true_branch() -> None:
    base = _base(STOCK_SLACK)
    after = _edit("请在现有workflow中添加邮件通知功能", base)
    assert_valid(after)
    _kept(base, after)
    assert by_subtype(after, "send_email") == ["send_email"]
    assert feeds_of(after, "send_email") == {("in_stock", "true")}
    assert after.id == "wf-1"
    assert len(after.nodes) == len(base.nodes) + 1


def test_add_email_without_condition_goes_after_the_main_path() -> None:
    _, base = _stored("every day fetch https://api.example.com/stats")
    after = _edit("add an email notification", base)
    assert_valid(after)
    _kept(base, after)
    assert feeds_of(after, "send_email") == {(_id(base, "http_request"), "main")}


def test_add_email_beside_existing_notification() -> None:
    base = _base(RSS_EN)
    after = _edit("also email me the digest at me@example.com", base)
    assert_valid(after)
    _kept(base, after)
    email = after.node("send_email")
    assert email is not None
    assert email.parameters["to"] == "me@example.com"
    assert "{{ $json.summary }}" in email.parameters["body"]
    assert feeds_of(after, "send_email") == feeds_of(after, "post_slack")


def test_new_node_ids_never_collide() -> None:
    base = _base(STOCK_SLACK)
    # a foreign node already uses the id the planner would pick
    taken = base.model_copy(deep=True)
    slack = taken.node("post_slack")
    assert slack is not None
    slack.id = "send_email"
    for c in taken.connections:
        if c.to_node == "post_slack":
            c.to_node = "send_email"
    after = _edit("add an email notification", taken)
    assert_valid(after)
    ids = [n.id for n in after.nodes]
    assert len(ids) == len(set(ids))
    assert "send_email_2" in ids


# --- scenario 4: remove and change ---------------------------------------------------------


def test_remove_slack_reconnects_neighbours() -> None:
    _, base = _stored(
        "every hour fetch https://api.example.com/news, summarise it, post to Slack "
        "and then save to Notion"
    )
    # make Slack a middle node: summarize -> slack -> notion
    [slack], [notion] = _app_ids(base, "slack"), _app_ids(base, "notion")
    base = base.model_copy(deep=True)
    base.connections = [
        c for c in base.connections if not (c.from_node == "summarize" and c.to_node == notion)
    ]
    from flowsmith.core.models import Connection

    base.connections.append(Connection(from_node=slack, to_node=notion))
    after = _edit("remove the Slack step", base)
    assert_valid(after)
    assert after.node(slack) is None
    _kept(base, after, frozenset({slack}))
    assert ("summarize", "main", notion) in edges(after)
    assert not any(slack in (c.from_node, c.to_node) for c in after.connections)


def test_remove_missing_step_is_answered() -> None:
    base = _base(STOCK_ZH)
    decision = decide("remove the Slack step", [], base)
    assert decision.kind == "answer"
    assert "slack" in decision.reply.lower()


@pytest.mark.parametrize(
    ("message", "params", "name"),
    [
        (
            "change the schedule to every 30 minutes",
            {"interval": "minutes", "every": 30},
            "Every 30 minutes",
        ),
        ("改成每天早上8点运行", {"interval": "days", "every": 1, "at_time": "08:00"}, "每天 08:00"),
    ],
)
def test_change_schedule_in_place(message: str, params: dict[str, object], name: str) -> None:
    base = _base(STOCK_SLACK)
    after = _edit(message, base)
    assert_valid(after)
    _kept(base, after, frozenset({"schedule"}))
    schedule = after.node("schedule")
    assert schedule is not None
    assert schedule.parameters == params
    assert schedule.name == name
    assert after.connections == base.connections


def test_replace_slack_with_telegram_keeps_wiring() -> None:
    base = _base(STOCK_SLACK)
    after = _edit("use Telegram instead of Slack", base)
    assert_valid(after)
    _kept(base, after, frozenset({"post_slack"}))
    assert after.node("post_slack") is None
    [telegram] = _app_ids(after, "telegram")
    assert feeds_of(after, telegram) == {("in_stock", "true")}
    # the message the Slack step sent goes on
    old = base.node("post_slack")
    new = after.node(telegram)
    assert old is not None and new is not None
    assert old.parameters["text"] in new.parameters.values()


def test_chinese_replace_email_with_slack() -> None:
    base = _base(STOCK_ZH)
    after = _edit("把邮件换成Slack", base)
    assert_valid(after)
    _kept(base, after, frozenset({"send_email"}))
    assert after.node("send_email") is None
    [slack] = _app_ids(after, "slack")
    assert feeds_of(after, slack) == {("in_stock", "true")}


def test_add_store_joins_the_merge() -> None:
    base = _base(STOCK_SLACK)
    after = _edit("also check Walmart", base)
    assert_valid(after)
    _kept(base, after)
    assert feeds_of(after, "check_walmart") == {("schedule", "main")}
    assert ("check_walmart", "main", "merge_results") in edges(after)


def test_add_approval_before_existing_slack() -> None:
    base = _base(STOCK_SLACK)
    after = _edit(APPROVAL := "require manager approval before posting to Slack", base)
    assert APPROVAL
    assert_valid(after)
    _kept(base, after)
    assert feeds_of(after, "approval") == {("in_stock", "true")}
    assert feeds_of(after, "post_slack") == {("approval", "approved")}


def test_add_summary_before_notifications_rewrites_their_message() -> None:
    _, base = _stored("every hour fetch https://api.example.com/news and post to Slack")
    after = _edit("summarise it before posting", base)
    assert_valid(after)
    [slack_id] = _app_ids(base, "slack")
    _kept(base, after, frozenset({slack_id}))
    assert feeds_of(after, "summarize") == {(_id(base, "http_request"), "main")}
    assert feeds_of(after, slack_id) == {("summarize", "main")}
    slack = after.node(slack_id)
    assert slack is not None and "{{ $json.summary }}" in slack.parameters["text"]


def test_edit_session_follow_up_sequence() -> None:
    decision, wf = chat(
        [STOCK_ZH, "再加一个Slack通知", "改成每30分钟运行一次", "删除Slack步骤"],
    )
    assert decision.kind == "generate"
    assert wf is not None
    assert_valid(wf)
    assert by_subtype(wf, "slack_message") == []
    schedule = wf.node("schedule")
    assert schedule is not None and schedule.parameters == {"interval": "minutes", "every": 30}
    assert feeds_of(wf, "send_email") == {("in_stock", "true")}


def test_edit_built_on_a_newer_version_than_decided_on() -> None:
    base = _base(STOCK_SLACK)
    decision = decide("add an email notification", [], base)
    assert decision.request is not None
    newer = _edit("also check Walmart", base)
    after = build(decision.request, newer)
    assert_valid(after)
    _kept(newer, after)
    assert feeds_of(after, "send_email") == {("in_stock", "true")}
    assert after.node("check_walmart") is not None


def test_unclear_edit_is_clarified() -> None:
    base = _base(STOCK_SLACK)
    decision = decide("make it better", [], base)
    assert decision.kind == "clarify"
    assert len(decision.questions) == 1
    assert decision.questions[0].suggestions
