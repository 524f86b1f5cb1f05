"""Conditions said as a situation rather than as ``field op value``.

"if it's at night (between 23:00 and 06:00)" -> the run's hour outside 6…22; "if it rains",
"要下雨" -> the weather says rain; "if the parent asked for a call back" -> ``call_back`` is
true; "消息里只要有'买'字" -> the text contains 买.

Invariants: each reader needs its whole construction (a time range, a weather word with a
verb of weather, "asked/requested … for a <thing>", a quoted character with 字) and returns
None otherwise, so ordinary comparisons never reach it; the hour ranges are whole hours, a
range that wraps past midnight is the complement of the hours it leaves out. Pure: no I/O,
no clock.
"""

from __future__ import annotations

import re

from flowsmith.planner.frame import CompareOp, Condition
from flowsmith.planner.parse_hour_cases import period_condition

_EN_HOURS = re.compile(
    r"^(?:it(?:'s|\s+is)\s+)?(?:at\s+night|night[- ]?time|during\s+the\s+night|overnight|"
    r"late|early)?\s*\(?\s*(?:between|from)\s+(\d{1,2})(?::\d\d)?\s*(am|pm)?\s+(?:and|to|-)\s+"
    r"(\d{1,2})(?::\d\d)?\s*(am|pm)?\s*\)?$",
    re.IGNORECASE,
)
_EN_NIGHT = re.compile(r"^(?:it(?:'s|\s+is)\s+)?(?:at\s+night|night[- ]?time|overnight)$", re.I)
_ZH_HOURS = re.compile(
    r"^(?:是|在)?(?:晚上|夜里|夜间|半夜)?[（(]?(?:在)?(?:晚上|夜里)?(\d{1,2})(?:点|:00|：00)"
    r"(?:到|至|-|~)(?:第二天|次日)?(?:早上|凌晨|上午)?(\d{1,2})(?:点|:00|：00)(?:之间)?[）)]?$"
)
_ZH_NIGHT = re.compile(r"^(?:是|在)?(?:晚上|夜里|夜间|半夜)$")


def hours_condition(t: str, phrase: str) -> Condition | None:
    """The run's hour inside a range said ("between 23:00 and 06:00", "晚上11点到早上6点")."""
    m = _EN_HOURS.match(t.strip())
    if m is not None:
        lo = _hour(int(m.group(1)), m.group(2))
        hi = _hour(int(m.group(3)), m.group(4))
    else:
        z = _ZH_HOURS.match(t.strip())
        if z is None:
            night = _EN_NIGHT.match(t.strip()) or _ZH_NIGHT.match(t.strip())
            return _range(22, 6, phrase) if night else None
        lo, hi = int(z.group(1)), int(z.group(2))
        if "晚上" in t and lo < 12:
            lo += 12
    return _range(lo, hi, phrase)


def _hour(h: int, half: str | None) -> int:
    if half and half.lower() == "pm" and h < 12:
        return h + 12
    return 0 if half and half.lower() == "am" and h == 12 else h


def _range(lo: int, hi: int, phrase: str) -> Condition | None:
    if lo == hi or not (0 <= lo < 24 and 0 <= hi <= 24):
        return None
    if lo < hi:  # whole hours: 9 to 17 is hours 9 … 16
        return Condition("$now.hour", "between", (lo, hi - 1), phrase)
    op: CompareOp = "outside"  # 23 to 6 wraps midnight: every hour but 6 … 22
    return Condition("$now.hour", op, (hi, lo - 1), phrase)


_EN_WEATHER = re.compile(
    r"^(?:it(?:'s|\s+is)?\s+(?:going\s+to\s+|gonna\s+|will\s+|might\s+|expected\s+to\s+)?"
    r"(?P<a>rain|snow|hail|storm)(?:s|ing|y)?|(?:there(?:'s|\s+is)\s+)?"
    r"(?P<b>rain|snow|hail|a\s+storm|storms?|thunderstorms?)\s+(?:is\s+|are\s+)?"
    r"(?:forecast|expected|predicted|coming|on\s+the\s+way))(?:\s+(?:today|tomorrow))?$",
    re.IGNORECASE,
)
_ZH_WEATHER = re.compile(
    r"^(?:要是?|如果|若是?|会|预报(?:说|有)?|明天|今天)*(?:下|有)(?P<w>雨|雪|冰雹|暴雨|大雨|雷阵雨|雷雨)$"
)


def weather_condition(t: str, phrase: str) -> Condition | None:
    """ "it rains", "rain is forecast", "要下雨" -> the weather mentions rain."""
    m = _EN_WEATHER.match(t.strip())
    if m is not None:
        word = (m.group("a") or m.group("b")).lower().split()[-1].rstrip("s")
        return Condition("weather", "contains", word, phrase)
    z = _ZH_WEATHER.match(t.strip())
    if z is not None:
        return Condition("weather", "contains", z.group("w")[-1], phrase)
    return None


_ASKED_FOR = re.compile(
    r"\b(?:asked|asks|requested|requests|wants|wanted|would\s+like)\s+(?:for\s+|to\s+(?:get|have)\s+)?"
    r"(?:a\s+|an\s+|the\s+|some\s+)?(?P<x>[a-z][a-z-]*(?:\s+(?:back|up|call|demo|visit|quote))?)$",
    re.IGNORECASE,
)


