"""Chinese cases said by a state alone: "缺勤的学生用Vonage发短信，迟到的记到Coda，正常的不用管".

A clause "<state>的<noun>?<action>" opens a case on the items' status being that state when
the request names at least one other "<state>的" after it; the following "迟到的…",
"正常的就不用管了" are read by :mod:`~flowsmith.planner.parse_zh_value_case` as the next cases
on that same field.

Invariants: only with no branch open; the state is 1–4 Chinese characters with no digit, no
service name and no word for "all/other/new"; the action must name steps. Pure: no I/O, no
clock.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from flowsmith.planner.frame import Condition
from flowsmith.planner.parse_context import Context, unmask
from flowsmith.planner.parse_day_cases import day_condition
from flowsmith.planner.parse_spans import age_condition
from flowsmith.planner.parse_steps import clause_actions

if TYPE_CHECKING:
    from flowsmith.planner.parse_clauses import _Builder as Builder

_ACT = r"(?:就|则|都|要)?(?:用|在|记|发|写|加|存|推|通知|同步|转|放|给|把|提醒|建)"
_FIRST = re.compile(
    rf"^(?P<v>[\u4e00-\u9fff]{{1,4}}?)的(?P<n>[\u4e00-\u9fff]{{1,3}}?)?(?P<a>{_ACT}.*)$"
)
_LATER = re.compile(
    r"[，,；;。]\s*([\u4e00-\u9fff]{1,4}?)的(?:[\u4e00-\u9fff]{1,3}?)?"
    rf"(?:{_ACT}|不用|不需要|忽略)"
)
# "相似度高", "风险低": a measure (2–3 characters) and its level
_LEVEL = re.compile(r"^(?P<f>[\u4e00-\u9fff]{2,3}?)(?P<l>高|低|大|小|多|少)$")
_NOT_STATE = re.compile(
    r"^(?:所有|全部|其他|其余|其它|剩下|每|新|这|那|我|你|他|她|它|别|今天|昨天|当天)"
)


def zh_state_case(b: Builder, clause: str, ctx: Context) -> bool:
    """ "缺勤的学生用Vonage给家长发短信" (another "<state>的" said later): a case on status."""
    if b.branch is not None and not b.branch.closed:
        return False
    m = _FIRST.match(clause.strip())
    if m is None:
        return False
    state = m.group("v")
    if _NOT_STATE.match(state) or ctx.index.mentions(state, implicit=False):
        return False
    others = {v for v in _LATER.findall(b.text) if v != state and not _NOT_STATE.match(v)}
    if not others:
        return False
    # "相似度高的发邮件…": the lazy noun may have taken the action's verb ("发邮件" + "给老师")
    steps = clause_actions(m.group("a"), ctx) or clause_actions(
        (m.group("n") or "") + m.group("a"), ctx
    )
    if not steps:
        return False
    phrase = unmask(clause, ctx)
    b.open_case(_state_condition(state, phrase, ctx), phrase, same=False)
    b.add(list(steps))
    return True


def _state_condition(state: str, phrase: str, ctx: Context) -> Condition:
    """What "<state>的" tests: past the due date ("已经逾期的"), the weekday of the day field
    ("选周末的"), a measure's level ("相似度高"), or else the status being that state."""
    due = age_condition(state, phrase) or day_condition(state, ctx.day_field, phrase)
    if due is not None:
        return due
    level = _LEVEL.match(state)
    if level is not None:
        return Condition(level.group("f"), "eq", level.group("l"), phrase)
    return Condition("status", "eq", state, phrase)
