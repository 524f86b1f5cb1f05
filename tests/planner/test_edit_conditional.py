"""Conditional edits in any wording (issue 14): a condition on an existing step, the other
output of an existing check, re-routing by a value of the field a check tests, conditional
replacements, classifier categories, going round a step, and parameter changes. Assertions
say which node sits on which output of which condition, on which field."""

from __future__ import annotations

from typing import Any

import pytest

from flowsmith.core.models import Node, Workflow
from tests.planner import edit_fixtures as f

# --- conditional edits -------------------------------------------------------------------------


def _gate_before(wf: Workflow, nid: str) -> tuple[Node, str]:
    ((src, out),) = f.into(wf, nid)
    gate = wf.node(src)
    assert gate is not None and gate.subtype == "if", f.into(wf, nid)
    return gate, out


def _left(gate: Node) -> str:
    return str(gate.parameters["conditions"][0]["left"])


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("如果邮箱是qq.com结尾的就不要发邮件", "qq.com"),
        ("邮箱以163.com结尾的不要发邮件", "163.com"),
        ("邮箱后缀是163.com的话不用发邮件", "163.com"),
        ("don't email sales if the address ends with @test.com", "@test.com"),
        ("skip the email when the email ends in example.org", "example.org"),
    ],
)
def test_no_email_for_an_address_ending_guards_the_email_on_false(text: str, value: str) -> None:
    before = f.leads()
    wf = f.edit(before, text)
    gate, out = _gate_before(wf, "e")
    assert out == "false"
    assert "email" in _left(gate) and gate.parameters["conditions"][0]["right"] == value
    assert f.into(wf, "a") == [("t", "main")]  # the record step is not guarded
    f.kept(before, wf, ["t", "a", "e"])


def _stock() -> Workflow:
    in_stock = {"left": "{{ $json.in_stock }}", "operator": "is_true"}
    return f.wf(
        [
            f.node("t", "schedule_trigger", "Every hour", {"interval": "hours", "every": 1}),
            f.node("c", "web_page_check", "Check store", {"url": "https://shop.x/i"}),
            f.node("i", "if", "In stock?", {"conditions": [in_stock]}),
            f.node("m", "slack_message", "Tell me", {"channel": "#deals", "text": "x"}),
        ],
        [("t", "main", "c"), ("c", "main", "i"), ("i", "true", "m")],
    )


def _paid() -> Workflow:
    paid = {"left": "{{ $json.status }}", "operator": "equals", "right": "paid"}
    return f.wf(
        [
            f.node("t", "webhook_trigger", "Order in", {"path": "o", "method": "POST"}),
            f.node("i", "if", "Paid?", {"conditions": [paid]}),
            f.node("a", "airtable_create_record", "Record order", {"table": "Orders"}),
        ],
        [("t", "main", "i"), ("i", "true", "a")],
    )


@pytest.mark.parametrize(
    ("make", "text"),
    [
        (_stock, "when it is out of stock, add a row to Airtable"),
        (_stock, "if it isn't in stock, log it to a Google Sheet"),
        (_stock, "缺货的时候在Notion里记一条"),
        (_stock, "when the item is no longer available, email me"),
        (_stock, "otherwise log the check to Airtable"),
        (_paid, "when the status is not paid, email finance@acme.io"),
        (_paid, "如果状态不是paid，就发短信给我"),
    ],
)
def test_the_opposite_case_goes_on_the_other_output_of_the_existing_check(
    make: Any, text: str
) -> None:
    before = make()
    wf = f.edit(before, text)
    assert [x.id for x in wf.nodes if x.subtype == "if"] == ["i"]  # no second check
    (new,) = [x for x in wf.nodes if before.node(x.id) is None]
    assert f.into(wf, new.id) == [("i", "false")]
    f.kept(before, wf, [x.id for x in before.nodes])


