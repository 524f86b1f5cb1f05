"""A schedule on the month's last day runs on it (regression: "on the last day of every month"
and 每月最后一天 built a cron for the 1st). n8n's cron has no "L", so the schedule fires on days
28-31 and an IF lets only the day with no day of the month left through."""

from __future__ import annotations

import pytest

from flowsmith.core import expressions as ex
from flowsmith.core.simulate import simulate
from flowsmith.core.validate import validate_workflow
from flowsmith.planner.schedule import parse_schedule
from tests.planner.branch_graph import Graph

LEFT = "{{ $now.daysInMonth - $now.day }}"


@pytest.mark.parametrize(
    ("text", "cron"),
    [
        ("On the last day of every month at 5pm, email me the totals", "0 17 28-31 * *"),
        ("at the end of each month, send the invoices", "0 9 28-31 * *"),
        ("每个月最后一天晚上8点把账单发给我", "0 20 28-31 * *"),
        ("每月底上午10点汇总报销", "0 10 28-31 * *"),
        ("every month at 5pm", "0 17 1 * *"),  # no last day said: the 1st, as before
        ("每月15号上午9点", "0 9 15 * *"),
    ],
)
def test_the_schedule_days(text: str, cron: str) -> None:
    sched = parse_schedule(text)
    assert sched is not None and sched.cron == cron


@pytest.mark.parametrize(
    "text",
    [
        "On the last day of every month at 5pm, email me the sales report from the Sales sheet",
        "每月最后一天下午5点，把Google表格'销售'的数据发邮件给我",
    ],
)
def test_every_step_waits_for_the_last_day(text: str) -> None:
    g = Graph(text)
    gates = [n for n in g.wf.nodes if n.subtype == "if"]
    assert len(gates) == 1 and gates[0].parameters["conditions"] == [
        {"left": LEFT, "operator": "equals", "right": 0}
    ]
    steps = {i for i, n in g.nodes.items() if n.type != "TRIGGER" and n.subtype != "if"}
    assert steps and steps <= g.outputs(gates[0].id)["true"]
    assert not [f for f in validate_workflow(g.wf) if f.severity == "error"]
    never = [f for f in simulate(g.wf).findings if f.code == "condition_never_true"]
    assert never == []


def test_a_deadline_at_the_end_of_the_month_is_no_schedule() -> None:
    g = Graph("Every day at 9, email me invoices due before the end of the month from Xero")
    assert g.trigger().parameters.get("every") == 1
    assert not [n for n in g.wf.nodes if n.subtype == "if" and LEFT in str(n.parameters)]


@pytest.mark.parametrize(
    ("now", "left"),
    [
        ("2026-02-28T17:00:00Z", 0),
        ("2024-02-28T17:00:00Z", 1),  # a leap year: the 29th is last
        ("2026-04-30T17:00:00Z", 0),
        ("2026-05-30T17:00:00Z", 1),
    ],
)
def test_the_days_left_in_the_run_month(now: str, left: int) -> None:
    ctx = ex.Context(item={}, nodes={}, workflow={}, execution={}, now=now)
    assert ex.evaluate(LEFT, lambda ref: ex.lookup(ref, ctx)).value == left
