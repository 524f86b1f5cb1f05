"""Edit constructions in any wording (issue 14): replace, remove, add after a named step,
conditional edits and parameter changes, each said several ways in both languages, on
workflows of other services. Assertions are on the graph's structure: which node sits on
which output of which condition, and that untouched nodes keep their ids and parameters."""

from __future__ import annotations

from typing import Any

import pytest

from flowsmith.core.catalog import load_catalog
from flowsmith.core.models import Connection, Node, NodeFamily, Workflow
from flowsmith.core.services import node_service
from flowsmith.planner.edit_apply import apply_edits
from flowsmith.planner.edit_parse import parse_edits
from flowsmith.planner.text import detect_lang


def _node(nid: str, subtype: str, name: str, params: dict[str, Any] | None = None) -> Node:
    family = load_catalog().get(subtype)
    kind = family.family if family is not None else NodeFamily.ACTION
    return Node(id=nid, name=name, type=kind, subtype=subtype, parameters=params or {})


def _wf(nodes: list[Node], edges: list[tuple[str, str, str]]) -> Workflow:
    conns = [Connection(from_node=a, from_output=o, to_node=b) for a, o, b in edges]
    return Workflow(id="w", name="Test", nodes=nodes, connections=conns)


def _edit(wf: Workflow, text: str) -> Workflow:
    ops = parse_edits(text, wf)
    result = apply_edits(wf, ops, detect_lang(text))
    assert result.changed, result.notes
    return result.workflow


def _into(wf: Workflow, nid: str) -> list[tuple[str, str]]:
    return sorted((c.from_node, c.from_output) for c in wf.connections if c.to_node == nid)


def _app(wf: Workflow, app: str) -> list[Node]:
    return [x for x in wf.nodes if (op := node_service(x)) is not None and op.app == app]


def _kept(before: Workflow, after: Workflow, ids: list[str]) -> None:
    for nid in ids:
        old, new = before.node(nid), after.node(nid)
        assert old is not None and new is not None, nid
        assert (new.name, new.subtype, new.parameters) == (old.name, old.subtype, old.parameters)


def _teams() -> Workflow:
    """One result step: a Teams message after a form webhook."""
    return _wf(
        [
            _node("t", "webhook_trigger", "Form in", {"path": "f", "method": "POST"}),
            _node("m", "microsoft_teams_message", "Tell team", {"channel": "General"}),
        ],
        [("t", "main", "m")],
    )


def _leads() -> Workflow:
    """A record step, then an email."""
    return _wf(
        [
            _node("t", "webhook_trigger", "Lead in", {"path": "l", "method": "POST"}),
            _node("a", "airtable_create_record", "Record lead", {"table": "Leads"}),
            _node("e", "send_email", "Email sales", {"to": "sales@acme.io", "body": "x"}),
        ],
        [("t", "main", "a"), ("a", "main", "e")],
    )


def _digest() -> Workflow:
    return _wf(
        [
            _node("t", "rss_trigger", "Feed", {"url": "https://x.io/feed"}),
            _node("s", "summarizer", "Summarise", {"input_text": "{{ $json.content }}"}),
            _node("m", "slack_message", "Post digest", {"channel": "#news", "text": "x"}),
        ],
        [("t", "main", "s"), ("s", "main", "m")],
    )


# --- replace -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "app"),
    [
        ("改成发到飞书", "feishu"),
        ("换成钉钉", "dingtalk"),
        ("改用Slack发送", "slack"),
        ("switch to Slack", "slack"),
        ("send it to Discord instead", "discord"),
        ("use Telegram instead", "telegram"),
        ("make it Discord", "discord"),
    ],
)
def test_a_new_channel_alone_replaces_the_one_channel(text: str, app: str) -> None:
    wf = _edit(_teams(), text)
    (new,) = _app(wf, app)
    assert wf.node("m") is None
    assert _into(wf, new.id) == [("t", "main")]


@pytest.mark.parametrize("text", ["改成发到飞书", "switch to Slack", "改成发短信"])
def test_a_new_channel_alone_replaces_the_message_not_the_record(text: str) -> None:
    before = _leads()
    wf = _edit(before, text)
    assert wf.node("e") is None
    _kept(before, wf, ["t", "a"])


@pytest.mark.parametrize(
    ("text", "subtype"),
    [
        ("send it to my email instead of Slack", "send_email"),
        ("email me instead of posting to Slack", "send_email"),
        ("text me rather than Slack", "twilio_sms"),
        ("用邮件代替Slack", "send_email"),
        ("把Slack换成邮件", "send_email"),
        ("switch Slack to email", "send_email"),
    ],
)
def test_a_core_step_replaces_the_named_service(text: str, subtype: str) -> None:
    before = _digest()
    wf = _edit(before, text)
    assert wf.node("m") is None
    assert not [x for x in wf.nodes if x.subtype == "slack_message" or _app(wf, "slack")]
    (new,) = [x for x in wf.nodes if x.subtype == subtype]
    assert _into(wf, new.id) == [("s", "main")]
    _kept(before, wf, ["t", "s"])


