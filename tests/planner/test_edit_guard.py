"""Conditional edits of an existing workflow (edit_guard_read / edit_guard)."""

from __future__ import annotations

from typing import Any

from flowsmith.core.catalog import load_catalog
from flowsmith.core.models import Connection, Node, NodeFamily, Workflow
from flowsmith.planner.edit_apply import apply_edits
from flowsmith.planner.edit_parse import parse_edits


def _node(nid: str, subtype: str, name: str, params: dict[str, Any] | None = None) -> Node:
    family = load_catalog().get(subtype)
    kind = family.family if family is not None else NodeFamily.ACTION
    return Node(id=nid, name=name, type=kind, subtype=subtype, parameters=params or {})


def _wf(nodes: list[Node], edges: list[tuple[str, str, str]]) -> Workflow:
    conns = [Connection(from_node=a, from_output=o, to_node=b) for a, o, b in edges]
    return Workflow(id="w", name="Test", nodes=nodes, connections=conns)


def _edit(wf: Workflow, text: str) -> Workflow:
    ops = parse_edits(text, wf)
    result = apply_edits(wf, ops, "en")
    assert result.changed, result.notes
    return result.workflow


def _into(wf: Workflow, nid: str) -> list[tuple[str, str]]:
    return [(c.from_node, c.from_output) for c in wf.connections if c.to_node == nid]


def _gates(wf: Workflow) -> list[Node]:
    return [x for x in wf.nodes if x.subtype == "if"]


def _orders() -> Workflow:
    return _wf(
        [
            _node("t", "webhook_trigger", "Order hook"),
            _node("a", "airtable_create_record", "Save order", {"table": "Orders"}),
            _node("m", "slack_message", "Tell the team", {"channel": "#ops", "text": "hi"}),
        ],
        [("t", "main", "a"), ("a", "main", "m")],
    )


def test_only_named_step_is_guarded_on_the_named_field() -> None:
    wf = _edit(_orders(), "only message Slack when the weight is above 20")
    (gate,) = _gates(wf)
    assert "weight" in gate.parameters["conditions"][0]["left"]
    assert _into(wf, "m") == [(gate.id, "true")]
    assert _into(wf, "a") == [("t", "main")]  # the record step stays unguarded
    assert {x.id for x in wf.nodes} >= {"t", "a", "m"}


def test_if_condition_adds_a_new_step_behind_it() -> None:
    wf = _edit(_orders(), "if the weight is over 50 also create a Jira issue")
    (gate,) = _gates(wf)
    jira = next(x for x in wf.nodes if x.subtype == "jira")
    assert _into(wf, jira.id) == [(gate.id, "true")]
    assert _into(wf, "m") == [("a", "main")]


def test_skip_guards_the_whole_flow_on_the_other_output() -> None:
    wf = _edit(_orders(), "skip orders whose note contains 'test'")
    (gate,) = _gates(wf)
    assert gate.parameters["conditions"][0]["operator"] == "contains"
    assert _into(wf, "a") == [(gate.id, "false")]
    assert _into(wf, gate.id) == [("t", "main")]


def test_chinese_only_process_guards_after_the_trigger() -> None:
    wf = _edit(_orders(), "只处理状态为paid的订单")
    (gate,) = _gates(wf)
    assert "status" in gate.parameters["conditions"][0]["left"]
    assert _into(wf, "a") == [(gate.id, "true")]


def test_new_approval_behind_condition_guards_the_result_step() -> None:
    wf = _edit(_orders(), "if the total is over 5000 ask finance to approve it by email")
    (gate,) = _gates(wf)
    approval = next(x for x in wf.nodes if x.subtype == "approval_email")
    assert _into(wf, approval.id) == [(gate.id, "true")]
    assert sorted(_into(wf, "a")) == sorted([(approval.id, "approved"), (gate.id, "false")])


