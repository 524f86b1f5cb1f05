"""The next case of a Chinese branch said by its value alone: after "状态是“已付款”就…" or
"收货国家是中国的…", a clause "美国的发邮件…", "warning就发到钉钉群", "是已退款就…" is the case
where that same field has the new value; "info的忽略" is such a case with nothing to do.

Invariants: reads only while the open branch's last case compares a field to a word (``eq``
on a string); the value names no service and is no "other" word; the case gets the steps its
action names, or none when the action says to do nothing. Pure: no I/O, no clock.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from flowsmith.planner.frame import Condition
from flowsmith.planner.parse_cases import NOTHING
from flowsmith.planner.parse_context import Context, unmask
from flowsmith.planner.parse_day_cases import day_condition
from flowsmith.planner.parse_spans import age_condition
from flowsmith.planner.parse_steps import clause_actions

if TYPE_CHECKING:
    from flowsmith.planner.parse_clauses import _Builder as Builder

# "美国的发邮件", "warning就发到钉钉群", "是“已退款”就…", "info的忽略": a value, then its action
_ZH_VALUE = re.compile(
    r"^\s*(?:如果|要是|假如)?(?:是|为)?\s*[“\"'「‘]?(?P<v>[\w\u4e00-\u9fff.-]{1,10}?)[”\"'」’]?"
    r"\s*(?:(?:的话|的)\s*(?:就|则)?|就|则|[:：])\s*(?P<a>[^\s].*)$"
)
# words that name the rest, not a value: "其他的", "剩下的", "别的"
_OTHER = re.compile(r"^(?:其他|其余|其它|剩下|剩余|别的|另外|否则|不然|要不然|others?)")


def _value_said(
    b: Builder, clause: str, ctx: Context
) -> tuple[Condition, Condition, re.Match[str]] | None:
    """(the open branch's last case, the next case's condition, the clause's value and action)
    when ``clause`` says a next value of that case's field; None otherwise."""
    br = b.branch
    if br is None or br.closed or not br.cases:
        return None
    last = br.cases[-1].condition
    m = _ZH_VALUE.match(clause)
    if last is None or m is None:
        return None
    value = m.group("v")
    due = age_condition(value, clause) or day_condition(value, ctx.day_field, clause)
    if due is not None and due.field == last.field:
        return last, due, m  # "已经逾期的…，没逾期的…"
    if last.op != "eq" or not isinstance(last.value, str):
        return None
    if _OTHER.match(value) or ctx.index.mentions(value, implicit=False):
        return None
    return last, Condition(last.field, "eq", value, ""), m


def next_value_said(b: Builder, clause: str, ctx: Context) -> bool:
    """Whether ``clause`` (a next sentence's first) says the open branch's next value
    ("环境是production的…；staging的…"): the branch then stays open across the sentence end."""
    return _value_said(b, clause, ctx) is not None


def zh_value_case(b: Builder, clause: str, ctx: Context) -> bool:
    """A value alone after a case on a word: the next case on that field, with the steps its
    action names (or none said: "…的不用管"); False when the action names no steps."""
    said = _value_said(b, clause, ctx)
    if said is None:
        return False
    last, cond, m = said
    action = m.group("a")
    steps = clause_actions(action, ctx)
    nothing = NOTHING.match(unmask(action, ctx).strip(" ,，.。"))
    if not steps and not nothing:
        return False
    if m.group("v") in (f"不{last.value}", f"不是{last.value}") and b.otherwise():
        b.add(list(steps))  # "相似度高的…，不高的…": the first case's other side
        return True
    phrase = unmask(clause, ctx)
    b.open_case(Condition(cond.field, cond.op, cond.value, phrase), phrase, same=True)
    b.add(list(steps))
    return True