# --- remove ------------------------------------------------------------------------------------


def _tickets() -> Workflow:
    """An IF on priority: urgent ones page the on-call by SMS, the rest go to Teams."""
    urgent = {"left": "{{ $json.priority }}", "operator": "equals", "right": "urgent"}
    return _wf(
        [
            _node("t", "webhook_trigger", "Ticket in", {"path": "t", "method": "POST"}),
            _node("i", "if", "Urgent?", {"conditions": [urgent]}),
            _node("c", "twilio_sms", "Page on-call", {"to": "+1", "message": "x"}),
            _node("m", "microsoft_teams_message", "Post ticket", {"channel": "Support"}),
        ],
        [("t", "main", "i"), ("i", "true", "c"), ("i", "false", "m")],
    )


@pytest.mark.parametrize(
    ("make", "text", "gone"),
    [
        (_leads, "drop the email", "e"),
        (_leads, "get rid of the Airtable step", "a"),
        (_leads, "no more emails to sales", "e"),
        (_leads, "don't email sales anymore", "e"),
        (_leads, "邮件不要了", "e"),
        (_leads, "不要再给销售发邮件了", "e"),
        (_leads, "remove the record step", "a"),
        (_leads, "去掉记录线索这一步", "a"),
        (_tickets, "stop paging the on-call", "c"),
        (_tickets, "no more Teams posts", "m"),
        (_tickets, "不要发短信了", "c"),
    ],
)
def test_removal_said_many_ways(make: Any, text: str, gone: str) -> None:
    before = make()
    wf = _edit(before, text)
    assert wf.node(gone) is None
    _kept(before, wf, [x.id for x in before.nodes if x.id != gone])


# --- add after / before a named step -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "app"),
    [
        ("线索记录后发钉钉消息给我", "dingtalk"),
        ("记录到Airtable后再发飞书通知", "feishu"),
        ("after saving to Airtable, also post to Slack #sales", "slack"),
        ("after recording the lead, ping the team on Discord", "discord"),
    ],
)
def test_a_step_added_after_the_step_its_words_name(text: str, app: str) -> None:
    before = _leads()
    wf = _edit(before, text)
    (new,) = _app(wf, app)
    assert _into(wf, new.id) == [("a", "main")]  # after the record step, not the trigger
    _kept(before, wf, ["t", "a", "e"])
    assert len(_app(wf, "airtable")) == 1


@pytest.mark.parametrize("text", ["also notify #sales on Slack", "也在飞书群里通知一下"])
def test_a_message_added_too_goes_beside_the_existing_message(text: str) -> None:
    wf = _edit(_leads(), text)
    new = next(x for x in wf.nodes if x.id not in ("t", "a", "e"))
    assert _into(wf, new.id) == _into(wf, "e")


# --- conditional edits -------------------------------------------------------------------------


def _gate_before(wf: Workflow, nid: str) -> tuple[Node, str]:
    ((src, out),) = _into(wf, nid)
    gate = wf.node(src)
    assert gate is not None and gate.subtype == "if", _into(wf, nid)
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
    before = _leads()
    wf = _edit(before, text)
    gate, out = _gate_before(wf, "e")
    assert out == "false"
    assert "email" in _left(gate) and gate.parameters["conditions"][0]["right"] == value
    assert _into(wf, "a") == [("t", "main")]  # the record step is not guarded
    _kept(before, wf, ["t", "a", "e"])


def _stock() -> Workflow:
    in_stock = {"left": "{{ $json.in_stock }}", "operator": "is_true"}
    return _wf(
        [
            _node("t", "schedule_trigger", "Every hour", {"interval": "hours", "every": 1}),
            _node("c", "web_page_check", "Check store", {"url": "https://shop.x/i"}),
            _node("i", "if", "In stock?", {"conditions": [in_stock]}),
            _node("m", "slack_message", "Tell me", {"channel": "#deals", "text": "x"}),
        ],
        [("t", "main", "c"), ("c", "main", "i"), ("i", "true", "m")],
    )