def _signup() -> Workflow:
    return f.wf(
        [
            f.node("t", "webhook_trigger", "Signup", {"path": "s", "method": "POST"}),
            f.node("p", "postgres_query", "Save user", {"query": "insert"}),
            f.node("h", "hubspot", "Add contact", {"resource": "contact", "operation": "create"}),
            f.node(
                "r", "webhook_response", "Respond", {"respond_with": "json", "status_code": 200}
            ),
        ],
        [("t", "main", "p"), ("p", "main", "h"), ("h", "main", "r")],
    )


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("only add them to HubSpot if they opted in to marketing", "marketing"),
        ("add to HubSpot only when the newsletter box is checked", "newsletter"),
        ("create the HubSpot contact only if they agreed to the terms", "terms"),
        ("只有勾选了订阅才加到HubSpot", "订阅"),
        ("如果用户没有勾选订阅，就不要加到HubSpot", "订阅"),
    ],
)
def test_a_ticked_box_guards_the_named_existing_step(text: str, field: str) -> None:
    before = _signup()
    wf = f.edit(before, text)
    gate, at = _gate_before(wf, "h")
    assert field in _left(gate)
    # the contact is created exactly when the box is ticked
    ticked = {"is_true": "true", "is_false": "false"}[gate.parameters["conditions"][0]["operator"]]
    assert at == ticked
    assert f.into(wf, "p") == [("t", "main")]  # the database step is not guarded
    f.kept(before, wf, ["t", "p", "h", "r"])


# --- multi-way re-routing ----------------------------------------------------------------------


def _chained(wf: Workflow) -> Node:
    """The check chained on the false output of the existing "Urgent?" check."""
    (gate,) = [x for x in wf.nodes if x.subtype == "if" and x.id != "i"]
    assert f.into(wf, gate.id) == [("i", "false")]
    assert _left(gate) == "{{ $json.priority }}"
    return gate


@pytest.mark.parametrize(
    ("text", "value", "app"),
    [
        (
            "high-priority tickets should go to Jira; urgent keep paging; everything else Teams",
            "high",
            "jira",
        ),
        (
            "low-priority tickets should just add a Trello card; urgent still SMS; others Teams",
            "low",
            "trello",
        ),
        ("高优先级的工单在Jira建问题，紧急的还是发短信，其他的发Teams", "high", "jira"),
        ("低优先级的工单只在Trello建卡片，其余的照旧", "low", "trello"),
        ("low priority tickets should only go to Trello", "low", "trello"),
    ],
)
def test_a_new_case_gets_its_own_output_and_the_rest_keep_theirs(
    text: str, value: str, app: str
) -> None:
    before = f.tickets()
    wf = f.edit(before, text)
    gate = _chained(wf)
    assert gate.parameters["conditions"][0]["right"] == value
    (new,) = f.app(wf, app)
    assert f.into(wf, new.id) == [(gate.id, "true")]
    assert f.into(wf, "c") == [("i", "true")]  # the urgent case keeps its SMS
    assert f.into(wf, "m") == [(gate.id, "false")]  # everything else: Teams, only there
    f.kept(before, wf, ["t", "i", "c", "m"])


def test_a_new_case_said_with_also_keeps_the_existing_step_too() -> None:
    wf = f.edit(f.tickets(), "normal tickets should also get a Slack message")
    gate = _chained(wf)
    (new,) = f.app(wf, "slack")
    assert f.into(wf, new.id) == [(gate.id, "true")]
    assert ("i", "false") in f.into(wf, "m")


# --- parameter changes -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("raise the threshold to 150", 150),
        ("把阈值改成120", 120),
        ("only when the price is under 60", 60),
        ("make it 75 instead of 100", 75),
        ("only notify me when the price is below 90", 90),
        ("把100改成80", 80),
        ("use 90 rather than 100", 90),
    ],
)
def test_a_new_threshold_changes_the_existing_check(text: str, value: int) -> None:
    before = f.price()
    wf = f.edit(before, text)
    assert [x.id for x in wf.nodes] == ["t", "h", "i", "m"]
    (cond,) = wf.node("i").parameters["conditions"]  # type: ignore[union-attr]
    assert cond == {"left": "{{ $json.body.price }}", "operator": "less_than", "right": value}
    f.kept(before, wf, ["t", "h", "m"])


