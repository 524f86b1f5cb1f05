"""A condition on the day of the run tests ``$now.weekday`` (regression: "if today is a
Friday" tested ``$json.type``, "if it is Monday" ``$json.monday`` and 如果今天是周五
``$json["今天"]``: fields no item has, so the guarded step never ran)."""

from __future__ import annotations

import pytest

from flowsmith.planner.parse_run_day import run_day_condition
from tests.planner.branch_graph import Graph


@pytest.mark.parametrize(
    ("text", "op", "value"),
    [
        ("if today is a Friday", "eq", 5),
        ("if it's Monday", "eq", 1),
        ("today is the weekend", "gte", 6),
        ("if it is a weekday", "lte", 5),
        ("如果今天是周五", "eq", 5),
        ("今天是星期日的话", "eq", 7),
        ("如果今天是周末", "gte", 6),
    ],
)
def test_the_run_day(text: str, op: str, value: int) -> None:
    cond = run_day_condition(text)
    assert cond is not None and (cond.field, cond.op, cond.value) == ("$now.weekday", op, value)


@pytest.mark.parametrize(
    "text",
    [
        "if the due date is a Friday",
        "if it is a bug",
        "if it's Monday's report",
        "如果截止日是周五",
    ],
)
def test_an_item_is_not_the_run_day(text: str) -> None:
    assert run_day_condition(text) is None


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Every day at 5pm, if today is a Friday, email me the report", 5),
        (
            "Every day at 9am post the menu to Slack, and if it is Monday also email it to the team",
            1,
        ),
        ("每天下午5点，如果今天是周五，就把周报发邮件给我", 5),
    ],
)
def test_the_email_waits_for_the_day(text: str, day: int) -> None:
    g = Graph(text)
    gate = next(n for n in g.wf.nodes if n.subtype == "if")
    assert gate.parameters["conditions"] == [
        {"left": "{{ $now.weekday }}", "operator": "equals", "right": day}
    ]
    assert g.find("send_email") <= g.outputs(gate.id)["true"]
