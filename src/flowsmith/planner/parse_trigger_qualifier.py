"""A qualifier said of a trigger's item in the event's own words, as a condition on the item:
"a time entry is added without a description", "新建了没有电话号码的联系人" (the field is
empty), "a message starts with '!ticket'", "收到 /todo 开头的消息" (the text starts with the
word; a contains test, as "if it starts with" reads), "a task is assigned to me",
"有卡片分配给我" (the user is among the assignees).

Invariants: read only from the trigger's phrase, only when no other reading of it gave a
condition (the caller tries this last); the field comes from the words (the noun after
"without" / 没有, the text for a start word, the assignee for "assigned to me"); the value
of a start word keeps its leading sign ("/todo", "#bug", "!help"). Pure: no I/O.
"""

from __future__ import annotations

import re

from flowsmith.planner import lexicon as lx
from flowsmith.planner.frame import Condition, Trigger
from flowsmith.planner.parse_conditions import parse_condition
from flowsmith.planner.parse_context import TOKEN, Context

__all__ = ["ME", "qualifier_guard"]

ME = "YOUR_USER_ID"  # the user's own id in the app, for the user to fill in

_Q = r"[\"'“‘「]"
_QE = r"[\"'”’」]"
# "without a description", "with no project", "missing a phone number"
_WITHOUT = re.compile(
    r"\b(?:without|with\s+no|missing|lacking)\s+(?:an?\s+|any\s+|the\s+|its\s+)?"
    r"(?P<f>[a-z][a-z ]{1,24}?)(?=\s*(?:$|,|;|\.|\b(?:is|are|was|gets?|comes?|arrives?|and)\b))",
    re.IGNORECASE,
)
# "没有电话号码的联系人", "没填描述的记录", "描述为空的"
_ZH_WITHOUT = re.compile(
    r"(?:没有?|未)(?:填写?|填|写|设置?|带)?(?P<f>[\u4e00-\u9fff]{1,6}?)的|"
    r"(?P<g>[\u4e00-\u9fff]{1,6}?)(?:为空|是空的|空着)的?"
)
# "starts with '!ticket'", "beginning with /todo"
_STARTS = re.compile(
    r"\b(?:starts?|starting|begins?|beginning)\s+with\s+"
    + _Q
    + r"?(?P<v>[^\s\"'”’」,]+?)"
    + _QE
    + r"?(?=$|[\s,;.])",
    re.IGNORECASE,
)
# "以 /todo 开头的", "/todo 开头的消息", "以“报价”打头的"
_ZH_STARTS = re.compile(
    r"(?:以)?\s*" + _Q + r"?(?P<v>[^\s\"'”’」，,以]{1,20}?)" + _QE + r"?\s*(?:开头|打头)"
)
# "is assigned to me", "分配给我", "指派给我"
_TO_ME = re.compile(
    r"\b(?:assigned|given|allocated)\s+to\s+(?:me|myself)\b|(?:分配|指派|派|分)给(?:了)?我", re.I
)


def qualifier_guard(trigger: Trigger, ctx: Context) -> Condition | None:
    """The condition the trigger's phrase says of its item (see the module), or None."""
    phrase = trigger.phrase
    t = TOKEN.sub(" ", phrase)
    if _TO_ME.search(t):
        return Condition("assignee", "contains", ME, phrase)
    m = _STARTS.search(t) or _ZH_STARTS.search(t)
    if m is not None:
        return Condition("text", "contains", m.group("v"), phrase)  # as "if it starts with"
    m = _WITHOUT.search(t)
    if m is not None:
        cond = parse_condition(f"if it has no {m.group('f').strip()}", ctx)
        return _empty(cond, phrase)
    z = _ZH_WITHOUT.search(t)
    if z is not None:
        cond = parse_condition(f"如果没有{z.group('f') or z.group('g')}", ctx)
        return _empty(cond, phrase)
    return None


def _empty(cond: Condition | None, phrase: str) -> Condition | None:
    """Only an emptiness test of a named field: "without a doubt" is no condition."""
    if cond is None or cond.op != "is_empty" or cond.field in ("it", "text", "value"):
        return None
    return Condition(_field_name(cond.field), "is_empty", None, phrase)


def _field_name(said: str) -> str:
    """The lexicon's field for a Chinese field word that holds one (电话号码 -> phone)."""
    known = [k for k in lx.FIELD_ZH_NAMES if k in said]
    return lx.FIELD_ZH_NAMES[max(known, key=len)] if known else said
