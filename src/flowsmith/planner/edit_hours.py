"""Hour windows of an existing workflow ("only during business hours", "只在工作时间发",
"office hours only"), and which steps a time check guards.

Invariants: an event-started workflow keeps its trigger and gets an IF on ``$now.hour``
(9:00 up to 18:00) in front of the steps the words name (by service or by the step's own
name), else in front of the steps that
send a message when the words only say "send" ("发", "send"), else in front of every first
step; a schedule firing every few minutes or hours keeps its interval and fires only in
those hours; any other schedule is left alone. Pure: no I/O.
"""

from __future__ import annotations

import re

from flowsmith.core.models import NodeFamily, Workflow
from flowsmith.planner import edit_graph as eg
from flowsmith.planner import graph as g
from flowsmith.planner import nodes as n
from flowsmith.planner.plan import EditOp
from flowsmith.planner.schedule import Schedule
from flowsmith.planner.text import Lang
from flowsmith.text import text as say

__all__ = ["guarded_ids", "hour_restriction"]

OPEN, CLOSE = 9, 18  # a working day: 9:00 up to 18:00
_HOURS = re.compile(
    r"\b(?:business|office|working|work|opening)\s+hours\b|\b9\s*(?:am)?\s*(?:to|-)\s*5\s*(?:pm)?\b|"
    r"\bnine to five\b|工作时间|上班时间|办公时间|营业时间|工作时段|上班期间",
    re.IGNORECASE,
)
# "don't send …", "只在工作时间发": a send verb with nothing named is the message steps
_SEND = re.compile(r"\bsend\w*\b|\bnotif\w*\b|发(?!票|布|现|生)|通知|推送", re.IGNORECASE)


def guarded_ids(current: Workflow, subjects: list[str], text: str) -> list[str]:
    """Ids of the steps a day or hour check goes in front of (see the module docstring)."""
    named = [x.id for s in subjects for x in eg.find(current, s) if x.type != NodeFamily.TRIGGER]
    if not named:  # "only alert the team …": the step called "Alert team"
        checks = {x.id for x in eg.branch_nodes(current)}
        named = [x.id for x in eg.named_by_words(current, text) if x.id not in checks]
    if not named and _SEND.search(text):
        named = [x.id for x in g.ordered(current) if eg.notifies(x)]
    if not named:
        first = next((x for x in g.ordered(current) if x.type == NodeFamily.TRIGGER), None)
        named = [c.to_node for c in g.outgoing(current, first.id)] if first else []
    return list(dict.fromkeys(named))


def hour_restriction(
    text: str, current: Workflow, ops: list[EditOp], subjects: list[str], lang: Lang
) -> list[EditOp] | None:
    """``ops`` with the hour window ``text`` says applied, or None when it says none."""
    if not _HOURS.search(text):
        return None
    rules = [
        {"left": "{{ $now.hour }}", "operator": "greater_than", "right": OPEN - 1},
        {"left": "{{ $now.hour }}", "operator": "less_than", "right": CLOSE},
    ]
    for op in ops:
        if op.kind == "add_guard" and op.rule and "$now.weekday" in str(op.rule):
            # "weekdays during office hours": one check on both
            op.rule = {**op.rule, "conditions": [*op.rule["conditions"], *rules]}
            return ops
    trigger = next((x for x in current.nodes if x.subtype == "schedule_trigger"), None)
    if trigger is not None:
        timed = _in_hours(n.schedule_from_params(dict(trigger.parameters)))
        return ops if timed is None else [*ops, EditOp(kind="set_schedule", schedule=timed)]
    ids = guarded_ids(current, subjects, text)
    return [
        *ops,
        EditOp(
            kind="add_guard",
            subject="|".join(f"node:{x}" for x in ids) or None,
            rule={"conditions": rules, "combine": "and"},
            value=say("planner.edit_hours.hours_check", lang),
        ),
    ]


def _in_hours(base: Schedule | None) -> Schedule | None:
    """``base`` (an interval under a day) firing only in working hours."""
    if base is None or base.kind != "interval" or not base.minutes:
        return None
    window = f"{OPEN}-{CLOSE - 1}"
    if base.minutes < 60 and 60 % base.minutes == 0:
        return Schedule(kind="cron", cron=f"*/{base.minutes} {window} * * *")
    if base.minutes == 60:
        return Schedule(kind="cron", cron=f"0 {window} * * *")
    return None
