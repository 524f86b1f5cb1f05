"""Conditions joined across fields, read alone: "and"/"or"/并且/或者 make one condition whose
parts compare different fields; a range's "and", a list of values and a part with no subject
of its own stay one comparison (sentences of our own)."""

from __future__ import annotations

import pytest

from flowsmith.planner.compile_state import combine_of, if_rules
from flowsmith.planner.parse_guards import negate
from tests.planner.condition_graph import cond


@pytest.mark.parametrize(
    ("text", "op", "fields"),
    [
        ("the priority is high or the customer is VIP", "any", ["priority", "customer"]),
        ("the total is over $500 and the country is US", "all", ["total", "country"]),
        ("金额大于500并且国家是美国", "all", ["amount", "country"]),
        ("状态是错误或者延迟大于500", "any", ["status", "延迟"]),
        ("预算超过10000而且公司规模大于50", "all", ["budget", "company_size"]),
    ],
)
def test_joined_parts_each_compare_their_own_field(text: str, op: str, fields: list[str]) -> None:
    c = cond(text)
    assert c is not None and c.op == op
    assert [p.field for p in c.value] == fields
    rules, swapped = if_rules(c)
    assert len(rules) == 2 and not swapped
    assert combine_of(c) == ("or" if op == "any" else "and")


@pytest.mark.parametrize(
    "text",
    [
        "the amount is between 100 and 500",
        "金额在100和500之间",
        "气温低于-5度或高于38度",
        "the rating is 3 or 4",
        "the priority is high or urgent",
    ],
)
def test_a_range_or_a_list_of_values_is_not_two_conditions(text: str) -> None:
    c = cond(text)
    assert c is None or c.op not in ("all", "any")


def test_not_all_is_any_of_the_negations() -> None:
    c = cond("the total is over 500 and the country is US")
    assert c is not None
    n = negate(c)
    assert n.op == "any"
    assert [(p.field, p.op) for p in n.value] == [("total", "lte"), ("country", "ne")]
