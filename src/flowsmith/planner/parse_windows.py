"""Time-of-day and weekday windows a request puts on its actions.

"only during business hours (9am-5pm)", "outside working hours", "只在工作日", "周末不要发":
the actions run only when the run's own time falls in the window. A schedule start says the
window in its own timing (its cron's hours and days); any other start is followed by an IF on
``$now.hour`` / ``$now.weekday`` (Luxon's hour 0-23 and ISO weekday 1 = Monday … 7 = Sunday,
which n8n evaluates as written) guarding every action.

Invariants: business (working, office) hours are 9 to 17 unless the request gives its own
range ("9am-5pm", "9点到18点"); a window is read only from its own words (a bare "weekend"
inside a sentence about something else is not taken unless it says when the actions run);
the words of a window are cut from the text the step passes read. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from flowsmith.planner.frame import Branch, Case, CompareOp, Condition, Step, Trigger
from flowsmith.planner.schedule import MONTH_DAYS_LEFT, MONTH_END, MONTH_END_DAYS, Schedule

__all__ = ["Window", "month_end_only", "read_window", "windowed"]

Days = Literal["weekdays", "weekend"]


@dataclass(frozen=True)
class Window:
    days: Days | None
    hours: tuple[int, int] | None  # the first hour in and the first hour out (9, 17)
    outside: bool  # the hours outside ``hours``
    phrase: str
    spans: tuple[tuple[int, int], ...]


_NOT_WEEKEND = re.compile(
    r"\b(?:but\s+)?(?:not|never|no|skip(?:ping)?|except(?:\s+on)?|excluding|"
    r"(?:don'?t|do not|never)\s+\w+(?:\s+\w+)?)\s+(?:on\s+|during\s+|at\s+|over\s+)?"
    r"(?:the\s+)?weekends?\b|"
    r"周末(?:不要|不用|不需要|不|别|除外)\w{0,4}|(?:除了|除去|跳过)周末|非周末|周末休息",
    re.IGNORECASE,
)
# "工作日的不用管", "ignore weekdays", "nothing on weekdays": the weekdays left out say the
# weekend (read before "工作日" alone, which says the weekdays)
_NOT_WEEKDAYS = re.compile(
    r"\b(?:but\s+)?(?:not|never|no|nothing|skip(?:ping)?|ignore|except(?:\s+on)?|excluding)\s+"
    r"(?:on\s+|during\s+)?(?:weekdays|working days|business days|workdays)\b|"
    r"(?:工作日|周一到周五|周一至周五)(?:的|收到的|提交的|来的)?(?:就|则|都)?"
    r"(?:不用管|不用处理|不处理|不管|别管|忽略|跳过|除外|不用理|不要管)",
    re.IGNORECASE,
)
_WEEKDAYS = re.compile(
    r"\b(?:only\s+)?(?:on\s+|during\s+)?(?:weekdays|working days|business days|workdays|"
    r"monday\s+(?:to|through|thru|-)\s+friday|mon-fri)\b|"
    r"(?<!每)(?<!每个)(?:只在|仅在|只|仅)?(?:工作日|周一到周五|周一至周五|星期一到星期五)",
    re.IGNORECASE,
)
_WEEKEND = re.compile(
    r"\b(?:only\s+)?(?:on|during|over|at)\s+(?:the\s+|a\s+)?weekends?\b|"
    # "周末班", "周末场": a noun that 周末 qualifies (a class, a show), no time of the run
    r"(?<!每)(?<!每个)(?:只在|仅在)?周末(?!报|总结|汇总|计划|班|课|场|团|营|票|套餐|版)",
    re.IGNORECASE,
)
_OUTSIDE = re.compile(
    r"\b(?:outside(?:\s+of)?|out\s+of|after)\s+(?:the\s+)?(?:normal\s+)?"
    r"(?:business|working|office|work)\s+hours\b|\bafter[- ]hours\b|\boff[- ]hours\b|"
    r"非(?:工作|上班|办公)时间|(?:工作|上班|办公)时间(?:以外|之外|外)|下班(?:时间|后)",
    re.IGNORECASE,
)
_INSIDE = re.compile(
    r"\b(?:only\s+)?(?:during|in|within)\s+(?:the\s+)?(?:normal\s+)?"
    r"(?:business|working|office|work)\s+hours\b|"
    r"(?:只有在|只在|仅在|在)(?:工作|上班|办公)时间(?:内|里|段)?|(?:工作|上班|办公)时间(?:内|里)",
    re.IGNORECASE,
)
# a range of hours said outright: "9am-5pm", "(9am to 6pm)", "9点到18点", "早上9点至下午6点"
_EN_RANGE = re.compile(
    r"\(?\s*(?:between\s+|from\s+)?(\d{1,2})(?::00)?\s*(am|pm)?\s*(?:-|–|to|until|and)\s*"
    r"(\d{1,2})(?::00)?\s*(am|pm)\s*\)?",
    re.IGNORECASE,
)
_ZH_RANGE = re.compile(
    r"[（(]?\s*(?:从)?(?:早上|上午)?(\d{1,2})点\s*(?:到|至|-|–)\s*(下午|晚上)?(\d{1,2})点\s*[)）]?"
)


# "not on weekends" is read before "weekends" (the negation says weekdays)
_DAY_WORDS: tuple[tuple[re.Pattern[str], Days], ...] = (
    (_NOT_WEEKDAYS, "weekend"),
    (_NOT_WEEKEND, "weekdays"),
    (_WEEKDAYS, "weekdays"),
    (_WEEKEND, "weekend"),
)


def read_window(text: str) -> Window | None:
    """The window ``text`` puts on its actions, or None."""
    spans: list[tuple[int, int]] = []
    days: Days | None = None
    for pattern, said in _DAY_WORDS:
        m = pattern.search(text)
        if m is None or days not in (None, said):
            continue
        # "周末收到的…；工作日的不用管": every word that says the same days is the window's
        if not any(a < m.end() and m.start() < b for a, b in spans):
            days = said
            spans.append(m.span())
    hours: tuple[int, int] | None = None
    outside = False
    m = _OUTSIDE.search(text) or _INSIDE.search(text)
    if m is not None and not any(a <= m.start() < b for a, b in spans):
        outside = bool(_OUTSIDE.fullmatch(m.group(0)))
        hours = (9, 17)
        spans.append(m.span())
        near = _range_near(text, m.end())
        if near is not None:
            hours, span = near
            spans.append(span)
    only = _only_range(text) if hours is None else None
    if only is not None and not any(a <= only[1][0] < b for a, b in spans):
        hours, span = only  # "…, but only between 8am and 10pm", "但只在早上9点到晚上6点之间"
        spans.append(span)
    if days is None and hours is None:
        return None
    phrase = " ".join(text[a:b].strip(" ,，") for a, b in sorted(spans))
    return Window(days, hours, outside, phrase, tuple(sorted(spans)))


def _range_near(text: str, end: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """A range of hours said right after the window's words, and where."""
    tail = text[end : end + 30]
    m = _EN_RANGE.match(tail.lstrip(" ,:")) if tail else None
    lead = len(tail) - len(tail.lstrip(" ,:"))
    if m is not None:
        start = _hour(int(m.group(1)), m.group(2) or ("pm" if int(m.group(1)) < 7 else "am"))
        stop = _hour(int(m.group(3)), m.group(4))
        return (start, stop), (end + lead + m.start(), end + lead + m.end())
    z = _ZH_RANGE.match(tail.lstrip(" ,:，"))
    lead = len(tail) - len(tail.lstrip(" ,:，"))
    if z is not None:
        stop = int(z.group(3)) + (12 if z.group(2) and int(z.group(3)) < 12 else 0)
        return (int(z.group(1)), stop), (end + lead + z.start(), end + lead + z.end())
    return None


