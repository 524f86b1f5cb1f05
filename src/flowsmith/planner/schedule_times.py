"""Several clock times a day in one run ("8am and 8pm", "10am, 2pm and 4pm", "每天早上7点和晚上
9点", "12点、18点"): the hours one schedule fires at.

Invariant: a list is two or more clock times joined only by list words (",", "and", "&",
"和", "、", "及", "与", "跟"), all at the same minute; a window ("between 9am and 5pm",
"from 8 to 6", "8点到20点") is no list. Pure.
"""

from __future__ import annotations

import re

from flowsmith.planner.text import zh_number

_EN_CLOCK = r"(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)|(\d{1,2}):(\d{2})(?![\d:])"
_EN_ONE = re.compile(_EN_CLOCK, re.IGNORECASE)
_EN_JOIN = r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)(?:at\s+)?"
_EN_LIST = re.compile(rf"(?:{_EN_CLOCK})(?:{_EN_JOIN}(?:{_EN_CLOCK}))+", re.IGNORECASE)
_ZH_PARTS = r"凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|夜里"
_ZH_CLOCK = (
    rf"(?:{_ZH_PARTS})?\s*(?:\d{{1,2}}|[一二两三四五六七八九十]+)\s*(?:点|时(?!间)|[:：])"
    r"\s*(?:半|\d{1,2}\s*分?)?"
)
_ZH_ONE = re.compile(
    rf"({_ZH_PARTS})?\s*(\d{{1,2}}|[一二两三四五六七八九十]+)\s*(?:点|时(?!间)|[:：])"
    r"\s*(半|(\d{1,2})\s*分?)?"
)
_ZH_LIST = re.compile(rf"{_ZH_CLOCK}(?:\s*[和、及与跟,，]\s*(?:再)?{_ZH_CLOCK})+")
_WINDOW_BEFORE = re.compile(r"(?:\bbetween|\bfrom|从|在)\s*$", re.IGNORECASE)
_LATE = ("下午", "傍晚", "晚上", "夜里")


def clock_hours(text: str) -> tuple[int, list[int]] | None:
    """(minute, sorted hours) of the first list of clock times in ``text``, or None."""
    for m in _EN_LIST.finditer(text):
        if _WINDOW_BEFORE.search(text[: m.start()]):
            continue
        found = _same_minute([_en_one(t) for t in _EN_ONE.finditer(m.group(0))])
        if found:
            return found
    for m in _ZH_LIST.finditer(text):
        if _WINDOW_BEFORE.search(text[: m.start()]):
            continue
        found = _same_minute([_zh_one(t) for t in _ZH_ONE.finditer(m.group(0))])
        if found:
            return found
    return None


def _same_minute(times: list[tuple[int, int] | None]) -> tuple[int, list[int]] | None:
    said = [t for t in times if t is not None]
    if len(said) < 2 or len(said) != len(times) or len({m for _, m in said}) != 1:
        return None
    hours = sorted({h for h, _ in said})
    return (said[0][1], hours) if len(hours) > 1 else None


def _en_one(m: re.Match[str]) -> tuple[int, int] | None:
    hour = int(m.group(1) or m.group(4))
    minute = int(m.group(2) or m.group(5) or 0)
    suffix = (m.group(3) or "").lower().replace(".", "")
    if suffix == "pm" and hour < 12:
        hour += 12
    elif suffix == "am" and hour == 12:
        hour = 0
    return (hour % 24, minute) if hour <= 24 and minute <= 59 else None


def _zh_one(m: re.Match[str]) -> tuple[int, int] | None:
    hour = zh_number(m.group(2))
    if hour is None or hour > 24:
        return None
    if (m.group(1) or "") in _LATE and hour < 12:
        hour += 12
    minute = 30 if m.group(3) == "半" else int(m.group(4) or 0)
    return (hour % 24, minute) if minute <= 59 else None