def test_existing_approval_gets_a_condition_and_a_direct_path() -> None:
    wf = _wf(
        [
            _node("t", "form_trigger", "Expense form"),
            _node("p", "approval_email", "Boss approval", {"to": "b@x.io"}),
            _node("r", "airtable_create_record", "Book expense"),
        ],
        [("t", "main", "p"), ("p", "approved", "r")],
    )
    wf = _edit(
        wf,
        "only ask for approval when the cost is over 300; cheaper ones book the expense directly",
    )
    (gate,) = _gates(wf)
    assert _into(wf, "p") == [(gate.id, "true")]
    assert (gate.id, "false") in _into(wf, "r")


def test_category_routes_on_the_switch_fallback() -> None:
    wf = _wf(
        [
            _node("t", "email_trigger", "Inbox"),
            _node("c", "text_classifier", "Classify", {"categories": [{"name": "sales"}]}),
            _node(
                "s",
                "switch",
                "Route",
                {
                    "field": "{{ $json.category }}",
                    "rules": [{"operator": "equals", "value": "sales"}],
                },
            ),
            _node("h", "hubspot", "Deal", {"resource": "deal", "operation": "create"}),
        ],
        [("t", "main", "c"), ("c", "main", "s"), ("s", "output_0", "h")],
    )
    wf = _edit(wf, "for 'other' messages, forward them to ops@example.org")
    mail = next(x for x in wf.nodes if x.subtype == "send_email")
    assert _into(wf, mail.id) == [("s", "fallback")]


def test_disjoint_range_goes_on_the_false_output_of_the_same_field() -> None:
    wf = _wf(
        [
            _node("t", "webhook_trigger", "Readings"),
            _node(
                "i",
                "if",
                "Hot?",
                {
                    "conditions": [
                        {"left": "{{ $json.temp }}", "operator": "greater_than", "right": 40}
                    ]
                },
            ),
            _node("m", "slack_message", "Warn", {"channel": "#x", "text": "hot"}),
        ],
        [("t", "main", "i"), ("i", "true", "m")],
    )
    wf = _edit(wf, "cold readings (temp below 5) should get a Telegram message")
    new_if = next(x for x in _gates(wf) if x.id != "i")
    assert _into(wf, new_if.id) == [("i", "false")]
    tg = next(x for x in wf.nodes if x.id not in ("t", "i", "m", new_if.id))
    assert _into(wf, tg.id) == [(new_if.id, "true")]


def test_multiple_of_is_a_modulo_rule() -> None:
    wf = _edit(_orders(), "only tell the team when the order count is a multiple of 50")
    (gate,) = _gates(wf)
    rule = gate.parameters["conditions"][0]
    assert rule["left"] == "{{ $json.order_count % 50 }}" and rule["right"] == 0


def test_dont_with_a_comparison_puts_the_step_on_the_false_output() -> None:
    wf = _edit(_orders(), "don't message Slack for orders below 15")
    (gate,) = _gates(wf)
    assert gate.parameters["conditions"][0]["operator"] == "less_than"
    assert _into(wf, "m") == [(gate.id, "false")]


def test_a_qualifier_that_is_no_known_category_adds_no_condition() -> None:
    wf = _wf(
        [
            _node("t", "webhook_trigger", "Hook"),
            _node(
                "i",
                "if",
                "Urgent?",
                {
                    "conditions": [
                        {"left": "{{ $json.level }}", "operator": "equals", "right": "urgent"}
                    ]
                },
            ),
            _node("m", "slack_message", "Warn", {"channel": "#x", "text": "y"}),
        ],
        [("t", "main", "i"), ("i", "true", "m")],
    )
    ops = parse_edits("把通知的内容改成英文", wf)
    assert all(op.kind != "add_guard" for op in ops)


def test_an_address_is_not_read_as_a_service() -> None:
    wf = _wf(
        [
            _node("t", "email_trigger", "Inbox"),
            _node("c", "text_classifier", "Classify", {"categories": [{"name": "sales"}]}),
            _node(
                "s",
                "switch",
                "Route",
                {
                    "field": "{{ $json.category }}",
                    "rules": [{"operator": "equals", "value": "sales"}],
                },
            ),
        ],
        [("t", "main", "c"), ("c", "main", "s")],
    )
    wf = _edit(wf, "其他的邮件转发给 boss@x.com")
    mail = next(x for x in wf.nodes if x.subtype == "send_email")
    assert mail.parameters["to"] == "boss@x.com"
    assert _into(wf, mail.id) == [("s", "fallback")]