def asked_condition(t: str, phrase: str) -> Condition | None:
    """ "the parent asked for a call back" -> ``call_back`` is true (the thing asked for)."""
    m = _ASKED_FOR.search(t.strip())
    if m is None:
        return None
    return Condition(re.sub(r"\W+", "_", m.group("x").lower()), "is_true", None, phrase)


_HAS_CHAR = re.compile(
    r"(?:里|中|内)?(?:只要|要是|如果)?(?:有|含有|包含|带有?|出现)(?:了)?[“\"'‘「]"
    r"(?P<w>[^”\"'’」]{1,8})[”\"'’」](?:这个|这个?)?(?:字|词|两个字|关键词)$"
)


def has_text_condition(t: str, phrase: str) -> Condition | None:
    """ "消息里只要有'买'字" -> the text contains 买."""
    m = _HAS_CHAR.search(t.strip())
    return Condition("text", "contains", m.group("w"), phrase) if m else None


_ACCEPTED = re.compile(
    r"(?:\b(?:accepted|accepts|agreed\s+to|agree\s+to|consented\s+to|consent\s+to)\s+"
    r"(?:receive\s+|receiving\s+|get\s+|getting\s+)?(?:the\s+|our\s+)?"
    r"(?P<x>[a-z][a-z]*(?:\s+[a-z]+)?)|(?:同意|接受|允许)(?:接收|接受|收到)?(?P<z>[\u4e00-\u9fff]{2,6}?))"
    r"(?:\s*(?:emails?|messages?|texts?)|信息|消息|短信|邮件)?$",
    re.IGNORECASE,
)


def accepted_condition(t: str, phrase: str) -> Condition | None:
    """ "who accepted marketing" -> ``accepts_marketing`` is true; "同意接收营销信息的" -> the
    same on 营销."""
    m = _ACCEPTED.search(t.strip())
    if m is None:
        return None
    said = (m.group("x") or m.group("z") or "").strip().lower()
    return Condition("accepts_" + re.sub(r"\W+", "_", said), "is_true", None, phrase)


# "Parties of 8 or more", "groups of 10+", "bookings for 6 people or more": how many people
_GROUP_OF = re.compile(
    r"^(?:the\s+|any\s+|all\s+)?(?P<n>part(?:y|ies)|groups?|tables?|teams?|bookings?|"
    r"reservations?)\s+(?:of|for)\s+(?P<v>\d+)\s*(?:people|persons|guests|diners)?\s*"
    r"(?P<op>or\s+more|or\s+over|or\s+above|and\s+(?:up|over|above)|\+|or\s+fewer|or\s+less|"
    r"or\s+under)\s*(?:people|persons|guests|diners)?$",
    re.IGNORECASE,
)


def group_size_condition(t: str, phrase: str) -> Condition | None:
    """ "Parties of 8 or more" -> ``party_size`` at least 8 (the count of people, not an
    amount of money)."""
    m = _GROUP_OF.match(t.strip())
    if m is None:
        return None
    noun = m.group("n").lower()
    noun = "party" if noun.startswith("part") else noun.rstrip("s")
    op: CompareOp = "lte" if re.search(r"fewer|less|under", m.group("op"), re.I) else "gte"
    return Condition(f"{noun}_size", op, int(m.group("v")), phrase)


# "工作年限5年以上", "年龄60岁以下", "人数10人及以上": a field, a number with its unit, a side
_ZH_UNIT_SIDE = re.compile(
    r"^(?P<f>[\u4e00-\u9fff]{2,6}?)(?:在|是|为)?(?P<v>\d+(?:\.\d+)?)\s*"
    r"(?:年|个月|月|周|天|小时|分钟|岁|人|次|个|件|分|元|块)?"
    r"(?P<side>及以上|或以上|以上|及以下|或以下|以下|以内)$"
)


def zh_unit_condition(t: str, phrase: str) -> Condition | None:
    """ "工作年限5年以上" -> 工作年限 at least 5 (以上 said of a count of years)."""
    m = _ZH_UNIT_SIDE.match(t.strip())
    if m is None:
        return None
    side = m.group("side")
    op: CompareOp = "gte" if "上" in side else "lte"
    value = float(m.group("v")) if "." in m.group("v") else int(m.group("v"))
    return Condition(m.group("f"), op, value, phrase)


def said_condition(t: str, phrase: str) -> Condition | None:
    """A situation's condition (hours, weather, a thing asked for, a word said), else None."""
    return (
        group_size_condition(t, phrase)
        or hours_condition(t, phrase)
        or period_condition(t, phrase)
        or weather_condition(t, phrase)
        or asked_condition(t, phrase)
        or has_text_condition(t, phrase)
        or accepted_condition(t, phrase)
    )


def event_said(t: str, phrase: str) -> Condition | None:
    """A condition said inside a trigger's words: a word the message has ("消息里只要有'买'字")
    or, in the phrase's last sentence, a party size ("… via a Jotform. Parties of 8 or more")."""
    last = re.split(r"[.。;；!?！？]\s*", t.strip().rstrip(".。"))[-1]
    return has_text_condition(t, phrase) or group_size_condition(last, phrase)


_BELOW_ZERO = re.compile(r"零下\s*(?=\d)|\bminus\s+(?=\d)", re.IGNORECASE)


def below_zero(text: str) -> str:
    """ "零下10度", "minus 10 degrees" -> "-10度", "-10 degrees"."""
    return _BELOW_ZERO.sub("-", text)
