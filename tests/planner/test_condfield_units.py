"""The condition-field readers on their own: ages against now, percent changes, measures
read per entity, counts in a state, irregular verb subjects."""

from __future__ import annotations

import pytest

from flowsmith.planner.parse_condition_words import irregular_field
from flowsmith.planner.parse_field_names import counted_in_state
from flowsmith.planner.parse_per_measure import per_measure, per_measured
from flowsmith.planner.parse_percent_change import percent_change_condition
from flowsmith.planner.parse_spans import age_condition


@pytest.mark.parametrize(
    ("text", "field", "op", "value"),
    [
        ("tickets created more than 24 hours ago", "hours_since_created_at", "gt", 24),
        ("deals older than 2 months", "days_since_created_at", "gt", 60),
        ("leads newer than 3 days", "days_since_created_at", "lt", 3),
        ("cards not updated in over a week", "weeks_since_updated_at", "gt", 1),
        ("invoices overdue by more than 10 days", "days_since_due_date", "gt", 10),
        ("下单超过48小时还没发的", "hours_since_created_at", "gt", 48),
        ("逾期15天以上的", "days_since_due_date", "gte", 15),
        ("超过5天没更新的任务", "days_since_updated_at", "gt", 5),
    ],
)
def test_an_age_compares_a_date_with_now(text: str, field: str, op: str, value: int) -> None:
    cond = age_condition(text, text)
    assert cond is not None and (cond.field, cond.op, cond.value) == (field, op, value)


def test_a_plain_duration_is_no_age() -> None:
    assert age_condition("the call takes more than 2 hours", "") is None


@pytest.mark.parametrize(
    ("text", "field", "op", "value"),
    [
        ("revenue fell more than 10% week over week", "revenue_change_pct", "lt", -10),
        ("signups rose by over 25 percent", "signups_change_pct", "gt", 25),
        ("订单量比上周下降超过20%", "订单量_change_pct", "lt", -20),
        ("销售额同比增长超过15%", "销售额_change_pct", "gt", 15),
    ],
)
def test_a_percent_change(text: str, field: str, op: str, value: int) -> None:
    cond = percent_change_condition(text, text)
    assert cond is not None and (cond.field, cond.op, cond.value) == (field, op, value)


def test_a_change_without_percent_is_not_read_here() -> None:
    assert percent_change_condition("the price drops below 100", "") is None


def test_a_measure_read_per_entity() -> None:
    per = per_measure("query QuestDB for the average CPU per host over the last 5 minutes")
    assert per == ("host", "average_cpu")
    assert per_measured("host", per, "price") == "average_cpu"
    assert per_measured("status", per, "price") == "status"
    assert per_measure("the revenue per day") is None
    assert per_measure("查每台服务器的平均内存使用率，超过80%") == ("服务器", "平均内存使用率")


def test_counts_in_a_state_and_verb_subjects() -> None:
    assert counted_in_state(" people are still booked after that") == "booked_people"
    assert counted_in_state(" hours are left") == ""
    assert irregular_field("slept", " hours") == "sleep_hours"
    assert irregular_field("ran", " km today") == "run_km"
    assert irregular_field("status", " hours") == ""
