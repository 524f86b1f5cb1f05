"""Parts of the day that head cases rather than guard every action: "如果在上班时间（9点到18点）
就发钉钉，下班时间就发短信", "after 6pm message me on Telegram, during the day post it on Slack".

When the request names both a part of the day and its complement, each with its own action,
the words are no window on the whole workflow (parse_windows): each is a case on the run's
hour (``$now.hour``), read here as a condition.

Invariants: :func:`hour_cases_said` holds only when two heads of opposite sides are said
(working hours and after hours, an hour bound and the day or night, or a part of the day and
"其他时间"/"otherwise"); :func:`period_condition` reads a whole head only (the words, an
optional "在/是/it's" before them, an optional range in brackets after them) and returns a
whole-hour condition: working hours are 9 to 18 unless a range is said, the day 8 to 18, a
bound "after 6pm" the hours from 18 on. Pure: no I/O, no clock.
"""

from __future__ import annotations

import re

from flowsmith.planner.frame import CompareOp, Condition

# working hours, optionally with their range: "上班时间（9点到18点）", "business hours (9-6)"
_WORK = (
    r"(?:(?:during|in|within)\s+)?(?:the\s+)?(?:business|office|working|work)\s+hours|"
    r"(?:工作|上班|办公)时间(?:内|里|段)?|上班期间"
)
_OFF = (
    r"(?:outside(?:\s+of)?|out\s+of)\s+(?:the\s+)?(?:business|office|working|work)\s+hours|"
    r"after[- ]hours|off[- ]hours|非(?:工作|上班|办公)时间|(?:工作|上班|办公)时间(?:以外|之外|外)|"
    r"下班(?:时间|以后|后)"
)
_DAY = r"(?:during\s+)?the\s+day(?:time)?|daytime|白天"
_NIGHT = r"(?:at\s+)?night|overnight|晚上|夜里|夜间"
# an hour bound: "after 6pm", "before 9am", "晚上6点后", "18点以后"
_BOUND_EN = r"(?P<ew>after|before|past)\s+(?P<eh>\d{1,2})(?::00)?\s*(?P<ea>am|pm)"
_BOUND_ZH = (
    r"(?P<zp>早上|上午|下午|晚上)?(?P<zh>\d{1,2})(?:点|:00|：00)(?P<zw>以后|之后|后|以前|之前|前)"
)
_RANGE = (
    r"\s*[（(]\s*(?:从)?(?P<a>\d{1,2})(?:点|:00|am|pm)?\s*(?:到|至|-|–|to)\s*"
    r"(?P<b>\d{1,2})(?:点|:00|\s*pm)?\s*[)）]"
)
_LEAD = r"^\s*(?:(?:if|when)\s+)?(?:(?:it(?:'s|\s+is)|we(?:'re|\s+are))\s+)?(?:是|在)?\s*"
_HEAD = re.compile(
    _LEAD + rf"(?:(?P<work>{_WORK})(?:{_RANGE})?|(?P<off>{_OFF})|(?P<day>{_DAY})|"
    rf"(?P<night>{_NIGHT})|{_BOUND_EN}|{_BOUND_ZH})\s*$",
    re.IGNORECASE,
)
_OTHER_TIMES = r"其[它他余]时间|别的时间|其余时[间候]|at other times|the rest of the time|otherwise"
_SIDES = (
    re.compile(rf"{_WORK}|{_DAY}", re.IGNORECASE),
    re.compile(rf"{_OFF}|{_NIGHT}|{_BOUND_EN}|{_BOUND_ZH}|{_OTHER_TIMES}", re.IGNORECASE),
)


def hour_cases_said(text: str) -> bool:
    """Whether ``text`` heads cases with a part of the day and its complement."""
    inside, outside = (side.search(text) for side in _SIDES)
    return inside is not None and outside is not None and _heads_apart(text, inside, outside)


def _heads_apart(text: str, a: re.Match[str], b: re.Match[str]) -> bool:
    """The two heads stand in different clauses (a mark between them)."""
    lo, hi = sorted((a, b), key=lambda m: m.start())
    return re.search(r"[,;.，；。]", text[lo.end() : hi.start()]) is not None


def period_condition(t: str, phrase: str) -> Condition | None:
    """The run's hour in the part of the day ``t`` names, or None."""
    m = _HEAD.match(t.strip())
    if m is None:
        return None
    if m.group("work"):
        lo, hi = (int(m.group("a")), int(m.group("b"))) if m.group("a") else (9, 18)
        hi += 12 if hi <= lo else 0  # "9-6": six in the evening
        return Condition("$now.hour", "between", (lo, hi - 1), phrase)
    if m.group("off"):
        return Condition("$now.hour", "outside", (9, 17), phrase)
    if m.group("day"):
        return Condition("$now.hour", "between", (8, 17), phrase)
    if m.group("night"):
        return Condition("$now.hour", "outside", (6, 21), phrase)
    return _bound(m, phrase)


def _bound(m: re.Match[str], phrase: str) -> Condition | None:
    """ "after 6pm" -> hour at least 18; "before 9am" -> hour below 9."""
    if m.group("ew"):
        hour, half, after = int(m.group("eh")), m.group("ea").lower(), m.group("ew") != "before"
    elif m.group("zh"):
        hour, after = int(m.group("zh")), "后" in m.group("zw")
        half = "pm" if m.group("zp") in ("下午", "晚上") else "am"
    else:
        return None
    if half == "pm" and hour < 12:
        hour += 12
    if not 0 < hour < 24:
        return None
    op: CompareOp = "gte" if after else "lt"
    return Condition("$now.hour", op, hour, phrase)


_HEAD_FIRST = re.compile(
    _LEAD + rf"(?:{_WORK}|{_OFF}|{_DAY}|{_NIGHT}|{_BOUND_EN}|{_BOUND_ZH})(?:{_RANGE})?"
    r"(?![a-z0-9])",
    re.IGNORECASE,
)


def period_head(clause: str, text: str) -> tuple[Condition, str] | None:
    """(the hour condition, the action) of a clause led by a part of the day ("after hours
    text me via Twilio", "白天发钉钉") while ``text`` heads cases with the day's parts."""
    m = _HEAD_FIRST.match(clause)
    if m is None or not clause[m.end() :].strip(" ,，") or not hour_cases_said(text):
        return None
    cond = period_condition(m.group(0), m.group(0).strip())
    rest = re.sub(r"^[\s,，]*(?:就|则|then\b)?\s*", "", clause[m.end() :], flags=re.IGNORECASE)
    return (cond, rest) if cond is not None else None