@pytest.mark.parametrize(
    ("make", "text", "nid", "key", "value"),
    [
        (f.digest, "send it to #ops instead", "m", "channel", "#ops"),
        (f.digest, "改成发到#ops频道", "m", "channel", "#ops"),
        (f.digest, "把#news换成#ops", "m", "channel", "#ops"),
        (f.digest, "make the Slack message go to #general instead", "m", "channel", "#general"),
        (f.digest, "Slack频道改为#daily", "m", "channel", "#daily"),
        (f.leads, "邮件发给ceo@acme.cn，不要发给销售了", "e", "to", "ceo@acme.cn"),
        (f.digest, "I'd like the Slack message to go to #general", "m", "channel", "#general"),
        (f.teams, "send it to #ops instead", "m", "channel", "#ops"),
        (f.teams, "change the channel to Alerts", "m", "channel", "Alerts"),
        (f.leads, "send the email to boss@acme.io instead", "e", "to", "boss@acme.io"),
        (f.leads, "收件人改成boss@acme.cn", "e", "to", "boss@acme.cn"),
    ],
)
def test_a_new_channel_or_recipient_changes_the_step_in_place(
    make: Any, text: str, nid: str, key: str, value: str
) -> None:
    before = make()
    wf = f.edit(before, text)
    assert [x.id for x in wf.nodes] == [x.id for x in before.nodes]
    node = wf.node(nid)
    assert node is not None and node.parameters[key] == value
    f.kept(before, wf, [x.id for x in before.nodes if x.id != nid])


@pytest.mark.parametrize(
    ("text", "cron_hour"),
    [("改成每天下午3点", "15"), ("run it at 7am instead", "7"), ("改成每周五上午10点检查", "10")],
)
def test_a_new_time_changes_the_schedule_only(text: str, cron_hour: str) -> None:
    before = f.price()
    wf = f.edit(before, text)
    trigger = wf.node("t")
    assert trigger is not None and cron_hour in str(trigger.parameters)
    f.kept(before, wf, ["h", "i", "m"])


# --- conditional replacement and qualified items -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "app", "old"),
    [
        (
            "when the budget is under 1000, send them to Mailchimp instead of emailing sales",
            "mailchimp",
            "e",
        ),
        ("预算低于1000的话，用Mailchimp代替发邮件", "mailchimp", "e"),
        ("if the lead is from Germany, post to Slack #de rather than emailing sales", "slack", "e"),
        ("if the budget is over 5000, create a Salesforce lead instead", "salesforce", "a"),
        ("leads from Germany should go to Pipedrive instead", "pipedrive", "a"),
    ],
)
def test_a_conditional_replacement_splits_new_and_old_steps(text: str, app: str, old: str) -> None:
    before = f.leads()
    wf = f.edit(before, text)
    gate, out = _gate_before(wf, old)
    (new,) = f.app(wf, app)
    assert f.into(wf, new.id) == [(gate.id, "true" if out == "false" else "false")]
    f.kept(before, wf, ["t", "a", "e"])


@pytest.mark.parametrize(
    ("text", "out"),
    [
        ("leads from the US should not be emailed", "false"),
        ("leads from the US shouldn't get an email", "false"),
        ("only email sales for leads from the US", "true"),
        ("分数低于50的线索不要发邮件", "false"),
    ],
)
def test_qualified_items_guard_the_email(text: str, out: str) -> None:
    wf = f.edit(f.leads(), text)
    _, at = _gate_before(wf, "e")
    assert at == out
    assert f.into(wf, "a") == [("t", "main")]


