"""``condition_never_true``: conditions no item can satisfy, each next to a satisfiable twin."""

from __future__ import annotations

from typing import Any

import pytest

from flowsmith.core.models import Finding
from flowsmith.core.satisfy import CONDITION_NEVER_TRUE, never_true, unsatisfiable
from flowsmith.core.simulate import simulate
from flowsmith.core.validate import is_valid, validate_workflow
from tests.planner.coverage.support import chain, edges, node, wf

PRICE = "{{ $json.price }}"
STATUS = "{{ $json.status }}"
SCHEDULE = node("schedule_trigger:schedule", interval="hours", every=1)
FETCH = node("http_request:fetch", url="https://example.com/items.json", method="GET")
MAIL = node("send_email:mail", to="me@example.com", subject="Hi", body="cheap")


def cond(left: Any, operator: str, right: Any = None) -> dict[str, Any]:
    out = {"left": left, "operator": operator}
    if right is not None:
        out["right"] = right
    return out


def if_workflow(*conditions: dict[str, Any], combine: str = "and") -> Any:
    check = node("if:check", conditions=list(conditions), combine=combine)
    return wf(
        [SCHEDULE, FETCH, check, MAIL],
        edges("schedule>fetch", "fetch>check", "check:true>mail"),
    )


def never(workflow: Any) -> list[Finding]:
    return [f for f in never_true(workflow) if f.code == CONDITION_NEVER_TRUE]


@pytest.mark.parametrize(
    ("impossible", "possible"),
    [
        # an empty interval, and its non-empty twin
        (
            [cond(PRICE, "less_than", 100), cond(PRICE, "greater_than", 200)],
            [cond(PRICE, "less_than", 200), cond(PRICE, "greater_than", 100)],
        ),
        # open ends that meet
        (
            [cond(PRICE, "greater_than", 10), cond(PRICE, "less_than", 10)],
            [cond(PRICE, "greater_than", 10), cond(PRICE, "less_than", 10.5)],
        ),
        # two values at once
        (
            [cond(STATUS, "equals", "a"), cond(STATUS, "equals", "b")],
            [cond(STATUS, "equals", "a"), cond(STATUS, "equals", "a")],
        ),
        # a value outside the interval
        (
            [cond(PRICE, "equals", 5), cond(PRICE, "greater_than", 10)],
            [cond(PRICE, "equals", 15), cond(PRICE, "greater_than", 10)],
        ),
        # a value and its exclusion
        (
            [cond(STATUS, "equals", "open"), cond(STATUS, "not_equals", "open")],
            [cond(STATUS, "equals", "open"), cond(STATUS, "not_equals", "closed")],
        ),
        # true and false
        (
            [cond(STATUS, "is_true"), cond(STATUS, "is_false")],
            [cond(STATUS, "is_true"), cond(PRICE, "is_false")],
        ),
        # empty and not empty
        (
            [cond(STATUS, "is_empty"), cond(STATUS, "is_not_empty")],
            [cond(STATUS, "is_not_empty"), cond(STATUS, "contains", "x")],
        ),
        # a substring the required value lacks
        (
            [cond(STATUS, "equals", "open"), cond(STATUS, "contains", "z")],
            [cond(STATUS, "equals", "open"), cond(STATUS, "contains", "pe")],
        ),
        # a comparison with a non-number
        ([cond(PRICE, "greater_than", "cheap")], [cond(PRICE, "greater_than", "10")]),
        # a constant left side that is false
        ([cond(5, "greater_than", 10)], [cond(50, "greater_than", 10)]),
    ],
)
def test_if_conditions(impossible: list[dict[str, Any]], possible: list[dict[str, Any]]) -> None:
    [finding] = never(if_workflow(*impossible))
    assert finding.node_id == "check" and finding.severity == "warning"
    assert finding.path == "parameters.conditions"
    assert never(if_workflow(*possible)) == []


def test_or_is_never_true_only_when_every_condition_is() -> None:
    assert (
        never(if_workflow(cond(5, "greater_than", 10), cond(PRICE, "less_than", 3), combine="or"))
        == []
    )
    assert (
        len(never(if_workflow(cond(5, "greater_than", 10), cond(1, "equals", 2), combine="or")))
        == 1
    )


def test_a_right_side_expression_is_not_reasoned_about() -> None:
    assert (
        unsatisfiable([(PRICE, "less_than", "{{ $json.min }}"), (PRICE, "greater_than", 200)])
        is None
    )


def test_a_filter_that_passes_nothing() -> None:
    impossible = node(
        "filter:keep",
        conditions=[cond(PRICE, "less_than", 100), cond(PRICE, "greater_than", 200)],
    )
    possible = node("filter:keep", conditions=[cond(PRICE, "less_than", 100)])
    [finding] = never(chain(SCHEDULE, FETCH, impossible, MAIL))
    assert "passes no item" in finding.message
    assert never(chain(SCHEDULE, FETCH, possible, MAIL)) == []


def test_a_switch_rule_shadowed_by_an_earlier_one() -> None:
    def switch(*rules: dict[str, Any], all_matching: bool = False) -> Any:
        return chain(
            SCHEDULE,
            FETCH,
            node("switch:route", field=PRICE, rules=list(rules), all_matching=all_matching),
        )

    shadowed = switch(
        {"operator": "greater_than", "value": 10}, {"operator": "greater_than", "value": 20}
    )
    [finding] = never(shadowed)
    assert finding.path == "parameters.rules[1]" and "rule 0" in finding.message
    # the other order: rule 1 catches what rule 0 leaves (10 < x <= 20 goes to rule 1)
    assert (
        never(
            switch(
                {"operator": "greater_than", "value": 20},
                {"operator": "greater_than", "value": 10},
            )
        )
        == []
    )
    # every matching output gets the item: nothing is shadowed
    assert (
        never(
            switch(
                {"operator": "greater_than", "value": 10},
                {"operator": "greater_than", "value": 20},
                all_matching=True,
            )
        )
        == []
    )
    same = switch({"operator": "equals", "value": "a"}, {"operator": "equals", "value": "a"})
    assert len(never(same)) == 1


def test_the_dry_run_reports_it_and_the_workflow_stays_valid() -> None:
    workflow = if_workflow(cond(PRICE, "less_than", 100), cond(PRICE, "greater_than", 200))
    findings = validate_workflow(workflow) + simulate(workflow).findings
    assert CONDITION_NEVER_TRUE in {f.code for f in findings}
    assert is_valid(findings)
