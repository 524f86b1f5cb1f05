"""The items an action is for, said after it: "create a Jira issue for any ticket with more
than 5 replies", "send a Slack message for every deal worth over 10000", "post a reminder for
everyone who has logged fewer than 40 hours".

Invariant: :func:`for_tail` returns the action's words without the qualifier and the
condition the qualifier says, or None when the tail names no condition (then "for every
deal" stays the loop it was). Pure: regexes and :func:`parse_condition` only.
"""

from __future__ import annotations

import re

from flowsmith.planner.frame import Condition
from flowsmith.planner.parse_conditions import parse_condition
from flowsmith.planner.parse_context import Context

_QUALIFIER = (
    r"(?:with|whose|where|that|which|who|worth|over|under|above|below|more than|less than|"
    r"fewer than|having|containing|mentioning|tagged|labell?ed|marked|from|older than|"
    r"newer than|longer than|shorter than)\b"
)
_AGED = (
    r"(?:created|opened|placed|submitted|added|posted|updated|modified|not updated|"
    r"not touched|older than|newer than|overdue|past due|(?:more than|over|at least)\s+"
    r"(?:an?|\d+)\s+(?:minute|hour|day|week|month|year)s?\s+(?:old|overdue|past due|late))"
)
_FOR_TAIL = re.compile(
    r"\s+(?:for|about|on|to)\s+(?:any|every|each|all(?: the)?|the)\s+(?:of the\s+)?"
    r"(?P<noun>[a-z]+)\s+(?P<q>" + _QUALIFIER + r".*)$|"
    r"\s+(?:for|to|about)\s+(?P<who>everyone|anyone|everybody|anybody|those|all users|"
    r"all customers|each person|every person)\s+(?P<q2>(?:who|that|whose|with)\b.*)$|"
    # "about tickets created more than 24 hours ago", "for invoices more than 14 days overdue":
    # a bare plural qualified by its age (other bare nouns stay recipients: "to customers with")
    r"\s+(?:for|about|on|to)\s+(?P<noun3>[a-z]+s)\s+(?P<q3>(?:" + _AGED + r")\b.*)$",
    re.IGNORECASE,
)


_RELATIVE_IS = re.compile(r"\b(that|which|who)['’]s\b", re.IGNORECASE)


def for_tail(clause: str, ctx: Context) -> tuple[str, Condition] | None:
    """``(action words, condition)`` for an action whose items are qualified after it."""
    m = _FOR_TAIL.search(clause)
    if m is None or m.start() == 0:
        return None
    noun = m.group("noun") or m.group("noun3") or "they"
    said = m.group("q") or m.group("q2") or m.group("q3") or ""
    # "every task that's overdue": the relative's contraction said out
    said = _RELATIVE_IS.sub(r"\g<1> is", said)
    whose = re.match(r"whose\s+", said, re.IGNORECASE)
    # "each record whose status is overdue": the record's status, not a field "whose_status"
    text = said[whose.end() :] if whose else f"{noun} {said}"
    cond = parse_condition(text.strip(), ctx)
    if cond is None:
        return None
    return clause[: m.start()], cond


# "给本周工时不到40小时的每个人发Slack提醒": who it is for, said before the action in Chinese
# ("给Google表格'志愿者'里的所有人": where they are listed, no condition)
_ZH_FOR_EVERYONE = re.compile(
    r"给([^，,。；;]{2,40}?)(?<![里中上])的(?:每一?个人|每一?位\S{0,2}?|所有人|每个用户|每位员工|每个成员)"
    r"(?=发|提醒|通知|推送)"
)


def zh_for_everyone(text: str) -> str:
    """``text`` with "给<condition>的每个人<action>" said as "，如果<condition>，就<action>", the
    form the condition reader knows; other text unchanged."""
    return _ZH_FOR_EVERYONE.sub(lambda m: f"，如果{m.group(1)}，就", text)