# --- categories of a classifier, approvals, going round a step ---------------------------------


def _triage() -> Workflow:
    """Emails classified billing / bug / other, each routed by a switch."""
    rules = [{"operator": "equals", "value": "billing"}, {"operator": "equals", "value": "bug"}]
    return f.wf(
        [
            f.node("t", "email_trigger", "New email"),
            f.node("c", "text_classifier", "Classify", {"categories": ["billing", "bug", "other"]}),
            f.node("s", "switch", "Route", {"field": "{{ $json.category }}", "rules": rules}),
            f.node("b", "hubspot", "Billing ticket", {"resource": "ticket", "operation": "create"}),
            f.node("j", "jira", "Bug issue", {"resource": "issue", "operation": "create"}),
            f.node("o", "slack_message", "Other to Slack", {"channel": "#support", "text": "x"}),
        ],
        [
            ("t", "main", "c"),
            ("c", "main", "s"),
            ("s", "output_0", "b"),
            ("s", "output_1", "j"),
            ("s", "fallback", "o"),
        ],
    )


@pytest.mark.parametrize(
    ("text", "app", "out"),
    [
        ("also post bugs to #dev on Slack", "slack", "output_1"),
        ("send bugs to Linear as well", "linear", "output_1"),
        ("create a Trello card for billing emails too", "trello", "output_0"),
    ],
)
def test_a_step_for_one_category_goes_on_its_output(text: str, app: str, out: str) -> None:
    before = _triage()
    wf = f.edit(before, text)
    new = [x for x in f.app(wf, app) if before.node(x.id) is None]
    assert len(new) == 1 and f.into(wf, new[0].id) == [("s", out)]
    f.kept(before, wf, [x.id for x in before.nodes])


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("其他的邮件不用发Slack了", "o"),
        ("for other emails, don't post to Slack anymore", "o"),
        ("billing emails should not create a HubSpot ticket", "b"),
    ],
)
def test_a_category_no_longer_getting_its_step_removes_it(text: str, gone: str) -> None:
    before = _triage()
    wf = f.edit(before, text)
    assert wf.node(gone) is None
    assert not [x for x in wf.nodes if x.subtype == "if"]
    f.kept(before, wf, [x.id for x in before.nodes if x.id != gone])


def _purchase() -> Workflow:
    return f.wf(
        [
            f.node("t", "form_trigger", "Purchase form"),
            f.node("a", "approval_email", "Ask manager", {"to": "boss@acme.io"}),
            f.node("c", "asana", "Create PO task", {"resource": "task", "operation": "create"}),
            f.node("r", "send_email", "Tell requester", {"to": "{{ $json.email }}"}),
        ],
        [("t", "main", "a"), ("a", "approved", "c"), ("a", "rejected", "r")],
    )


@pytest.mark.parametrize(
    "text", ["skip the approval for amounts under 100", "金额低于100的不用审批"]
)
def test_skipping_a_step_for_some_items_sends_them_round_it(text: str) -> None:
    before = _purchase()
    wf = f.edit(before, text)
    gate, out = _gate_before(wf, "a")
    other = "true" if out == "false" else "false"
    assert (gate.id, other) in f.into(wf, "c")  # small amounts go straight on
    assert ("a", "approved") in f.into(wf, "c")
    assert f.into(wf, "r") == [("a", "rejected")]


def test_skipping_a_middle_step_keeps_the_rest_of_the_flow() -> None:
    wf = f.edit(f.leads(), "skip the Airtable step when the lead has no email")
    gate, out = _gate_before(wf, "a")
    assert out == "false"  # leads without an email skip the record step ...
    assert sorted(f.into(wf, "e")) == sorted([("a", "main"), (gate.id, "true")])  # ... not the rest


