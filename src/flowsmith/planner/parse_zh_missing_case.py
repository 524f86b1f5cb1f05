"""Chinese cases said of the items that lack something: "这周没交作业的学生，给家长发LINE消息；
交了但分数低于60的，发邮件给班主任", "没填电话的客户记到Notion；填了的用Twilio发短信".

A clause "<time>?没/没有/未<verb><thing>的<noun>?" (its action in the same clause or the next)
opens a case on that thing being empty; a later "<verb>了的…" (the same verb, done) is that
case's other side, and "<verb>了但<condition>的…" a case inside that other side.

Invariants: only with no branch open for the head, and only right after such a head's branch
for the other side; the head's words must parse as an emptiness test (``is_empty``) and the
condition after 但 as a condition; an action said in the same clause must name steps. Pure:
no I/O, no clock.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from flowsmith.planner.parse_conditions import parse_condition
from flowsmith.planner.parse_context import Context, unmask
from flowsmith.planner.parse_steps import clause_actions
from flowsmith.planner.parse_tree import DraftBranch
from flowsmith.planner.parse_zh_state_case import zh_state_case

if TYPE_CHECKING:
    from flowsmith.planner.parse_clauses import _Builder as Builder

__all__ = ["zh_missing_case"]

# "这周没交作业的学生", "没填家长邮箱的学生，", "还没打卡的员工给他发钉钉消息"
_HEAD = re.compile(
    r"^(?:(?:这|本|上)(?:周|个月|月)|今天|当天|昨天)?(?:还)?(?P<c>(?:没有|没|未)"
    r"(?P<v>[\u4e00-\u9fff])[\u4e00-\u9fff]{1,10}?)的(?P<n>[\u4e00-\u9fff]{0,4}?)"
    r"(?:[，,]?\s*(?P<a>(?:就|则|都|要)?(?:用|在|记|发|写|加|存|推|通知|同步|转|放|给|把|提醒|建).*))?$"
)
# "填了的", "交了但分数低于60的", "打卡了但迟到超过3次的": the same verb, done
_DONE = re.compile(
    r"^(?:已经|已)?(?P<v>[\u4e00-\u9fff]{1,2}?)(?:了|过)(?:的(?P<n>[\u4e00-\u9fff]{0,4}?))?"
    r"(?:\s*(?:但是?|可是|不过)(?P<c>[^，,]{2,20}?)的[\u4e00-\u9fff]{0,4}?)?"
    r"(?:[，,]?\s*(?P<a>(?:就|则|都|要)?(?:用|在|记|发|写|加|存|推|通知|同步|转|放|给|把|提醒|建).*))?$"
)


def zh_missing_case(b: Builder, clause: str, ctx: Context) -> bool:
    """The head of a case on a missing thing, or its other side (see the module doc)."""
    return _missing_head(b, clause, ctx) or _done_side(b, clause, ctx)


def _missing_head(b: Builder, clause: str, ctx: Context) -> bool:
    if b.branch is not None and not b.branch.closed:
        return False
    m = _HEAD.match(clause.strip())
    if m is None:
        return False
    if zh_state_case(b, clause, ctx):
        return True  # "没打卡的…，迟到的…，正常的…": one of several states, not a missing thing
    cond = parse_condition(m.group("c"), ctx)
    if cond is None or cond.op != "is_empty":
        return False
    steps = clause_actions(m.group("a"), ctx) if m.group("a") else []
    if m.group("a") and not steps:
        return False
    phrase = unmask(clause, ctx)
    b.open_case(cond, phrase, same=False)
    b.add(list(steps))
    b.missing_verb = m.group("v")
    return True


def _done_side(b: Builder, clause: str, ctx: Context) -> bool:
    verb = b.missing_verb
    # the head's branch, open or just closed by the end of its clause ("…；填了的，…")
    last = b.branch or (b.container[-1] if b.container else None)
    if not verb or not isinstance(last, DraftBranch) or len(last.cases) != 1:
        return False
    said = last.cases[0].condition
    if said is None or said.op != "is_empty":
        return False
    m = _DONE.match(clause.strip())
    if m is None or not m.group("v").startswith(verb):
        return False
    b.branch = last
    inner = parse_condition(m.group("c"), ctx) if m.group("c") else None
    if m.group("c") and inner is None:
        return False
    steps = clause_actions(m.group("a"), ctx) if m.group("a") else []
    if m.group("a") and not steps:
        return False
    if not b.otherwise():
        return False
    b.missing_verb = None
    if inner is not None:
        b.nest(inner, unmask(clause, ctx))
    b.add(list(steps))
    return True
