"""An attempt said by its ordinal: "第一次失败就…；第三次还失败就…", "on the third failed
attempt …": the case compares how many times it has happened (``attempt_count``), not the
status the event already has.

Invariants: only an ordinal of a time, try or attempt is read ("第3次", "the second time",
"on the first attempt"); the value is that ordinal as an int, compared for equality. Pure:
no I/O, no clock.
"""

from __future__ import annotations

import re

from flowsmith.planner.frame import Condition
from flowsmith.planner.text import zh_number

_EN_ORDINAL = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "fifth": 5,
    "5th": 5,
}
_ZH = re.compile(
    r"^\s*(?:如果|要是|若|当)?(?:是)?第\s*(?P<n>\d+|[一二两三四五六七八九十]{1,3})\s*次"
    # of trying: "第三次还失败", "第二次重试"; "第一次付款的新客户" is a first purchase, not a try
    r"(?=\s*(?:还|又|仍|仍然|依然|都|也)?\s*(?:失败|出错|报错|重试|尝试|没成功|不成功|超时|扣款失败))"
)
_EN = re.compile(
    r"^\s*(?:if\s+|when\s+)?(?:it(?:'s|\s+is)\s+)?(?:on\s+|at\s+|after\s+)?(?:the\s+)?"
    r"(?P<n>" + "|".join(_EN_ORDINAL) + r")\s+(?:(?:failed|failing|unsuccessful)\s+)?"
    r"(?:attempt|try|time|failure|retry)\b",
    re.IGNORECASE,
)


def ordinal_attempt(t: str, phrase: str) -> Condition | None:
    """ "第三次还失败" -> attempt_count == 3; None when no ordinal attempt opens ``t``."""
    m = _ZH.match(t)
    n = zh_number(m.group("n")) if m else None
    if m is None:
        e = _EN.match(t)
        n = _EN_ORDINAL[e.group("n").lower()] if e else None
    if n is None:
        return None
    return Condition("attempt_count", "eq", n, phrase)


# "会Python的", "懂Java", "不会SQL": a skill, said with a Latin name after a verb of knowing
_SKILL_ZH = re.compile(
    r"^\s*(?:如果|要是)?(?:是)?(?P<neg>不)?(?:会|懂|熟悉|掌握|精通)(?:用)?\s*"
    r"(?P<x>[A-Za-z][\w+#.-]{0,24})\s*$"
)
# "knows Python", "who can code in Go", "has experience with React"
_SKILL_EN = re.compile(
    r"^\s*(?:if\s+)?(?:they\s+|he\s+|she\s+|the\s+candidate\s+|who\s+)?(?P<neg>doesn't\s+|don't\s+)?"
    r"(?:knows?|can\s+(?:code|program|write)\s+in|(?:has|have)\s+experience\s+(?:with|in))\s+"
    r"(?P<x>[A-Z][\w+#.-]{0,24})\s*$"
)


def skill_condition(t: str, phrase: str) -> Condition | None:
    """ "会Python" -> skills contains "Python" ("不会…": does not contain); None otherwise."""
    m = _SKILL_ZH.match(t) or _SKILL_EN.match(t)
    if m is None:
        return None
    return Condition(
        "skills", "not_contains" if m.group("neg") else "contains", m.group("x"), phrase
    )