@pytest.mark.parametrize(
    "text", ["ask the CFO cfo@acme.io instead of my boss", "审批人改成cfo@acme.io"]
)
def test_a_new_approver(text: str) -> None:
    before = _purchase()
    wf = f.edit(before, text)
    assert wf.node("a").parameters["to"] == "cfo@acme.io"  # type: ignore[union-attr]
    f.kept(before, wf, ["t", "c", "r"])


@pytest.mark.parametrize(
    ("text", "after"),
    [
        ("出错时给我发邮件", "e"),
        ("if anything fails, email me", "e"),
        ("when the Airtable step fails, text me", "a"),
        ("Airtable写入失败时发短信给我", "a"),
    ],
)
def test_a_failure_notice_is_a_new_step_after_the_step_that_fails(text: str, after: str) -> None:
    before = f.leads()
    wf = f.edit(before, text)
    (gate,) = [x for x in wf.nodes if x.subtype == "if"]
    assert "error" in _left(gate)
    assert f.into(wf, gate.id) == [(after, "main")]
    (new,) = [x for x in wf.nodes if before.node(x.id) is None and x.id != gate.id]
    assert f.into(wf, new.id) == [(gate.id, "true")]
    f.kept(before, wf, ["t", "a", "e"])


@pytest.mark.parametrize(
    "text",
    [
        "再加一个条件：只处理优先级不是low的工单",
        "add a condition: only handle tickets whose status is open",
        "only process tickets whose status is open",
        "只处理状态为open的工单",
    ],
)
def test_a_condition_on_the_items_guards_the_whole_flow(text: str) -> None:
    before = f.tickets()
    wf = f.edit(before, text)
    gate, out = _gate_before(wf, "i")
    assert out == "true" and f.into(wf, gate.id) == [("t", "main")]
    f.kept(before, wf, ["t", "i", "c", "m"])


@pytest.mark.parametrize(
    "text",
    [
        "紧急的工单除了发短信，也在Slack里@值班",
        "besides the SMS, also post urgent tickets to Slack",
        "urgent tickets should also go to Slack",
    ],
)
def test_a_step_added_for_an_existing_case_goes_on_its_output(text: str) -> None:
    before = f.tickets()
    wf = f.edit(before, text)
    (slack,) = f.app(wf, "slack")
    assert f.into(wf, slack.id) == [("i", "true")]
    assert [x.id for x in wf.nodes if x.subtype in ("if", "twilio_sms")] == ["i", "c"]


def test_a_channel_moved_in_chinese() -> None:
    wf = f.edit(f.tickets(), "把Teams通知改到#support-2频道")
    assert wf.node("m").parameters["channel"] == "#support-2"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "text",
    [
        "also post to Slack #leads and only email sales if the budget is over 1000",
        "也发到Slack，并且只有预算超过1000才给销售发邮件",
    ],
)
def test_an_addition_and_a_condition_in_one_message(text: str) -> None:
    before = f.leads()
    wf = f.edit(before, text)
    gate, out = _gate_before(wf, "e")
    assert out == "true"
    assert any(word in _left(gate) for word in ("budget", "预算"))
    (slack,) = f.app(wf, "slack")
    assert f.into(wf, slack.id) == [("a", "main")]  # the new message is not behind the check


@pytest.mark.parametrize(
    ("text", "value", "subtype"),
    [
        ("route high priority tickets to Jira", "high", "jira"),
        ("send low-priority ones to email instead of Teams", "low", "send_email"),
    ],
)
def test_a_verb_first_value_of_the_tested_field(text: str, value: str, subtype: str) -> None:
    before = f.tickets()
    wf = f.edit(before, text)
    gate = _chained(wf)
    assert gate.parameters["conditions"][0]["right"] == value
    (new,) = [x for x in wf.nodes if x.subtype == subtype or f.app(wf, subtype) == [x]]
    assert f.into(wf, new.id) == [(gate.id, "true")]
    assert f.into(wf, "c") == [("i", "true")]
