"""A condition on one of several values ("status is A or B") is one IF whose rules each test
one value, joined by "or"; no rule's value is ever a list (the validator refuses one, and an
edit that widened a status check ended in ``validation_failed``)."""

from __future__ import annotations

import pytest

from flowsmith.planner.compile_state import combine_of, if_rules
from flowsmith.planner.frame import Condition

from .edit_fixtures import edit, new_nodes, node, wf

FOLLOW_UP = wf(
    [
        node("n1", "schedule_trigger", "每天10点", {"interval": "days", "every": 1}),
        node("n2", "google_sheets_read", "读取客户表", {"spreadsheet_id": "1Cust"}),
        node("n3", "feishu", "飞书提醒", {"resource": "webhook", "operation": "send"}),
    ],
    [("n1", "main", "n2"), ("n2", "main", "n3")],
)


def test_equal_to_one_of_several_values_is_one_rule_per_value_joined_by_or() -> None:
    cond = Condition(field="status", op="eq", value=("won", "lost"), phrase="won or lost")
    rules, swapped = if_rules(cond)
    assert [r["right"] for r in rules] == ["won", "lost"]
    assert {r["operator"] for r in rules} == {"equals"}
    assert combine_of(cond) == "or" and not swapped


def test_unequal_to_each_of_several_values_is_one_rule_per_value_joined_by_and() -> None:
    cond = Condition(field="status", op="ne", value=("won", "lost"), phrase="not won or lost")
    rules, _ = if_rules(cond)
    assert [(r["operator"], r["right"]) for r in rules] == [
        ("not_equals", "won"),
        ("not_equals", "lost"),
    ]
    assert combine_of(cond) == "and"


@pytest.mark.parametrize(
    "text",
    [
        "只有状态是“成交”或者“流失”的时候才通知",
        'only notify when the status is "won" or "lost"',
    ],
)
def test_an_edit_on_one_of_several_values_gives_no_list_as_a_value(text: str) -> None:
    after = edit(FOLLOW_UP, text)
    (gate,) = [n for n in new_nodes(FOLLOW_UP, after) if n.subtype in ("if", "filter")]
    rules = gate.parameters["conditions"]
    assert len(rules) == 2
    assert all(not isinstance(r.get("right"), (list, tuple)) for r in rules)
    assert gate.parameters.get("combine", "or") == "or"
