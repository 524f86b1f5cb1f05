"""Cases on the day of the week of an item's own date: "选周末的发邮件给前台，选工作日的直接建日程",
"周末看房的…，工作日的…", "if the date picked falls on a weekend, …".

Such weekend / weekday words head cases on a date the item carries (a form's date field), not
a window on the run's own time (:mod:`~flowsmith.planner.parse_windows`); the cases compare
``weekday_of_<date field>`` (ISO weekday 1 = Monday … 7 = Sunday, see
:func:`flowsmith.planner.compile_state.field_ref`): a weekend is above 5, a weekday 5 or
below, so the two are each other's negation and make one IF.

Invariants: Chinese heads count only when both a weekend and a weekday head "…的" are said;
an English reading needs a date or day said to fall on a weekend / weekday. Pure: regexes.
"""

from __future__ import annotations

import re

from flowsmith.planner.frame import Condition

# "选周末的", "周末看房的", "约工作日的", "是工作日的": a day kind heading a case ("周末收到的"
# says when the item arrived, the run's own time: a window, no case on a date of the item)
_ZH_HEAD = re.compile(
    r"(?:选|选择|选了|约|订|预约|是|在)?(?P<d>周末|工作日|双休日|周六日|平日)"
    r"(?!收到|提交|发来|进来|来的)[\u4e00-\u9fff]{0,2}?的"
)
# "the date picked falls on a weekend", "if the booking day is a weekday"
_EN = re.compile(
    r"\b(?:date|day)\b[^.,;:]{0,30}?\b(?:falls?|is|lands?|comes?)\s+(?:on\s+)?(?:a\s+|the\s+)?"
    r"(?P<d>weekend|weekday|week ?day)s?\b",
    re.IGNORECASE,
)
_WEEKEND = re.compile(r"周末|双休日|周六日|weekend", re.IGNORECASE)
_WEEKDAY = re.compile(r"工作日|平日|week ?day", re.IGNORECASE)
_DATE_FIELD = re.compile(r"日期|date|\bday\b|时间", re.IGNORECASE)


def day_cases_said(text: str) -> bool:
    """Whether ``text``'s weekend / weekday words head cases on an item's date."""
    heads = [m.group("d") for m in _ZH_HEAD.finditer(text)]
    zh = any(_WEEKEND.search(h) for h in heads) and any(_WEEKDAY.search(h) for h in heads)
    return zh or _EN.search(text) is not None


def without_day_heads(text: str) -> str:
    """``text`` with its weekend / weekday case heads blanked (they say no run schedule)."""
    return _EN.sub(" ", _ZH_HEAD.sub(" ", text))


def date_field(fields: object) -> str:
    """The item's date field among a trigger's ``fields`` ("日期", "看房日期"), else "date"."""
    names = [str(f) for f in fields] if isinstance(fields, (list, tuple)) else []
    return next((n for n in names if _DATE_FIELD.search(n)), "date")


def day_condition(said: str, field: str | None, phrase: str) -> Condition | None:
    """The weekday of ``field`` on a weekend (above 5) or a weekday (5 or below) as ``said``
    names it, or None (also with no date field in play)."""
    if field is None:
        return None
    if _WEEKEND.search(said):
        return Condition(f"weekday_of_{field}", "gt", 5, phrase)
    if _WEEKDAY.search(said):
        return Condition(f"weekday_of_{field}", "lte", 5, phrase)
    return None


def en_day_condition(t: str, field: str | None, phrase: str) -> Condition | None:
    """ "the date picked falls on a weekend": the case on that date's weekday, or None."""
    m = _EN.search(t)
    return day_condition(m.group("d"), field or "date", phrase) if m else None
