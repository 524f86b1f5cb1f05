"""The said check: services and conditions the raw request names, against the workflow."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from flowsmith.core.models import Connection, Node, NodeFamily, Workflow
from flowsmith.generation.pipeline import coverage
from flowsmith.planner.coverage import CONDITION_NOT_APPLIED, REQUEST_NOT_COVERED, TRIGGER_MISMATCH
from flowsmith.planner.coverage_said import check_said
from flowsmith.planner.parse import parse_request

TRIGGER = NodeFamily.TRIGGER
ACTION = NodeFamily.EXTERNAL_ACTION


def node(i: str, subtype: str, family: NodeFamily = ACTION, **params: Any) -> Node:
    return Node(id=i, name=params.pop("name", i), type=family, subtype=subtype, parameters=params)


def flow(*nodes: Node, edges: list[tuple[str, str, str]] | None = None) -> Workflow:
    if edges is None:
        edges = [(a.id, b.id, "main") for a, b in pairwise(nodes)]
    conns = [Connection(from_node=a, to_node=b, from_output=o) for a, b, o in edges]
    return Workflow(name="t", nodes=list(nodes), connections=conns)


HOOK = node("t", "webhook_trigger", TRIGGER, path="x")
SLACK = node("s", "slack", resource="message", operation="post", channel="#a")
TEAMS = node("m", "microsoft_teams", resource="channelMessage", operation="create")


def codes(text: str, wf: Workflow, edit: bool = False) -> list[str]:
    return [f.code for f in check_said(text, wf, edit=edit)]


def test_named_service_without_node() -> None:
    assert codes("post every new lead to Slack", flow(HOOK, TEAMS)) == [REQUEST_NOT_COVERED]
    assert codes("post every new lead to Slack", flow(HOOK, SLACK)) == []


def test_chinese_named_service_message_in_chinese() -> None:
    found = check_said("收到新线索就发到Slack", flow(HOOK, TEAMS), edit=False)
    assert [f.code for f in found] == [REQUEST_NOT_COVERED]
    assert "Slack" in found[0].message and "需求" in found[0].message


def test_negated_services_are_not_asked_for() -> None:
    wf = flow(HOOK, TEAMS)
    for text in (
        "post new leads to Teams instead of Slack",
        "post new leads to Teams, not Slack",
        "replace Slack with Teams",
        "swap the Slack alert for a Teams message",
        "don't post to Slack anymore",
        "把Slack换成Teams",
        "不要发Slack了，发Teams",
        "Slack不用了，换成Teams",
    ):
        assert codes(text, wf, edit=True) == [], text
    assert codes("Slack → Teams", wf, edit=True) == []
    assert codes("post to Teams and Slack", wf, edit=True) == [REQUEST_NOT_COVERED]


def test_mail_app_done_by_core_mail_node() -> None:
    mail = node("e", "send_email", to="a@b.c", subject="s", body="b")
    assert codes("email the guest through Gmail", flow(HOOK, mail)) == []
    assert codes("email the guest through Gmail", flow(HOOK, SLACK)) == [REQUEST_NOT_COVERED]


def test_mail_domain_is_no_service() -> None:
    wf = flow(HOOK, SLACK)
    assert codes("skip leads with a gmail, yahoo or hotmail address, post the rest", wf) == []


def test_http_request_named_for_the_service() -> None:
    named = node("h", "http_request", name="Post to Mattermost", url="https://chat.acme.io/hooks/x")
    by_url = node("h", "http_request", name="Post alert", url="https://api.mattermost.com/x")
    other = node("h", "http_request", name="Call API", url="https://api.example.com")
    text = "post the alert to Mattermost"
    start = node("t", "manual_trigger", TRIGGER)
    assert codes(text, flow(start, named)) == []
    assert codes(text, flow(start, by_url)) == []
    assert codes(text, flow(start, other)) == [REQUEST_NOT_COVERED]
    # named first, an app with no events of its own may be what calls the webhook
    assert codes(text, flow(HOOK, other)) == []
    assert REQUEST_NOT_COVERED not in codes("post to Slack", flow(HOOK, other, SLACK))


def over(value: float) -> Node:
    rule = {"left": "{{ $json.amount }}", "operator": "greater_than", "right": value}
    return node("i", "if", NodeFamily.FLOW, conditions=[rule])


def gated(gate: Node) -> Workflow:
    return flow(HOOK, gate, SLACK, edges=[("t", "i", "main"), ("i", "s", "true")])


def test_condition_needs_a_gate() -> None:
    text = "if the amount is over 500, post it to Slack"
    assert codes(text, flow(HOOK, SLACK)) == [CONDITION_NOT_APPLIED]
    assert codes(text, gated(over(500))) == []
    assert codes("金额超过500的话发到Slack", flow(HOOK, SLACK)) == [CONDITION_NOT_APPLIED]


def test_a_comparison_with_a_number_is_a_condition_without_if() -> None:
    for text in (
        "post orders over $200 to Slack",
        "金额超过500就发到Slack",
        "总工时不满40小时的同事，发Slack提醒",
        "金额1000元以上的发到Slack",
    ):
        assert codes(text, flow(HOOK, SLACK)) == [CONDITION_NOT_APPLIED], text
    assert codes("post orders over $200 to Slack", gated(over(200))) == []
    # a trigger's or a query's own filter may carry it
    query = node("t", "webhook_trigger", TRIGGER, path="x", filter="total > 200")
    assert codes("post orders over $200 to Slack", flow(query, SLACK)) == []
    # no number, or a number that is no comparison: nothing said
    assert codes("post the top 10 orders to Slack every 5 minutes", flow(HOOK, SLACK)) == []


def test_a_gate_that_tests_another_number() -> None:
    assert codes("超过10万的发Slack", gated(over(99999))) == []
    assert codes("deals above $5k go to Slack", gated(over(5000))) == []
    assert codes("超过10万的发Slack", gated(over(5000))) == [CONDITION_NOT_APPLIED]
    assert codes("if the total drops below 49 post to Slack", gated(over(1))) == [
        CONDITION_NOT_APPLIED
    ]


def test_the_other_case_or_case_arrows_said_with_no_gate() -> None:
    plain = flow(HOOK, SLACK, TEAMS)
    assert codes("VIP deals go to Slack; for the rest post in Teams", plain) == [
        CONDITION_NOT_APPLIED
    ]
    assert codes("账单类发到Slack，其他的发到Teams", plain) == [CONDITION_NOT_APPLIED]
    assert codes("Bugs -> Slack, features -> Teams", plain) == [CONDITION_NOT_APPLIED]
    # arrows of a sequence and a fortnightly schedule are no cases
    assert codes("Webhook -> Slack -> Teams", plain) == []
    assert codes("every other Monday post the report to Slack and Teams", plain) == []


def test_soft_and_failure_conditions() -> None:
    wf = flow(HOOK, SLACK)
    assert codes("post new leads to Slack, if any", wf) == []
    err = node("e", "error_trigger", TRIGGER)
    assert codes("如果失败了就发到Slack", flow(err, SLACK)) == []
    assert codes("如果失败了就发到Slack", flow(HOOK, SLACK)) == [CONDITION_NOT_APPLIED]


def test_otherwise_side_missing() -> None:
    gate = over(500)
    text = "if the amount is over 500 post it to Slack, otherwise post it to Teams"
    one_way = flow(HOOK, gate, SLACK, TEAMS, edges=[("t", "i", "main"), ("i", "s", "true")])
    two_way = flow(
        HOOK,
        gate,
        SLACK,
        TEAMS,
        edges=[("t", "i", "main"), ("i", "s", "true"), ("i", "m", "false")],
    )
    assert codes(text, one_way) == [CONDITION_NOT_APPLIED]
    assert codes(text, two_way) == []
    assert codes("超过500就发Slack，否则什么都不做", one_way) == []


def test_pipeline_dedupes_with_the_frame_check() -> None:
    text = "every day at 9 post a stand-up reminder to Slack"
    wf = flow(node("t", "schedule_trigger", TRIGGER, interval="days"), TEAMS)
    request = {"request_text": text}
    found = coverage(parse_request(text), wf, request, None)
    missing = [f for f in found if f.code == REQUEST_NOT_COVERED]
    assert len(missing) == 1
    alone = coverage(None, wf, request, None)
    assert [f.path for f in alone] == ["request.services.slack"]


def test_a_clock_or_an_event_said_but_a_start_by_hand() -> None:
    manual = node("t", "manual_trigger", TRIGGER)
    every = node("t", "schedule_trigger", TRIGGER, interval="days", every=1)
    for text in (
        "every morning at 8 post the weather to Slack",
        "每5分钟查一下网站，挂了就发到Slack",
        "When a new lead comes in, post it to Slack",
        "每当有新订单，就发到Slack",
    ):
        assert codes(text, flow(manual, SLACK)) == [TRIGGER_MISMATCH], text
        assert TRIGGER_MISMATCH not in codes(text, flow(every, SLACK)), text
        assert TRIGGER_MISMATCH not in codes(text, flow(HOOK, SLACK)), text
    # asked to start by hand, or nothing said of when: a manual start is right
    assert codes("post the weather to Slack when I click run", flow(manual, SLACK)) == []
    assert codes("post the weather to Slack", flow(manual, SLACK)) == []
    # an edit says nothing of the start
    assert codes("every morning post to Slack too", flow(manual, SLACK), edit=True) == []


def http(url: str) -> Node:
    return node("h", "http_request", method="GET", url=url)


def test_an_address_said_that_no_node_uses() -> None:
    text = "every hour GET https://api.example.com/orders and post them to Slack"
    sched = node("t", "schedule_trigger", TRIGGER, interval="hours", every=1)
    assert codes(text, flow(sched, http("https://example.com/other"), SLACK)) == [
        REQUEST_NOT_COVERED
    ]
    assert codes(text, flow(sched, http("https://api.example.com/orders"), SLACK)) == []
    # a query added to the address, or a trailing slash, still uses it
    assert codes(text, flow(sched, http("https://api.example.com/orders/?page=1"), SLACK)) == []
    found = check_said(
        "每小时从 https://api.example.cn/orders 拉取订单发到Slack", flow(sched, SLACK), edit=False
    )
    assert [f.code for f in found] == [REQUEST_NOT_COVERED]
    assert "https://api.example.cn/orders" in found[0].message and "地址" in found[0].message
    # an address the user says to stop using is not asked for
    assert codes("use our new API instead of https://old.example.com/v1", flow(sched, SLACK)) == []


def matches(value: str) -> Node:
    rule = {"left": "{{ $json.labels }}", "operator": "contains", "right": value}
    return node("i", "if", NodeFamily.FLOW, conditions=[rule])


def test_a_quoted_value_said_as_tested_that_no_condition_tests() -> None:
    text = "post new issues labelled 'feature' to Slack"
    assert codes(text, flow(HOOK, SLACK)) == [CONDITION_NOT_APPLIED]
    assert codes(text, gated(matches("bug"))) == [CONDITION_NOT_APPLIED]
    assert codes(text, gated(matches("Feature"))) == []  # case aside
    assert codes("如果标签是“紧急”就发到Slack", gated(matches("紧急"))) == []
    assert codes("如果标签是“紧急”就发到Slack", gated(matches("普通"))) == [CONDITION_NOT_APPLIED]


def test_quoted_values_that_are_not_tested_words() -> None:
    # a name, not a test; a number's comparison in quotes; a key said with 为
    assert codes("add a row to the 'Leads' sheet and post to Slack", flow(HOOK, SLACK)) == []
    assert codes("预算要是“500万以上”，再发到Slack", gated(over(5_000_000))) == []
    assert codes("把Redis里key为“daily:signups”的计数读出来发到Slack", flow(HOOK, SLACK)) == []