def test_trailing_only_if_guards_the_step_before_it() -> None:
    wf = _edit(_orders(), "tell the team on Slack only if the margin is below 3")
    (gate,) = _gates(wf)
    assert "margin" in gate.parameters["conditions"][0]["left"]
    assert _into(wf, "m") == [(gate.id, "true")]


def test_chinese_condition_then_existing_step() -> None:
    wf = _edit(_orders(), "重量大于20时才发Slack")
    (gate,) = _gates(wf)
    assert _into(wf, "m") == [(gate.id, "true")]
    assert "重量" in gate.parameters["conditions"][0]["left"]


def test_counted_noun_is_the_field() -> None:
    wf = _edit(_orders(), "only tell the team about orders with more than 12 items")
    (gate,) = _gates(wf)
    assert gate.parameters["conditions"][0]["left"] == "{{ $json.items }}"


def test_destination_after_the_condition_belongs_to_the_action() -> None:
    wf = _edit(_orders(), "only send orders whose note mentions 'gift' to Slack")
    (gate,) = _gates(wf)
    assert gate.parameters["conditions"][0]["right"] == "gift"
    assert _into(wf, "m") == [(gate.id, "true")]


def test_only_when_on_a_field_already_checked_changes_that_check() -> None:
    wf = _wf(
        [
            _node("t", "webhook_trigger", "Hook"),
            _node(
                "i",
                "if",
                "Big?",
                {
                    "conditions": [
                        {"left": "{{ $json.total }}", "operator": "greater_than", "right": 100}
                    ]
                },
            ),
            _node("m", "slack_message", "Warn", {"channel": "#x", "text": "y"}),
        ],
        [("t", "main", "i"), ("i", "true", "m")],
    )
    after = _edit(wf, "only post to Slack when the total is over 250")
    assert [x.id for x in after.nodes] == ["t", "i", "m"]
    assert after.node("i").parameters["conditions"][0]["right"] == 250  # type: ignore[union-attr]


def test_a_negated_action_runs_on_the_false_output() -> None:
    wf = _edit(_orders(), "if the weight is over 30, don't message Slack")
    (gate,) = _gates(wf)
    assert _into(wf, "m") == [(gate.id, "false")]


def test_chinese_comparison_qualifying_the_items() -> None:
    wf = _edit(_orders(), "重量超过50的，也建一个Jira任务")
    (gate,) = _gates(wf)
    assert gate.parameters["conditions"][0]["operator"] == "greater_than"
    jira = next(x for x in wf.nodes if x.subtype == "jira")
    assert _into(wf, jira.id) == [(gate.id, "true")]


def test_chinese_if_without_a_comma_and_an_otherwise_step() -> None:
    wf = _edit(_orders(), "当重量大于50时在Jira里建一个任务，否则只发Slack")
    (gate,) = _gates(wf)
    jira = next(x for x in wf.nodes if x.subtype == "jira")
    assert _into(wf, jira.id) == [(gate.id, "true")]
    assert (gate.id, "false") in _into(wf, "m")


def test_chinese_do_not_send_items_containing_a_word() -> None:
    wf = _edit(_orders(), "不要发包含'测试'的订单")
    (gate,) = _gates(wf)
    assert gate.parameters["conditions"][0]["right"] == "测试"
    assert _into(wf, "a") == [(gate.id, "false")]


def _triage() -> Workflow:
    return _wf(
        [
            _node("t", "email_trigger", "Inbox"),
            _node("c", "text_classifier", "Classify", {"categories": [{"name": "sales"}]}),
            _node(
                "s",
                "switch",
                "Route",
                {
                    "field": "{{ $json.category }}",
                    "rules": [{"operator": "equals", "value": "sales"}],
                },
            ),
            _node("h", "hubspot", "Deal", {"resource": "deal", "operation": "create"}),
        ],
        [("t", "main", "c"), ("c", "main", "s"), ("s", "output_0", "h")],
    )


