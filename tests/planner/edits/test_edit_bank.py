"""The edit sentence bank: each construction said several ways in English and Chinese on
the prior workflows of bank_workflows. Assertions are on the edited graph: the new node's
app, resource and operation, where it is wired, which condition output it sits on, the
condition's field, operator and value, and that every untouched node keeps its id, name
and parameters."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from flowsmith.core.models import Node, Workflow
from flowsmith.core.services import node_service
from flowsmith.planner import edit_graph as eg
from flowsmith.planner.edit_apply import apply_edits
from flowsmith.planner.edit_parse import parse_edits
from flowsmith.planner.text import detect_lang
from tests.planner import edit_fixtures as f
from tests.planner.edits import bank_workflows as b

Make = Callable[[], Workflow]


def _new(before: Workflow, after: Workflow) -> list[Node]:
    return [x for x in after.nodes if before.node(x.id) is None]


def _one_new(before: Workflow, after: Workflow, app: str) -> Node:
    (new,) = [x for x in _new(before, after) if (s := node_service(x)) and s.app == app]
    return new


def _gate(after: Workflow, nid: str) -> tuple[Node, str]:
    ((src, out),) = f.into(after, nid)
    gate = after.node(src)
    assert gate is not None and gate.subtype == "if", f.into(after, nid)
    return gate, out


def _rule(gate: Node) -> dict[str, Any]:
    (rule,) = gate.parameters["conditions"]
    assert isinstance(rule, dict)
    return rule


def _inputs_kept(before: Workflow, after: Workflow, ids: list[str]) -> None:
    for nid in ids:
        assert f.into(after, nid) == f.into(before, nid), nid


# --- a new step behind a new condition that guards only it --------------------------------------


@pytest.mark.parametrize(
    ("make", "text", "app", "field", "op", "value"),
    [
        (
            b.orders,
            "also post to Slack, but only if the amount is over 1000",
            "slack",
            "amount",
            "greater_than",
            1000,
        ),
        (b.orders, "只有金额超过1000时才发钉钉", "dingtalk", "amount", "greater_than", 1000),
        (b.orders, "金额大于500的话再发一条飞书消息", "feishu", "amount", "greater_than", 500),
        (b.orders, "如果金额超过2000，也在企业微信里通知", "wecom", "amount", "greater_than", 2000),
        (
            b.signup,
            "also add them to Airtable, but only if the country is Canada",
            "airtable",
            "country",
            "equals",
            "Canada",
        ),
        (
            b.news,
            "also send it to Discord but only when the title contains AI",
            "discord",
            "title",
            "contains",
            "AI",
        ),
        (b.news, "标题包含AI的话也发到Telegram", "telegram", "title", "contains", "AI"),
        (b.signup, "如果国家是中国，也发一条飞书消息", "feishu", "country", "equals", "中国"),
    ],
)
def test_a_new_step_behind_its_own_condition(
    make: Make, text: str, app: str, field: str, op: str, value: object
) -> None:
    before = make()
    after = f.edit(before, text)
    new = _one_new(before, after, app)
    gate, out = _gate(after, new.id)
    assert out == "true" and before.node(gate.id) is None
    rule = _rule(gate)
    assert field in str(rule["left"]) or field in str(rule.get("field", ""))
    assert rule["operator"] == op and rule["right"] == value
    _inputs_kept(before, after, [x.id for x in before.nodes])  # nothing old is guarded
    f.kept(before, after, [x.id for x in before.nodes])


# --- a new condition in front of an existing step ---------------------------------------------


@pytest.mark.parametrize(
    ("make", "text", "guarded", "field", "value"),
    [
        (
            b.orders,
            "add a condition: only email when the status is failed",
            "e",
            "status",
            "failed",
        ),
        (b.orders, "只有状态是失败的时候才发邮件", "e", "status", "失败"),
        (b.orders, "加个条件：只有状态是paid才发邮件", "e", "status", "paid"),
        (b.news, "only email it when the title contains launch", "e", "title", "launch"),
        (b.signup, "只有国家是中国的时候才发欢迎邮件", "e", "country", "中国"),
        (b.news, "只有标题包含发布的时候才发邮件", "e", "title", "发布"),
    ],
)
def test_a_condition_guards_the_existing_step(
    make: Make, text: str, guarded: str, field: str, value: str
) -> None:
    before = make()
    after = f.edit(before, text)
    gate, out = _gate(after, guarded)
    assert out == "true"
    rule = _rule(gate)
    assert field in str(rule["left"]) and str(rule["right"]) == value
    others = [x.id for x in before.nodes if x.id != guarded]
    _inputs_kept(before, after, [x for x in others])
    f.kept(before, after, [x.id for x in before.nodes])


# --- a new step on an existing branch ---------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "text", "app", "output"),
    [
        (b.urgent, "on the otherwise branch, also add a row to Airtable", "airtable", "false"),
        (b.urgent, "在否则分支里加一个飞书消息", "feishu", "false"),
        (b.big_orders, "在否则分支里也加一条钉钉通知", "dingtalk", "false"),
        (
            b.big_orders,
            "in the else branch, also log it to Google Sheets",
            "google_sheets",
            "false",
        ),
        (b.urgent, "紧急的时候也发短信", "twilio", "true"),
        (b.big_orders, "on the true branch, also create a HubSpot deal", "hubspot", "true"),
        (b.urgent, "不紧急的时候也在Notion里记一条", "notion", "false"),
        (b.urgent, "否则的话也发一条Telegram", "telegram", "false"),
        (b.big_orders, "orders over 100 should also be logged to Airtable", "airtable", "true"),
        (b.big_orders, "金额超过100的订单也记到Notion", "notion", "true"),
        (b.big_orders, "金额不超过100的订单也发短信", "twilio", "false"),
        (b.urgent, "不然就也记到Notion", "notion", "false"),
        (b.big_orders, "否则也在飞书里通知", "feishu", "false"),
        (b.urgent, "otherwise also text me", "twilio", "false"),
        (b.big_orders, "if the amount is 100 or less, also post to Discord", "discord", "false"),
        (b.big_orders, "金额小于等于100的话也存到Airtable", "airtable", "false"),
        (
            b.big_orders,
            "when the amount is not over 100, also add a Trello card",
            "trello",
            "false",
        ),
    ],
)
def test_a_new_step_on_an_existing_branch(make: Make, text: str, app: str, output: str) -> None:
    before = make()
    after = f.edit(before, text)
    new = _one_new(before, after, app)
    assert f.into(after, new.id) == [("i", output)]
    assert [x.id for x in after.nodes if x.subtype == "if"] == ["i"]
    f.kept(before, after, [x.id for x in before.nodes])


@pytest.mark.parametrize(
    ("text", "app"),
    [
        ("when it's not urgent, create a Trello card instead of the email", "trello"),
        ("不紧急的时候改成创建Trello卡片，不发邮件", "trello"),
        ("非紧急的工单不要发邮件了，改成发到钉钉", "dingtalk"),
    ],
)
def test_a_step_on_a_branch_replaces_the_one_there(text: str, app: str) -> None:
    before = b.urgent()
    after = f.edit(before, text)
    new = _one_new(before, after, app)
    assert after.node("e") is None
    assert f.into(after, new.id) == [("i", "false")]
    f.kept(before, after, ["t", "i", "s"])


# --- before / after a named step ---------------------------------------------------------------


def _ai(before: Workflow, after: Workflow) -> Node:
    (new,) = _new(before, after)
    assert new.subtype in (
        "summarizer",
        "llm_chat",
        "openai",
        "ai_agent",
        "google_translate",
        "deepl",
    ), new.subtype
    return new


@pytest.mark.parametrize(
    ("make", "text", "anchor", "feed"),
    [
        (b.news, "before posting to Slack, summarise it with AI", "s", "t"),
        (b.news, "发到Slack之前先用AI总结一下", "s", "t"),
        (b.news, "在发邮件之前先翻译成英文", "e", "s"),
        (b.report, "before emailing the report, translate it into Chinese", "e", "h"),
        (b.orders, "发邮件前先用AI总结一下订单", "e", "g"),
    ],
)
def test_an_ai_step_before_the_named_step(make: Make, text: str, anchor: str, feed: str) -> None:
    before = make()
    after = f.edit(before, text)
    new = _ai(before, after)
    assert f.into(after, new.id) == [(feed, "main")]
    assert f.into(after, anchor) == [(new.id, "main")]
    # the named step may now send the AI step's text; every other step is untouched
    f.kept(before, after, [x.id for x in before.nodes if x.id != anchor])
    anchored = after.node(anchor)
    assert anchored is not None and anchored.name == before.node(anchor).name  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("make", "text", "app", "anchor"),
    [
        (b.signup, "after the HubSpot step, notify me on Telegram", "telegram", "h"),
        (b.signup, "HubSpot之后用Telegram通知我", "telegram", "h"),
        (b.orders, "记到表格之后发一条Slack消息", "slack", "g"),
        (b.orders, "once the order is logged in the sheet, ping me on Discord", "discord", "g"),
        (b.report, "拿到数据之后先存到Airtable", "airtable", "h"),
        (b.news, "发完Slack之后再存到Notion", "notion", "s"),
        (b.orders, "发邮件之后再通知Slack", "slack", "e"),
        (b.signup, "创建联系人之后发一条钉钉消息", "dingtalk", "h"),
    ],
)
def test_a_step_after_the_named_step(make: Make, text: str, app: str, anchor: str) -> None:
    before = make()
    after = f.edit(before, text)
    new = _one_new(before, after, app)
    assert f.into(after, new.id) == [(anchor, "main")]
    f.kept(before, after, [x.id for x in before.nodes])


# --- changing an existing condition -----------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "text", "field", "op", "value"),
    [
        (b.big_orders, "change the threshold to 500", "amount", "greater_than", 500),
        (b.big_orders, "make it over 200 instead of 100", "amount", "greater_than", 200),
        (b.big_orders, "把条件改成大于500", "amount", "greater_than", 500),
        (b.big_orders, "金额门槛改成300", "amount", "greater_than", 300),
        (b.big_orders, "条件改成金额小于50", "amount", "less_than", 50),
        (b.urgent, "change it to high priority instead of urgent", "priority", "equals", "high"),
        (b.urgent, "把urgent改成high", "priority", "equals", "high"),
        (b.urgent, "把紧急改成高", "priority", "equals", "high"),
        (b.urgent, "change urgent to critical", "priority", "equals", "critical"),
        (b.big_orders, "change 100 to 250", "amount", "greater_than", 250),
        (b.big_orders, "change the condition to more than 750", "amount", "greater_than", 750),
        (b.big_orders, "把判断条件改为小于20", "amount", "less_than", 20),
    ],
)
def test_a_changed_condition_keeps_its_node(
    make: Make, text: str, field: str, op: str, value: object
) -> None:
    before = make()
    after = f.edit(before, text)
    assert [x.id for x in after.nodes if x.subtype == "if"] == ["i"]
    gate = after.node("i")
    assert gate is not None
    rules = gate.parameters["conditions"]
    assert any(
        field in str(r["left"]) and r["operator"] == op and r["right"] == value for r in rules
    ), rules
    f.kept(before, after, [x.id for x in before.nodes if x.id != "i"])
    _inputs_kept(before, after, [x.id for x in before.nodes])


# --- days and hours --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["only run on weekdays", "周末不要发", "只在工作日运行", "don't send on weekends"]
)
def test_weekdays_on_a_schedule_change_the_schedule(text: str) -> None:
    before = b.report()
    after = f.edit(before, text)
    trig = after.node("t")
    assert trig is not None and trig.parameters.get("cron") == "0 9 * * 1-5", trig
    assert not [x for x in after.nodes if x.subtype == "if"]
    f.kept(before, after, ["h", "e"])


@pytest.mark.parametrize(
    ("make", "text", "guarded", "marker"),
    [
        (b.orders, "don't send on weekends", "e", "$now.weekday"),
        (b.orders, "只在工作日发邮件", "e", "$now.weekday"),
        (b.orders, "只在工作时间发", "e", "$now.hour"),
        (b.urgent, "only alert the team during business hours", "s", "$now.hour"),
        (b.orders, "emails only during office hours please", "e", "$now.hour"),
        (b.signup, "欢迎邮件只在工作时间发", "e", "$now.hour"),
    ],
)
def test_days_or_hours_on_an_event_trigger_check_the_time(
    make: Make, text: str, guarded: str, marker: str
) -> None:
    before = make()
    after = f.edit(before, text)
    gate, out = _gate(after, guarded)
    assert marker in str(gate.parameters), gate.parameters
    assert out == "true"
    f.kept(before, after, [x.id for x in before.nodes])


# --- remove and replace ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "text", "gone", "app", "feed"),
    [
        (b.orders, "stop emailing me, send it to Discord instead", "e", "discord", ("g", "main")),
        (b.orders, "把邮件换成企业微信", "e", "wecom", ("g", "main")),
        (b.report, "邮件换成钉钉", "e", "dingtalk", ("h", "main")),
        (b.news, "不要发邮件了，改成发到飞书", "e", "feishu", ("s", "main")),
        (b.urgent, "把Slack换成飞书", "s", "feishu", ("i", "true")),
        (
            b.big_orders,
            "replace the email with a Teams message",
            "e",
            "microsoft_teams",
            ("i", "false"),
        ),
        (b.signup, "用Pipedrive代替HubSpot", "h", "pipedrive", ("t", "main")),
        (b.rows, "把Airtable换成Notion", "a", "notion", ("h", "main")),
    ],
)
def test_a_replacement_takes_the_place(
    make: Make, text: str, gone: str, app: str, feed: tuple[str, str]
) -> None:
    before = make()
    after = f.edit(before, text)
    assert after.node(gone) is None
    new = _one_new(before, after, app)
    assert f.into(after, new.id) == [feed]
    f.kept(before, after, [x.id for x in before.nodes if x.id != gone])


@pytest.mark.parametrize(
    ("make", "text", "gone", "rewired", "feed"),
    [
        (b.orders, "no longer add it to the sheet", "g", "e", "t"),
        (b.news, "不要再发到Slack了", "s", "e", "t"),
        (b.signup, "不用加到HubSpot了", "h", "e", "t"),
        (b.orders, "表格不用记了", "g", "e", "t"),
        (b.news, "Slack不用再发了", "s", "e", "t"),
        (b.signup, "HubSpot不需要同步了", "h", "e", "t"),
        (b.orders, "邮件不用发了", "e", "g", "t"),
    ],
)
def test_a_removal_rewires_around(
    make: Make, text: str, gone: str, rewired: str, feed: str
) -> None:
    before = make()
    after = f.edit(before, text)
    assert after.node(gone) is None
    assert f.into(after, rewired) == [(feed, "main")]
    assert not _new(before, after)
    f.kept(before, after, [x.id for x in before.nodes if x.id != gone])


# --- nothing to change --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "text"),
    [
        (b.news, "also post it to Slack"),
        (b.news, "也发到Slack"),
        (b.orders, "also email me"),
        (b.report, "每天早上9点运行"),
        (b.urgent, "紧急的时候发到Slack"),
        (b.big_orders, "only post to Slack if the amount is over 100"),
        (b.rows, "每一行都存到Airtable"),
    ],
)
def test_a_request_already_met_changes_nothing_and_says_so(make: Make, text: str) -> None:
    before = make()
    result = apply_edits(before, parse_edits(text, before), detect_lang(text))
    assert not result.changed and result.notes
    assert [x.id for x in result.workflow.nodes] == [x.id for x in before.nodes]


@pytest.mark.parametrize("text", ["only during business hours", "只在上班时间检查"])
def test_working_hours_on_an_interval_schedule_keep_the_interval(text: str) -> None:
    before = f.wf(
        [
            f.node("t", "schedule_trigger", "Poll", {"interval": "minutes", "every": 15}),
            f.node("h", "http_request", "Fetch", {"method": "GET", "url": "https://x.io"}),
        ],
        [("t", "main", "h")],
    )
    after = f.edit(before, text)
    trig = after.node("t")
    assert trig is not None and trig.parameters.get("cron") == "*/15 9-17 * * *", trig
    assert not [x for x in after.nodes if x.subtype == "if"]
    f.kept(before, after, ["h"])


def test_weekdays_and_office_hours_are_one_check() -> None:
    before = b.orders()
    after = f.edit(before, "only email me on weekdays during office hours")
    gate, out = _gate(after, "e")
    assert out == "true"
    assert "$now.weekday" in str(gate.parameters) and "$now.hour" in str(gate.parameters)
    assert len([x for x in after.nodes if x.subtype == "if"]) == 1


@pytest.mark.parametrize(
    ("text", "field", "op", "value"),
    [
        ("only for orders from Canada now", "country", "equals", "Canada"),
        ("现在只处理国家是加拿大的订单", "country", "equals", "加拿大"),
        ("from now on, only handle orders over 500", "amount", "greater_than", 500),
        ("现在改成只处理金额大于500的订单", "amount", "greater_than", 500),
    ],
)
def test_only_now_replaces_the_rule_of_the_filtering_check(
    text: str, field: str, op: str, value: object
) -> None:
    before = b.paid()
    after = f.edit(before, text)
    assert [x.id for x in after.nodes if x.subtype == "if"] == ["i"]
    gate = after.node("i")
    assert gate is not None and gate.name == "Paid?"
    left = "{{ $json." + field + " }}"
    assert _rule(gate) == {"left": left, "operator": op, "right": value}
    _inputs_kept(before, after, ["i", "a"])
    f.kept(before, after, ["t", "a"])


@pytest.mark.parametrize(
    "text", ["only for orders from Canada now", "from now on only orders from Canada"]
)
def test_only_now_where_the_check_routes_both_ways_guards_the_whole_flow(text: str) -> None:
    before = b.big_orders()
    after = f.edit(before, text)
    gate, out = _gate(after, "i")
    assert out == "true" and f.into(after, gate.id) == [("t", "main")]
    assert _rule(gate) == {"left": "{{ $json.country }}", "operator": "equals", "right": "Canada"}
    f.kept(before, after, ["t", "i", "s", "e"])


# --- inside a loop -----------------------------------------------------------------------------


def _body(after: Workflow) -> set[str]:
    loop = after.node("l")
    assert loop is not None
    return {x.id for x in eg.body_of(after, loop)}


@pytest.mark.parametrize(
    ("text", "app"),
    [
        ("for each row, also send a Telegram message", "telegram"),
        ("在循环里每一行也发一条钉钉消息", "dingtalk"),
        ("每一行也要在Notion里建一个页面", "notion"),
    ],
)
def test_a_step_for_each_item_goes_inside_the_loop(text: str, app: str) -> None:
    before = b.rows()
    after = f.edit(before, text)
    new = _one_new(before, after, app)
    assert new.id in _body(after)
    assert ("l", "loop") not in f.into(after, new.id) or f.into(after, "h") != [("l", "loop")]
    assert f.into(after, "m") == [("l", "done")]
    f.kept(before, after, [x.id for x in before.nodes])


@pytest.mark.parametrize(
    ("text", "app", "anchor"),
    [
        ("inside the loop, after calling the API, log it to Google Sheets", "google_sheets", "h"),
        # a Chinese name for an English step name ("调用接口" for "Call API") is not matched
        pytest.param(
            "循环里调用接口之后再发一条飞书消息",
            "feishu",
            "h",
            marks=pytest.mark.xfail(strict=True, reason="step names across languages"),
        ),
        ("在循环里，保存之后再发一条飞书消息", "feishu", "a"),
    ],
)
def test_a_step_after_a_named_step_inside_the_loop(text: str, app: str, anchor: str) -> None:
    before = b.rows()
    after = f.edit(before, text)
    new = _one_new(before, after, app)
    assert f.into(after, new.id) == [(anchor, "main")] and new.id in _body(after)
    f.kept(before, after, [x.id for x in before.nodes])


@pytest.mark.parametrize("text", ["after the loop, email me", "循环结束后发邮件给我"])
def test_a_step_after_the_loop_is_not_in_its_body(text: str) -> None:
    before = b.rows()
    after = f.edit(before, text)
    (new,) = [x for x in _new(before, after) if x.subtype in ("send_email", "gmail_send")]
    assert new.id not in _body(after)
    assert f.into(after, new.id) in ([("l", "done")], [("m", "main")])


# --- more branches, orders and replacements ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "guarded", "op", "value"),
    [
        ("only email me when the amount is not below 50", "e", "greater_than", 49),
        ("only log orders to the sheet if the amount isn't more than 20", "g", "less_than", 21),
    ],
)
def test_a_denied_comparison_is_the_opposite_bound(
    text: str, guarded: str, op: str, value: int
) -> None:
    before = b.orders()
    after = f.edit(before, text)
    gate, out = _gate(after, guarded)
    assert out == "true"
    assert _rule(gate) == {"left": "{{ $json.amount }}", "operator": op, "right": value}
    f.kept(before, after, [x.id for x in before.nodes])


def test_a_denied_comparison_on_the_checked_field_updates_the_check() -> None:
    before = b.big_orders()
    after = f.edit(before, "only post to Slack when the amount is not under 500")
    assert [x.id for x in after.nodes if x.subtype == "if"] == ["i"]
    assert f.into(after, "s") == [("i", "true")]
    gate = after.node("i")
    assert gate is not None and _rule(gate)["right"] == 499


# --- round 3: a step before a named step, conditions on other workflows ------------------------


@pytest.mark.parametrize(
    ("make", "text", "app", "anchor", "feed"),
    [
        (b.news, "在发Slack之前先存到Airtable", "airtable", "s", "t"),
        (b.news, "before the Slack post, save the item to Notion", "notion", "s", "t"),
        (b.signup, "在发欢迎邮件之前先发一条钉钉消息", "dingtalk", "e", "h"),
        (b.orders, "before logging the order, add it to HubSpot", "hubspot", "g", "t"),
    ],
)
def test_a_step_before_the_named_step(
    make: Make, text: str, app: str, anchor: str, feed: str
) -> None:
    before = make()
    after = f.edit(before, text)
    new = _one_new(before, after, app)
    assert f.into(after, new.id) == [(feed, "main")]
    assert f.into(after, anchor) == [(new.id, "main")]
    f.kept(before, after, [x.id for x in before.nodes])


@pytest.mark.parametrize(
    ("make", "text", "app", "field", "op", "value"),
    [
        (b.report, "如果数量超过100，也发一条飞书消息", "feishu", "quantity", "greater_than", 100),
        (b.rows, "只有状态是open的行才保存", None, "status", "equals", "open"),
        (b.rows, "只有分数大于60的行才保存", None, "score", "greater_than", 60),
        (b.rows, "只有类型是订单的记录才保存", None, "type", "equals", "订单"),
        (b.signup, "如果城市是上海，也发一条钉钉消息", "dingtalk", "city", "equals", "上海"),
        (b.signup, "要是公司是Acme的话，再发一条Slack消息", "slack", "company", "equals", "Acme"),
        (
            b.news,
            "also text me, but only if the title mentions outage",
            "twilio",
            "title",
            "contains",
            "outage",
        ),
    ],
)
def test_more_conditions_on_other_workflows(
    make: Make, text: str, app: str | None, field: str, op: str, value: object
) -> None:
    before = make()
    after = f.edit(before, text)
    if app is None:
        gate, out = _gate(after, "a")  # the existing save step, inside the loop
    else:
        gate, out = _gate(after, _one_new(before, after, app).id)
    assert out == "true"
    assert _rule(gate) == {"left": "{{ $json." + field + " }}", "operator": op, "right": value}
    f.kept(before, after, [x.id for x in before.nodes])


@pytest.mark.parametrize(
    "text",
    [
        "只有状态是open的行才保存",
        "only save rows whose state is open",
        "只有分数大于60的行才保存",
        "只有状态不是closed的行才保存",
    ],
)
def test_a_check_inside_a_loop_sends_the_other_items_to_the_next_pass(text: str) -> None:
    before = b.rows()
    after = f.edit(before, text)
    gate, _ = _gate(after, "a")
    assert gate.id in _body(after)
    outs = {c.from_output: c.to_node for c in after.connections if c.from_node == gate.id}
    assert set(outs.values()) == {"a", "l"} and len(outs) == 2  # one output each
    assert ("a", "main") in f.into(after, "l")  # the saved items still go round
    f.kept(before, after, [x.id for x in before.nodes])
