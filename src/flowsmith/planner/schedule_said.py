"""What a message says about a schedule besides the schedule itself.

* :func:`without_replaced`: the old schedule a change names as the one going away ("… instead
  of every day", "rather than weekly", "而不是每天", "不要每天跑了", "从每天改成…") is cut
  out, so only the new schedule is read. Only a phrase that starts with a schedule word is
  cut: "instead of Slack, every day" keeps "every day".
* :func:`says_time`: whether the text names a clock time or a part of the day; a new schedule
  that names none keeps the old trigger's time.

Pure: no I/O.
"""

from __future__ import annotations

import re

_EN_DAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)days?\b"
_EN_SCHEDULE_START = (
    r"(?=every\b|each\b|daily\b|hourly\b|weekly\b|monthly\b|nightly\b|once\b|twice\b|"
    r"(?:on\s+)?" + _EN_DAY + r")"
)
_EN_REPLACED = re.compile(
    r"\b(?:instead\s+of|rather\s+than|in\s+place\s+of)\s+(?:(?:running|being|the)\s+)?"
    + _EN_SCHEDULE_START
    + r"[^,.;!?\n]*"
    r"|\bfrom\s+" + _EN_SCHEDULE_START + r"[^,.;!?\n]*?(?=\s+to\b)",
    re.IGNORECASE,
)
_ZH_SCHEDULE_START = r"(?=每|隔|天天|(?:周|星期|礼拜)[一二三四五六日天])"
_ZH_REPLACED = re.compile(
    r"(?:而不是|不要再?|不再|别再?)\s*" + _ZH_SCHEDULE_START + r"[^，,。；;！!？?\n]*"
    r"|从\s*" + _ZH_SCHEDULE_START + r"[^，,。；;！!？?\n]*?(?=改|换|变)"
)

_EN_TIME_SAID = re.compile(
    r"\b(?:at|by|around)\s+\d{1,2}\b|\b\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)|"
    r"\b\d{1,2}:\d{2}\b|\b(?:noon|midday|midnight|morning|afternoon|evening|night|nightly)\b",
    re.IGNORECASE,
)
_ZH_TIME_SAID = re.compile(
    r"(?:\d{1,2}|[一二两三四五六七八九十]+)\s*(?:点|时(?!间))|\d{1,2}\s*[:：]\s*\d{2}|"
    r"凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|夜里|每晚|每早"
)


def without_replaced(text: str) -> str:
    """``text`` with the schedule it says is being replaced blanked out (same length)."""
    for pattern in (_EN_REPLACED, _ZH_REPLACED):
        text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    return text


def says_time(text: str) -> bool:
    """Whether ``text`` (less any replaced schedule) names a clock time or a part of day."""
    said = without_replaced(text)
    return bool(_EN_TIME_SAID.search(said) or _ZH_TIME_SAID.search(said))