def test_a_new_category_gets_a_rule_an_output_and_a_classifier_label() -> None:
    wf = _edit(_triage(), "add a category 'press' that emails pr@example.org")
    assert wf.node("s").parameters["rules"][-1] == {"operator": "equals", "value": "press"}  # type: ignore[union-attr]
    assert {"name": "press"} in wf.node("c").parameters["categories"]  # type: ignore[union-attr]
    mail = next(x for x in wf.nodes if x.subtype == "send_email")
    assert _into(wf, mail.id) == [("s", "output_1")]


def test_a_known_category_routes_on_its_own_output() -> None:
    wf = _edit(_triage(), "sales类的邮件也发到Slack")
    slack = next(x for x in wf.nodes if x.subtype == "slack")
    assert _into(wf, slack.id) == [("s", "output_0")]
    assert len(wf.node("s").parameters["rules"]) == 1  # type: ignore[union-attr]


def test_change_the_condition_rewrites_the_existing_check() -> None:
    wf = _wf(
        [
            _node("t", "webhook_trigger", "Hook"),
            _node(
                "f",
                "filter",
                "Keep open",
                {
                    "conditions": [
                        {"left": "{{ $json.state }}", "operator": "equals", "right": "open"}
                    ]
                },
            ),
            _node("m", "slack_message", "Warn", {"channel": "#x", "text": "y"}),
        ],
        [("t", "main", "f"), ("f", "main", "m")],
    )
    after = _edit(wf, "把过滤条件改成状态为closed")
    assert [x.id for x in after.nodes] == ["t", "f", "m"]
    rule = after.node("f").parameters["conditions"][0]  # type: ignore[union-attr]
    assert rule["right"] == "closed" and "status" in rule["left"]


def test_chinese_when_empty_do_not_send() -> None:
    wf = _edit(_orders(), "备注为空时不要发Slack")
    (gate,) = _gates(wf)
    assert gate.parameters["conditions"][0]["operator"] == "is_empty"
    assert _into(wf, "m") == [(gate.id, "false")]


def test_a_failure_check_follows_the_last_step_which_keeps_going() -> None:
    wf = _edit(_orders(), "保存完成后，如果失败了就发邮件给我")
    (gate,) = _gates(wf)
    assert _into(wf, gate.id) == [("m", "main")]
    assert wf.node("m").on_error == "continue"  # type: ignore[union-attr]


def test_a_money_comparison_on_an_item_compares_its_amount() -> None:
    wf = _edit(_orders(), "if the order is over $80, also create a Jira issue")
    (gate,) = _gates(wf)
    assert gate.parameters["conditions"][0]["left"] == "{{ $json.amount }}"


def test_unless_puts_the_step_on_the_false_output() -> None:
    wf = _edit(_orders(), "message the team unless the weight is below 2")
    (gate,) = _gates(wf)
    assert _into(wf, "m") == [(gate.id, "false")]


def test_new_step_on_a_condition_and_the_rest_to_an_existing_step_makes_no_cycle() -> None:
    wf = _edit(
        _orders(), "only when the weight is over 9, create a Jira issue; the rest just go to Slack"
    )
    (gate,) = _gates(wf)
    assert _into(wf, gate.id) == [("a", "main")]
    assert _into(wf, "m") == [(gate.id, "false")]


def test_a_service_that_is_only_the_trigger_gets_a_new_step_behind_the_check() -> None:
    wf = _wf(
        [
            _node("t", "hubspot_trigger", "New contact", {"event": "contact_created"}),
            _node("m", "slack_message", "Tell", {"channel": "#x", "text": "y"}),
        ],
        [("t", "main", "m")],
    )
    wf = _edit(wf, "if the score is above 50, also create a HubSpot deal")
    (gate,) = _gates(wf)
    deal = next(x for x in wf.nodes if x.subtype == "hubspot")
    assert _into(wf, deal.id) == [(gate.id, "true")]
    assert _into(wf, "t") == []
