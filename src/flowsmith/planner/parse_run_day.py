"""Conditions on the day the run happens: "if today is a Friday", "if it's the weekend",
"如果今天是周五", "今天是工作日的话".

Invariants: the field is ``$now.weekday`` (Luxon's ISO weekday, 1 = Monday … 7 = Sunday, which
n8n evaluates as written), never an item field; the subject is "today"/今天, or a bare "it"
when the words say nothing but the day; a day said of an item ("the due date is a Friday") is
not read here. Pure.
"""

from __future__ import annotations

import re

from flowsmith.planner.frame import Condition

__all__ = ["run_day_condition"]

_EN_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ZH_DAYS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "日": 7, "天": 7}

_EN = re.compile(
    r"^\s*(?:if\s+|when\s+|on\s+days\s+when\s+)?(?:(?P<today>today)|it)\s*(?:is|'s|’s)\s+"
    r"(?:a\s+|the\s+)?(?P<day>(?:mon|tues|wednes|thurs|fri|satur|sun)day|weekend|weekday|"
    r"work\s*day|business\s+day)\s*[,.:;!]?\s*$",
    re.IGNORECASE,
)
_ZH = re.compile(
    r"^\s*(?:如果|要是|若|假如)?\s*今天\s*(?:是|为)\s*(?:(?:周|星期|礼拜)(?P<d>[一二三四五六日天])|"
    r"(?P<kind>周末|工作日))\s*(?:的话)?\s*[，,:：]?\s*$"
)


def run_day_condition(text: str) -> Condition | None:
    """The run-day test ``text`` says, or None."""
    phrase = text.strip(" ,，:：")
    m = _EN.match(text)
    if m is not None:
        day = re.sub(r"\s+", "", m.group("day").lower())
        if day in _EN_DAYS:
            return Condition("$now.weekday", "eq", _EN_DAYS.index(day) + 1, phrase)
        if day == "weekend":
            return Condition("$now.weekday", "gte", 6, phrase)
        return Condition("$now.weekday", "lte", 5, phrase)
    z = _ZH.match(text)
    if z is None:
        return None
    if z.group("d"):
        return Condition("$now.weekday", "eq", _ZH_DAYS[z.group("d")], phrase)
    if z.group("kind") == "周末":
        return Condition("$now.weekday", "gte", 6, phrase)
    return Condition("$now.weekday", "lte", 5, phrase)
