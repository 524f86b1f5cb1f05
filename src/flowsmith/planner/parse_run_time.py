"""Whether words say when a flow runs (a schedule or a clock time), a window of hours said
for the actions set aside: "晚上11点到早上7点之间的消息" or "between 11pm and 7am" says which
items the actions take, not a run at 11pm.

Invariants: only a range of two clock times is set aside (with its "之间"/"期间"); a period
said with it ("每天早上9点到下午5点之间每小时") still says a run. Pure.
"""

from __future__ import annotations

import re

from flowsmith.planner.parse_context import TOKEN
from flowsmith.planner.schedule import clock_schedule, parse_schedule

__all__ = ["says_run_time", "without_hour_windows"]

_PART_ZH = r"(?:第二天|次日|隔天)?(?:早上|上午|中午|下午|晚上|傍晚|凌晨|夜里|半夜)?"
_CLOCK_ZH = r"\d{1,2}(?:[:：]\d{2}|点(?:半|\d{1,2}分?)?)"
_CLOCK_EN = r"\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)"
_WINDOW = re.compile(
    rf"(?:从)?{_PART_ZH}{_CLOCK_ZH}\s*(?:到|至|-|–|~)\s*{_PART_ZH}{_CLOCK_ZH}"
    r"(?:之间|期间|这段时间)?|"
    rf"\b(?:between|from)\s+(?:{_CLOCK_EN}|\d{{1,2}}(?::\d{{2}})?)\s+(?:and|to|until|till)\s+"
    rf"{_CLOCK_EN}|\b{_CLOCK_EN}\s*(?:-|–|to)\s*{_CLOCK_EN}",
    re.IGNORECASE,
)


def without_hour_windows(text: str) -> str:
    """``text`` with each range of two clock times blanked."""
    return _WINDOW.sub(" ", text)


def says_run_time(text: str) -> bool:
    """Whether ``text`` says a schedule or a clock time outside any window of hours."""
    said = without_hour_windows(TOKEN.sub(" ", text))
    return parse_schedule(said) is not None or clock_schedule(said) is not None
