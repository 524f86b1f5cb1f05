"""A wait until a time computed from the item: "wait until the day before the appointment",
"two hours after the meeting ends", "an hour before the class starts", "等到预约的前一天",
"会议结束一小时后".

Invariants: only a time said relative to a noun of the item (the start or the end of what
the item is) makes such a wait; the run resumes at that noun's time field moved by the
offset said (``before`` earlier, ``after`` later); the field is named by the noun and the
edge said (start when none is: "the day before the appointment" is its start). A plain
duration ("wait 2 days", "三天后") is no such wait, nor is 最后一天 ("the last day": 最后 is
"last", not "after"). Pure: no I/O, no clock.
"""

from __future__ import annotations

import re

from flowsmith.planner.frame import Wait
from flowsmith.planner.parse_context import EN_COUNT, WAIT_UNIT
from flowsmith.planner.text import zh_number

_EN_N = r"\d+|an?|one|two|three|four|five|six|ten|twelve|24|48"
_EN = re.compile(
    r"(?:\b(?:wait|pause)\s+(?:until|till|til)\s+)?"
    r"(?:\b(?P<n>" + _EN_N + r")\s*(?P<unit>minute|min|hour|hr|day|week)s?|"
    r"\bthe\s+(?P<part>day|night|evening|week))\s+(?P<dir>before|after)\s+"
    r"(?:the|their|his|her|its|each|our|your)\s+(?P<noun>[a-z]+(?:\s+(?!ends?\b|starts?\b|"
    r"begins?\b|finish|is\b|wraps?\b|closes?\b|and\b|to\b|with\b|by\b|send|email|text)[a-z]+)?)"
    r"(?:\s+(?P<edge>ends?|ended|finish\w*|is over|wraps? up|closes?|starts?|begins?))?",
    re.IGNORECASE,
)
_ZH_N = r"\d+|[一二两三四五六七八九十半]+"
_ZH_UNIT = r"分钟|小时|天|周"
_ZH = re.compile(
    r"(?P<noun>[\u4e00-\u9fff]{1,5}?)(?P<edge>开始|结束)?的?"
    r"(?:(?<!最)(?P<dir>前|后)(?P<n>" + _ZH_N + r")\s*个?\s*(?P<unit>" + _ZH_UNIT + r")|"
    r"(?P<n2>" + _ZH_N + r")\s*个?\s*(?P<unit2>" + _ZH_UNIT + r")(?:之|以)?(?P<dir2>前|后))"
)
# words before the item's noun that say when, not what ("等到预约前一天", "在活动结束后")
_ZH_LEAD = re.compile(r"^(?:.*?(?:等到|等|到|在|于|再|就|然后))")
_END = re.compile(r"end|finish|over|wrap|clos|结束", re.IGNORECASE)
_EN_MORE = {"four": 4, "six": 6, "twelve": 12}
_PART_SECONDS = {"day": 86400, "night": 86400, "evening": 86400, "week": 604800}


def relative_wait(text: str) -> Wait | None:
    """The wait until a time relative to the item that ``text`` says, or None."""
    m = _EN.search(text)
    if m is not None and m.group("noun").lower() not in ("it", "that", "this", "last", "next"):
        seconds = _en_seconds(m)
        field = _en_field(m.group("noun"), m.group("edge") or "")
        return _wait(seconds, m.group("dir").lower() == "before", field, m.group(0))
    for z in _ZH.finditer(text):
        noun = _ZH_LEAD.sub("", z.group("noun")).removesuffix("提")  # "提前2小时": ahead
        if len(noun) < 2 or (z.group("n") is None and not z.group("edge")):
            continue  # "三天后": a plain duration, no time of the item
        count, unit = z.group("n") or z.group("n2"), z.group("unit") or z.group("unit2")
        n = 0.5 if count == "半" else float(zh_number(count) or 1)
        edge = z.group("edge") or "开始"
        field = f'$json["{noun}{edge}时间"]'
        before = (z.group("dir") or z.group("dir2")) == "前"
        return _wait(n * WAIT_UNIT[unit], before, field, z.group(0))
    return None


def _en_seconds(m: re.Match[str]) -> float:
    if m.group("part"):
        return float(_PART_SECONDS[m.group("part").lower()])
    count = m.group("n").lower()
    n = int(count) if count.isdigit() else (EN_COUNT | _EN_MORE).get(count, 1)
    return float(n * WAIT_UNIT[m.group("unit").lower()])


def _en_field(noun: str, edge: str) -> str:
    name = re.sub(r"\W+", "_", noun.strip().lower())
    return f"$json.{name}_{'end' if _END.search(edge) else 'start'}"


def _wait(seconds: float, before: bool, field: str, phrase: str) -> Wait:
    move = "minus" if before else "plus"
    until = f"{{{{ DateTime.fromISO({field}).{move}({{ seconds: {seconds:g} }}).toISO() }}}}"
    return Wait(seconds=seconds, phrase=phrase, until=until)