# a range of hours said as the only time the actions run: "but only between 8am and 10pm",
# "only from 9am to 6pm", "但只在早上9点到晚上6点之间", "不过仅在9点到18点"
_ONLY = re.compile(
    r"(?:\s*[,，]\s*)?(?:\bbut\s+|但是?|不过)?(?:\bonly\b|\bjust\b|只在|仅在|只有在|只)\s*"
    r"(?=(?:between|from|during)?\s*\d|(?:从)?(?:早上|上午)?\d)",
    re.IGNORECASE,
)


def _only_range(text: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The hours of an "only between … and …" range and its words' span, or None."""
    for m in _ONLY.finditer(text):
        found = _range_near(text, m.end())
        if found is None:
            continue
        hours, (_, end) = found
        tail = re.match(r"\s*(?:之间|以内|内|期间)?", text[end:])
        return hours, (m.start(), end + (tail.end() if tail else 0))
    return None


def _hour(h: int, half: str) -> int:
    if half.lower() == "pm" and h < 12:
        return h + 12
    return 0 if half.lower() == "am" and h == 12 else h


def cut_window(text: str, window: Window) -> str:
    """``text`` without the window's words (the steps passes never see them)."""
    out, last = [], 0
    for a, b in window.spans:
        if a >= last:
            out.append(text[last:a])
            last = b
    out.append(text[last:])
    return re.sub(r"\s*[,，]\s*(?=[,，.。]|$)", "", " ".join("".join(out).split())).strip()


def windowed(trigger: Trigger, steps: list[Step], window: Window) -> tuple[Trigger, list[Step]]:
    """The start and steps with the window applied: in a schedule's timing when it can say
    it, else as IFs on the run's time guarding every step."""
    if trigger.kind == "schedule":
        trigger, window = _in_schedule(trigger, window)
    for cond in reversed(_conditions(window)):
        steps = [Branch((Case(cond, tuple(steps)),), cond.phrase)]
    return trigger, steps


def month_end_only(trigger: Trigger, steps: list[Step], text: str) -> list[Step]:
    """A schedule on the month's last day runs on days 28-31 (n8n's cron has no "L"); its
    steps go behind an IF that holds only when no day of the month is left."""
    cron = str(trigger.params.get("cron") or "").split()
    said = MONTH_END.search(text)
    if trigger.kind != "schedule" or cron[2:3] != [MONTH_END_DAYS] or said is None:
        return steps
    cond = Condition(MONTH_DAYS_LEFT, "eq", 0, said.group(0))
    return [Branch((Case(cond, tuple(steps)),), cond.phrase)]


def _conditions(window: Window) -> list[Condition]:
    out: list[Condition] = []
    if window.hours is not None:
        lo, hi = window.hours
        # whole hours: "9 to 17" is hours 9 … 16
        op: CompareOp = "outside" if window.outside else "between"
        out.append(Condition("$now.hour", op, (lo, hi - 1), window.phrase))
    if window.days == "weekdays":
        out.append(Condition("$now.weekday", "lte", 5, window.phrase))
    elif window.days == "weekend":
        out.append(Condition("$now.weekday", "gte", 6, window.phrase))
    return out


def _in_schedule(trigger: Trigger, window: Window) -> tuple[Trigger, Window]:
    """The schedule restricted to the window's days (and hours, when it runs at least hourly
    and the hours are inside one range); what it cannot say is left in the window."""
    try:
        sched = Schedule.model_validate(trigger.params)
    except ValueError:
        return trigger, window
    hourly = sched.kind == "interval" and sched.minutes and 60 % sched.minutes == 0
    if hourly and sched.minutes:
        minute = "0" if sched.minutes == 60 else f"*/{sched.minutes}"
        fields = [minute, "*", "*", "*", "*"]
    elif sched.kind == "cron" and sched.cron and len(sched.cron.split()) == 5:
        fields = sched.cron.split()
    else:
        return trigger, window
    hours, outside = window.hours, window.outside
    if hours is not None and not outside and fields[1] == "*":
        fields[1] = f"{hours[0]}-{hours[1] - 1}"
        hours = None
    elif hours is not None and fields[1] != "*":
        hours = None  # a run at a fixed hour: the hours are its own
    days = window.days
    said = "1-5" if days == "weekdays" else "0,6"
    if days is not None and fields[4] in ("*", said):
        fields[4] = said
        days = None
    params = {k: v for k, v in trigger.params.items() if k not in ("kind", "minutes", "cron")}
    params |= {"kind": "cron", "cron": " ".join(fields)}
    rest = Window(days, hours, outside, window.phrase, window.spans)
    return Trigger(kind="schedule", params=params, phrase=trigger.phrase), rest