def _paid() -> Workflow:
    paid = {"left": "{{ $json.status }}", "operator": "equals", "right": "paid"}
    return _wf(
        [
            _node("t", "webhook_trigger", "Order in", {"path": "o", "method": "POST"}),
            _node("i", "if", "Paid?", {"conditions": [paid]}),
            _node("a", "airtable_create_record", "Record order", {"table": "Orders"}),
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
    wf = _edit(before, text)
    assert [x.id for x in wf.nodes if x.subtype == "if"] == ["i"]  # no second check
    (new,) = [x for x in wf.nodes if before.node(x.id) is None]
    assert _into(wf, new.id) == [("i", "false")]
    _kept(before, wf, [x.id for x in before.nodes])


def _signup() -> Workflow:
    return _wf(
        [
            _node("t", "webhook_trigger", "Signup", {"path": "s", "method": "POST"}),
            _node("p", "postgres_query", "Save user", {"query": "insert"}),
            _node("h", "hubspot", "Add contact", {"resource": "contact", "operation": "create"}),
            _node("r", "webhook_response", "Respond", {"respond_with": "json", "status_code": 200}),
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
    wf = _edit(before, text)
    gate, at = _gate_before(wf, "h")
    assert field in _left(gate)
    # the contact is created exactly when the box is ticked
    ticked = {"is_true": "true", "is_false": "false"}[gate.parameters["conditions"][0]["operator"]]
    assert at == ticked
    assert _into(wf, "p") == [("t", "main")]  # the database step is not guarded
    _kept(before, wf, ["t", "p", "h", "r"])


# --- multi-way re-routing ----------------------------------------------------------------------


def _chained(wf: Workflow) -> Node:
    """The check chained on the false output of the existing "Urgent?" check."""
    (gate,) = [x for x in wf.nodes if x.subtype == "if" and x.id != "i"]
    assert _into(wf, gate.id) == [("i", "false")]
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
    before = _tickets()
    wf = _edit(before, text)
    gate = _chained(wf)
    assert gate.parameters["conditions"][0]["right"] == value
    (new,) = _app(wf, app)
    assert _into(wf, new.id) == [(gate.id, "true")]
    assert _into(wf, "c") == [("i", "true")]  # the urgent case keeps its SMS
    assert _into(wf, "m") == [(gate.id, "false")]  # everything else: Teams, only there
    _kept(before, wf, ["t", "i", "c", "m"])


def test_a_new_case_said_with_also_keeps_the_existing_step_too() -> None:
    wf = _edit(_tickets(), "normal tickets should also get a Slack message")
    gate = _chained(wf)
    (new,) = _app(wf, "slack")
    assert _into(wf, new.id) == [(gate.id, "true")]
    assert ("i", "false") in _into(wf, "m")


# --- parameter changes -------------------------------------------------------------------------


def _price() -> Workflow:
    cheap = {"left": "{{ $json.body.price }}", "operator": "less_than", "right": 100}
    return _wf(
        [
            _node("t", "schedule_trigger", "Every hour", {"interval": "hours", "every": 1}),
            _node("h", "http_request", "Get price", {"url": "https://api.x.io/p"}),
            _node("i", "if", "Cheap?", {"conditions": [cheap]}),
            _node("m", "telegram_message", "Tell me", {"chat_id": "1", "text": "cheap"}),
        ],
        [("t", "main", "h"), ("h", "main", "i"), ("i", "true", "m")],
    )


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("raise the threshold to 150", 150),
        ("把阈值改成120", 120),
        ("only when the price is under 60", 60),
        ("make it 75 instead of 100", 75),
        ("把100改成80", 80),
        ("use 90 rather than 100", 90),
    ],
)
def test_a_new_threshold_changes_the_existing_check(text: str, value: int) -> None:
    before = _price()
    wf = _edit(before, text)
    assert [x.id for x in wf.nodes] == ["t", "h", "i", "m"]
    (cond,) = wf.node("i").parameters["conditions"]  # type: ignore[union-attr]
    assert cond == {"left": "{{ $json.body.price }}", "operator": "less_than", "right": value}
    _kept(before, wf, ["t", "h", "m"])


@pytest.mark.parametrize(
    ("make", "text", "nid", "key", "value"),
    [
        (_digest, "send it to #ops instead", "m", "channel", "#ops"),
        (_digest, "改成发到#ops频道", "m", "channel", "#ops"),
        (_digest, "把#news换成#ops", "m", "channel", "#ops"),
        (_teams, "send it to #ops instead", "m", "channel", "#ops"),
        (_teams, "change the channel to Alerts", "m", "channel", "Alerts"),
        (_leads, "send the email to boss@acme.io instead", "e", "to", "boss@acme.io"),
        (_leads, "收件人改成boss@acme.cn", "e", "to", "boss@acme.cn"),
    ],
)
def test_a_new_channel_or_recipient_changes_the_step_in_place(
    make: Any, text: str, nid: str, key: str, value: str
) -> None:
    before = make()
    wf = _edit(before, text)
    assert [x.id for x in wf.nodes] == [x.id for x in before.nodes]
    node = wf.node(nid)
    assert node is not None and node.parameters[key] == value
    _kept(before, wf, [x.id for x in before.nodes if x.id != nid])


@pytest.mark.parametrize(
    ("text", "cron_hour"),
    [("改成每天下午3点", "15"), ("run it at 7am instead", "7"), ("改成每周五上午10点检查", "10")],
)
def test_a_new_time_changes_the_schedule_only(text: str, cron_hour: str) -> None:
    before = _price()
    wf = _edit(before, text)
    trigger = wf.node("t")
    assert trigger is not None and cron_hour in str(trigger.parameters)
    _kept(before, wf, ["h", "i", "m"])


# --- where a new step goes ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["Teams too", "also send it to Teams", "钉钉也发一份", "也在飞书群里通知一下"]
)
def test_a_message_said_with_too_goes_beside_the_existing_message(text: str) -> None:
    wf = _edit(_leads(), text)
    (new,) = [x for x in wf.nodes if x.id not in ("t", "a", "e")]
    assert _into(wf, new.id) == _into(wf, "e") == [("a", "main")]


@pytest.mark.parametrize(
    ("text", "anchor"),
    [
        ("post it to Slack as well, after the email", "e"),
        ("也发到钉钉，在发邮件之后", "e"),
        ("also create a Trello card, right after the Airtable step", "a"),
    ],
)
def test_a_place_said_in_the_next_clause(text: str, anchor: str) -> None:
    wf = _edit(_leads(), text)
    (new,) = [x for x in wf.nodes if x.id not in ("t", "a", "e")]
    assert _into(wf, new.id) == [(anchor, "main")]


@pytest.mark.parametrize(
    "text",
    ["add a 5 minute wait before the email", "wait 10 minutes before emailing", "发邮件前等10分钟"],
)
def test_a_wait_goes_in_front_of_the_step_named(text: str) -> None:
    wf = _edit(_leads(), text)
    (wait,) = [x for x in wf.nodes if x.subtype == "wait"]
    assert _into(wf, "e") == [(wait.id, "main")]
    assert _into(wf, wait.id) == [("a", "main")]


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
    before = _leads()
    wf = _edit(before, text)
    gate, out = _gate_before(wf, old)
    (new,) = _app(wf, app)
    assert _into(wf, new.id) == [(gate.id, "true" if out == "false" else "false")]
    _kept(before, wf, ["t", "a", "e"])


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
    wf = _edit(_leads(), text)
    _, at = _gate_before(wf, "e")
    assert at == out
    assert _into(wf, "a") == [("t", "main")]


# --- several changes in one message ------------------------------------------------------------


def test_a_new_time_and_a_new_channel_in_one_message() -> None:
    before = _price()
    wf = _edit(before, "change the schedule to 9am and send it to Slack #deals instead")
    assert "9" in str(wf.node("t").parameters)  # type: ignore[union-attr]
    (slack,) = _app(wf, "slack")
    assert wf.node("m") is None and _into(wf, slack.id) == [("i", "true")]
    _kept(before, wf, ["h", "i"])


def test_a_new_time_and_a_new_threshold_in_one_message() -> None:
    wf = _edit(_price(), "move it to 7am and raise the threshold to 150")
    assert "7" in str(wf.node("t").parameters)  # type: ignore[union-attr]
    assert wf.node("i").parameters["conditions"][0]["right"] == 150  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "gone", "app"),
    [
        ("remove the email and add a Slack message to #sales", "e", "slack"),
        ("去掉邮件，加一个钉钉通知", "e", "dingtalk"),
        ("get rid of the Airtable step and add a Notion page instead", "a", "notion"),
        ("drop the email and send it to Teams instead", "e", "microsoft_teams"),
    ],
)
def test_removing_one_step_and_adding_one_of_its_kind_replaces_it(
    text: str, gone: str, app: str
) -> None:
    before = _leads()
    wf = _edit(before, text)
    assert wf.node(gone) is None
    new = [x for x in wf.nodes if x.subtype == f"{app}_message"] or _app(wf, app)
    assert len(new) == 1
    assert _into(wf, new[0].id) == _into(before, gone)


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [
        ("cc boss@acme.io on the email", "cc", "boss@acme.io"),
        ("邮件抄送给boss@acme.cn", "cc", "boss@acme.cn"),
        ("also bcc audit@acme.io", "bcc", "audit@acme.io"),
        ("also email boss@acme.io", "to", "sales@acme.io, boss@acme.io"),
        ("也发给boss@acme.cn", "to", "sales@acme.io, boss@acme.cn"),
    ],
)
def test_another_recipient_joins_the_email_step(text: str, key: str, value: str) -> None:
    before = _leads()
    wf = _edit(before, text)
    assert [x.id for x in wf.nodes] == ["t", "a", "e"]
    email = wf.node("e")
    assert email is not None and email.parameters[key] == value
    if key != "to":
        assert email.parameters["to"] == "sales@acme.io"
