"""Recognise schedules ("every hour", "每天 9点", "daily at 9am", cron) and describe them.

A schedule is either a fixed interval in minutes or a five-field cron expression; the
planner keeps this small shape in its plan and turns it into the catalog's parameters
only when it builds the node, so the plan stays independent of parameter spelling.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel

from flowsmith.planner.schedule_said import without_replaced
from flowsmith.planner.schedule_times import clock_hours
from flowsmith.planner.text import Lang, zh_number


class Schedule(BaseModel):
    """``interval``: every ``minutes`` minutes (>= 1); ``cron``: ``cron`` is five fields.
    ``weeks`` (>= 2, cron on one weekday only): the run is every ``weeks`` weeks on that day,
    which no cron can say ("every other Monday")."""

    kind: Literal["interval", "cron"]
    minutes: int | None = None
    cron: str | None = None
    weeks: int | None = None


HOURLY = Schedule(kind="interval", minutes=60)
DAILY_9 = Schedule(kind="cron", cron="0 9 * * *")

_EN_NUM = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_EN_NUM |= {"ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30}
_UNIT_MIN = {"minute": 1, "min": 1, "hour": 60, "hr": 60, "h": 60, "day": 1440, "week": 10080}
_ZH_UNIT_MIN = {"分钟": 1, "分": 1, "小时": 60, "钟头": 60, "刻钟": 15, "天": 1440, "日": 1440}
# English day names, Sunday first (cron numbers them 0-6 in this order)
DAY_NAMES_EN = ("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday")
_DOW_EN = list(DAY_NAMES_EN)
_DOW_ZH = {"日": 0, "天": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6}

_CRON = re.compile(r"(?<![\w*/,-])((?:[\d*/,-]+\s+){4}[\d*/,-]+)(?![\w*/,-])")
_EN_EVERY = re.compile(
    r"\bevery\s+(\d+|a|an|one|two|three|four|five|six|ten|twelve|fifteen|twenty|thirty)?\s*"
    r"(minute|min|hour|hr|h|day|week)s?\b",
    re.IGNORECASE,
)
_EN_HALF_HOUR = re.compile(r"\b(every|each)\s+half[- ](an[- ])?hour\b", re.IGNORECASE)
_EN_QUARTER_HOUR = re.compile(
    r"\b(?:every|each)\s+quarter[- ](?:of[- ]an[- ])?hour\b|\bquarter[- ]hourly\b", re.IGNORECASE
)
# "every other day": every second day ("every other week" is read as weekly: a cron has no
# fortnight)
_EN_OTHER_DAY = re.compile(r"\b(?:every|each)\s+(?:other|second)\s+day\b", re.IGNORECASE)
_EN_HOURLY = re.compile(r"\b(hourly|each hour|per hour|once an hour)\b", re.IGNORECASE)
_EN_TIMES_A_DAY = re.compile(
    r"\b(twice|two times|three times|four times) (?:a|per|each) day\b|\btwice daily\b", re.I
)
_TIMES = {"twice": 2, "two times": 2, "three times": 3, "four times": 4}
_EN_DAILY = re.compile(
    r"\b(daily|every\s?day|each day|every (morning|evening|night)|each (morning|evening|night)|"
    r"nightly|in the (morning|evening)|once (?:a|per|each) day)\b",
    re.IGNORECASE,
)
# "every weekday", "each school morning", "on business days": the days people work or teach
_EN_WEEKDAYS = re.compile(
    r"\b(every weekday|on weekdays|weekdays|(?:every|each|on)\s+(?:school|work|working|business)"
    r"[ -]?(?:day|morning|evening|afternoon|night)s?)\b",
    re.IGNORECASE,
)
_EN_DAY = r"(?:" + "|".join(_DOW_EN) + r")s?"
# a run of weekdays ("Tuesdays and Thursdays", "Monday, Wednesday & Friday"); it is a
# schedule when "every"/"each"/"on" leads it, a plural opens a clause, or a clock time follows it
# ("Monday 10am, …", "monday 9:30 - …"), never a bare day name in the middle of content
# ("the Monday report")
_EN_DOW = re.compile(
    r"(?P<lead>\b(?:(?:every|each)(?:\s+(?:other|second))?|on)\s+|(?:^|[,;:])\s*)?\b(?P<days>"
    + _EN_DAY
    + r"(?:\s*(?:,|&|/|\band\b)\s*"
    r"(?:on\s+)?" + _EN_DAY + r")*)\b(?P<clock>,?\s*(?:at\s+\d{1,2}(?:[:.]\d{2})?|"
    r"\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)|\d{1,2}:\d{2}(?![\d:])))?",
    re.IGNORECASE,
)
# "the weekly triage sheet": after an article or possessive, "weekly" names a thing
_EN_WEEKLY = re.compile(
    r"(?<!\bthe )(?<!\bour )(?<!\bmy )(?<!\bthis )\b(weekly|every week|each week|once a week)\b",
    re.IGNORECASE,
)
_EN_MONTHLY = re.compile(r"\b(monthly|every month|each month|once a month)\b", re.IGNORECASE)
# "on the last day of every month", "at month end", "每月最后一天", "月底": cron has no "last
# day" n8n's cron reads, so the schedule runs on days 28-31 and an IF keeps the last one
_EN_MONTH_END = (
    r"\blast\s+day\s+of\s+(?:the|every|each|a)\s+month\b|\bend\s+of\s+(?:every|each)\s+month\b|"
    r"\bevery\s+month[- ]end\b"
)
_ZH_MONTH_END = r"每个?月的?(?:最后一天|月底|月末|底)|每(?:到|逢)月底|每月末"
MONTH_END = re.compile(f"{_EN_MONTH_END}|{_ZH_MONTH_END}", re.IGNORECASE)
MONTH_END_DAYS = "28-31"
# the field an IF tests to keep only the month's last day (0 then; see compile_state.field_ref)
MONTH_DAYS_LEFT = "$now.days_left_in_month"
# "on the 15th (of every month)", "every month on the 3rd", "on day 15": the day of the month
_EN_MONTH_DAY = re.compile(
    r"\b(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)\b|\bday\s+(\d{1,2})\b", re.IGNORECASE
)
# "around 8", "about 11-ish": an hour said roughly, never a count of things ("about 5 items")
_ROUGH = (
    r"\d{1,2}(?:[:.]\d{2})?(?:\s*(?:am|pm|a\.m\.|p\.m\.|o'clock)|-?ish)?(?![\w%$])"
    r"(?!\s+(?:[a-z]{2,}s|hour|minute|day|week|month|year|item|person|time)\b)"
)
_EN_TIME = re.compile(
    r"\b(?:(?:at\s+(?:about\s+|around\s+)?|(?:around|about)\s+(?=" + _ROUGH + r"))"
    r"(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?|(\d{1,2})(?::(\d{2}))?\s*(am|pm)|"
    r"(\d{1,2}):(\d{2})(?![\d:]))\b",
    re.IGNORECASE,
)
# a clock hour without am/pm said in the afternoon or evening ("every evening at 8")
_EN_LATE = re.compile(r"\b(?:evening|night|tonight|afternoon)\b", re.IGNORECASE)
_EN_NOON = re.compile(r"\b(at )?(noon|midday|midnight)\b", re.IGNORECASE)

_ZH_NUM = r"(\d+|[一二两三四五六七八九十]+|半)"
_ZH_EVERY = re.compile(r"每(?:隔)?\s*" + _ZH_NUM + r"?\s*个?\s*(分钟|分|小时|钟头|刻钟)")
_ZH_EVERY_DAYS = re.compile(r"每(?:隔)?\s*(\d+|[两二三四五六七])\s*天|(隔天|隔一天)")
_ZH_DAILY = re.compile(r"(每天|每日|每晚|每早|天天|每个?早上|每个?晚上)")
_ZH_WEEKDAYS = re.compile(r"(每个?工作日|工作日|每个?(?:上学|上课)日|上学日|上课日|上学的日子)")
# "每周二", "每周二和周四", "周五下午三点" (a weekday right before a clock time is weekly)
_ZH_DOW = re.compile(
    r"(?P<every>每个?|(?:每隔一|每两|每2|双)(?:个)?(?:周|星期|礼拜)的?|隔(?=周|星期|礼拜))?(?:周|星期|礼拜)(?P<days>[一二三四五六日天](?:\s*[、和及与跟]\s*"
    r"(?:周|星期|礼拜)?[一二三四五六日天])*)(?P<clock>\s*(?:凌晨|早上|早晨|上午|中午|下午|傍晚|晚上)?"
    r"\s*(?:\d{1,2}|[一二两三四五六七八九十]+)\s*[点:：])?"
)
_ZH_WEEKLY = re.compile(r"(每周|每星期|每礼拜)")
_ZH_MONTHLY = re.compile(r"每个?月")
# "每月15号", "每个月的十五日": the day of the month a monthly schedule runs on
_ZH_MONTH_DAY = re.compile(r"每个?月的?\s*(\d{1,2}|[一二两三四五六七八九十]+)\s*[号日]")
_ZH_TIME = re.compile(
    r"(凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|夜里)?\s*(\d{1,2}|[一二两三四五六七八九十]+)\s*"
    r"(?:点|时(?!间)|[:：])\s*(半|(\d{1,2})\s*分?)?"
)
_ZH_PART = re.compile(r"(早上|早晨|上午|中午|下午|傍晚|晚上)")


def parse_schedule(text: str) -> Schedule | None:
    """The schedule ``text`` asks for, or ``None`` when it names none; a schedule said as
    the one being replaced ("… instead of every day") is not read."""
    text = without_replaced(text)
    m = _CRON.search(text)
    if m and _looks_like_cron(m.group(1)):
        return Schedule(kind="cron", cron=" ".join(m.group(1).split()))
    return _every_other_week(text, _at_each(text, _parse_zh(text) or _parse_en(text)))


# "every other Monday", "biweekly on Fridays", "每隔一周的周一", "每两周的周五", "双周"
_OTHER_WEEK = re.compile(
    r"\b(?:every|each)\s+(?:other|second|2|two)\s+(?:weeks?\b|(?=(?:mon|tues|wednes|thurs|fri|"
    r"satur|sun)day))|\b(?:bi-?weekly|fortnightly)\b|每隔一周|隔周|每两周|每2周|双周",
    re.IGNORECASE,
)


def _every_other_week(text: str, base: Schedule | None) -> Schedule | None:
    """``base`` every two weeks when the text says so and ``base`` runs on one weekday."""
    if base is None or base.kind != "cron" or not _OTHER_WEEK.search(text):
        return base
    fields = (base.cron or "").split()
    if len(fields) != 5 or fields[2] != "*" or not fields[4].isdigit():
        return base
    return base.model_copy(update={"weeks": 2})


def _at_each(text: str, base: Schedule | None) -> Schedule | None:
    """``base`` firing at each clock time of a list ("8am and 8pm", "7点和21点"): a daily or
    weekday cron keeps its days; "twice a day" or a list said alone runs every day."""
    said = clock_hours(text)
    if said is None:
        return base
    minute, hours = said
    fields = (base.cron or "").split() if base is not None and base.kind == "cron" else []
    if base is not None and base.kind == "interval" and (base.minutes or 0) < 1440 // 4:
        return base  # "every 15 minutes … at 9am and 5pm": the interval stands
    days, dow = (fields[2], fields[4]) if len(fields) == 5 else ("*", "*")
    return _cron(minute, ",".join(str(h) for h in hours), dom=days, dow=dow)


def _looks_like_cron(expr: str) -> bool:
    # "1 2 3 4 5" in prose is rare, but a cron has at least one '*' or '/' in practice
    return "*" in expr or "/" in expr


def _parse_zh(text: str) -> Schedule | None:
    m = _ZH_EVERY.search(text)
    if m:
        num, unit = m.group(1), m.group(2)
        if num == "半":
            return Schedule(kind="interval", minutes=30 if unit in ("小时", "钟头") else 1)
        count = zh_number(num) if num else 1
        return Schedule(kind="interval", minutes=max(1, (count or 1) * _ZH_UNIT_MIN[unit]))
    hour, minute = _zh_time(text)
    if _ZH_WEEKDAYS.search(text):
        return _cron(minute, hour, dow="1-5")
    weekdays = _zh_days(text)
    if weekdays:
        return _cron(minute, hour, dow=weekdays)
    m = _ZH_EVERY_DAYS.search(text)
    if m:
        days = 2 if m.group(2) else (zh_number(m.group(1)) or 1)
        return _cron(minute, hour, dom=f"*/{days}" if days > 1 else "*")
    if _ZH_DAILY.search(text):
        return _cron(minute, hour)
    if _ZH_WEEKLY.search(text):
        return _cron(minute, hour, dow="1")
    if re.search(_ZH_MONTH_END, text):
        return _cron(minute, hour, dom=MONTH_END_DAYS)
    if _ZH_MONTHLY.search(text):
        m = _ZH_MONTH_DAY.search(text)
        return _cron(minute, hour, dom=_month_day(zh_number(m.group(1)) if m else None))
    return None


def _month_day(day: int | None) -> str:
    """The cron day-of-month field for ``day``; the 1st when none (or no real day) is said."""
    return str(day) if day is not None and 1 <= day <= 31 else "1"


def _zh_time(text: str) -> tuple[int, int]:
    """Hour and minute of the clock time Chinese ``text`` runs at; 9:00 when absent. A time
    said as a deadline ("10点前要填好") gives way to a later time said plainly ("10点半检查"),
    which keeps the deadline's part of the day when it names none."""
    times = [t for t in (_zh_clock(m) for m in _ZH_TIME.finditer(text)) if t is not None]
    if times:
        plain = [t for t in times if not t[2]]
        hour, minute, _ = plain[0] if plain else times[0]
        return hour, minute
    part = _ZH_PART.search(text)
    defaults = {"中午": 12, "下午": 14, "傍晚": 18, "晚上": 20}
    return (defaults.get(part.group(1), 9) if part else 9), 0


_ZH_LATE = ("下午", "傍晚", "晚上", "夜里")
# "10点前", "五点之前": a clock time said as a deadline
_ZH_BEFORE = re.compile(r"\s*(?:之|以)?前")


def _zh_clock(m: re.Match[str]) -> tuple[int, int, bool] | None:
    """(hour, minute, said as a deadline) of one clock time; a time with no part of the day
    right after a deadline's afternoon or evening ("晚上10点前…，10点半") is in it too."""
    hour = zh_number(m.group(2))
    if hour is None or hour > 24:
        return None
    part = m.group(1) or ""
    if not part:
        prior = [p for p in _ZH_TIME.finditer(m.string, 0, m.start()) if p.group(1)]
        late = (
            prior and prior[-1].group(1) in _ZH_LATE and _ZH_BEFORE.match(m.string, prior[-1].end())
        )
        part = prior[-1].group(1) if late else ""
    if part in _ZH_LATE and hour < 12:
        hour += 12
    minute = 30 if m.group(3) == "半" else int(m.group(4) or 0)
    return hour % 24, min(minute, 59), _ZH_BEFORE.match(m.string, m.end()) is not None


def _parse_en(text: str) -> Schedule | None:
    if _EN_HALF_HOUR.search(text):
        return Schedule(kind="interval", minutes=30)
    if _EN_QUARTER_HOUR.search(text):
        return Schedule(kind="interval", minutes=15)
    m = _EN_EVERY.search(text)
    if m and m.group(2).lower() in ("minute", "min", "hour", "hr", "h"):
        count = _en_count(m.group(1))
        return Schedule(kind="interval", minutes=count * _UNIT_MIN[m.group(2).lower()])
    if _EN_HOURLY.search(text):
        return HOURLY
    times = _EN_TIMES_A_DAY.search(text)
    if times:
        return Schedule(
            kind="interval", minutes=1440 // _TIMES.get((times.group(1) or "twice").lower(), 2)
        )
    hour, minute = _en_time(text)
    if _EN_WEEKDAYS.search(text):
        return _cron(minute, hour, dow="1-5")
    weekdays = _en_days(text)
    if weekdays:
        return _cron(minute, hour, dow=weekdays)
    if _EN_OTHER_DAY.search(text):
        return _cron(minute, hour, dom="*/2")
    if m and m.group(2).lower() == "day":
        days = _en_count(m.group(1))
        return _cron(minute, hour, dom=f"*/{days}" if days > 1 else "*")
    if (m and m.group(2).lower() == "week") or _EN_WEEKLY.search(text):
        return _cron(minute, hour, dow="1")
    if re.search(_EN_MONTH_END, text, re.IGNORECASE):
        return _cron(minute, hour, dom=MONTH_END_DAYS)
    if _EN_MONTHLY.search(text):
        m = _EN_MONTH_DAY.search(text)
        return _cron(minute, hour, dom=_month_day(int(m.group(1) or m.group(2)) if m else None))
    if _EN_DAILY.search(text):
        return _cron(minute, hour)
    return None


def _en_days(text: str) -> str | None:
    """The cron weekday list of the first run of weekdays said as a schedule, or None."""
    for m in _EN_DOW.finditer(text):
        said = re.findall("|".join(_DOW_EN) + r"|s\b", m.group("days").lower())
        lead = (m.group("lead") or "").strip()
        if lead or m.group("clock") or ("s" in said and m.group("lead") is not None):
            return _dow_list(_DOW_EN.index(d) for d in said if d != "s")
    return None


def _zh_days(text: str) -> str | None:
    """The cron weekday list of "每周二和周四" / "周五下午三点", or None."""
    for m in _ZH_DOW.finditer(text):
        if m.group("every") or m.group("clock"):
            return _dow_list(_DOW_ZH[d] for d in re.findall("[一二三四五六日天]", m.group("days")))
    return None


def _dow_list(days: Iterable[int]) -> str:
    return ",".join(str(d) for d in sorted(set(days)))


def _en_count(token: str | None) -> int:
    if not token:
        return 1
    return int(token) if token.isdigit() else _EN_NUM.get(token.lower(), 1)


def _en_time(text: str) -> tuple[int, int]:
    """Hour and minute of the first clock time in English ``text``; defaults by daypart."""
    m = _EN_TIME.search(text)
    if m:
        hour = int(m.group(1) or m.group(4) or m.group(7))
        minute = int(m.group(2) or m.group(5) or m.group(8) or 0)
        suffix = (m.group(3) or m.group(6) or "").lower().replace(".", "")
        if suffix == "pm" and hour < 12:
            hour += 12
        elif not suffix and _EN_LATE.search(text):
            hour = _late_hour(hour, text)
        elif suffix == "am" and hour == 12:
            hour = 0
        if hour <= 24 and minute <= 59:
            return hour % 24, minute
    noon = _EN_NOON.search(text)
    if noon:
        return (0 if noon.group(2).lower() == "midnight" else 12), 0
    lowered = text.lower()
    if "evening" in lowered:
        return 18, 0
    if "night" in lowered:
        return 21, 0
    return 9, 0


def _late_hour(hour: int, text: str) -> int:
    """ "every evening at 8" is 20:00; "at night" at 1 (or 12) stays in the small hours."""
    if re.search(r"\bnight\b", text, re.IGNORECASE) and (hour <= 5 or hour == 12):
        return hour % 12
    return hour + 12 if 1 <= hour < 12 else hour


def _cron(minute: int, hour: int | str, dom: str = "*", dow: str = "*") -> Schedule:
    return Schedule(kind="cron", cron=f"{minute} {hour} {dom} * {dow}")


def describe(schedule: Schedule, lang: Lang) -> str:
    """A short human phrase for ``schedule`` ("every hour", "每天 09:00")."""
    if schedule.kind == "interval":
        return _describe_interval(schedule.minutes or 60, lang)
    said = _describe_cron(schedule.cron or "", lang)
    if schedule.weeks and schedule.weeks > 1:  # "every Monday at 08:00 (every 2 weeks)"
        return (
            f"{said}（每{schedule.weeks}周）"
            if lang == "zh"
            else f"{said} (every {schedule.weeks} weeks)"
        )
    return said


def _describe_interval(minutes: int, lang: Lang) -> str:
    if minutes % 1440 == 0:
        n, en_unit, zh_unit = minutes // 1440, "day", "天"
    elif minutes % 60 == 0:
        n, en_unit, zh_unit = minutes // 60, "hour", "小时"
    else:
        n, en_unit, zh_unit = minutes, "minute", "分钟"
    if lang == "zh":
        return f"每{zh_unit}" if n == 1 else f"每 {n} {zh_unit}"
    return f"every {en_unit}" if n == 1 else f"every {n} {en_unit}s"


def _describe_cron(expr: str, lang: Lang) -> str:
    fields = expr.split()
    if len(fields) != 5 or not (fields[0].isdigit() and fields[1].isdigit()):
        return f"按 cron 表达式 {expr}" if lang == "zh" else f"on the cron schedule {expr}"
    minute, hour, dom, _month, dow = fields
    at = f"{int(hour):02d}:{int(minute):02d}"
    zh_days = "日一二三四五六"
    if dow == "1-5":
        return f"每个工作日 {at}" if lang == "zh" else f"every weekday at {at}"
    if dow.isdigit() and int(dow) < 7:
        day = int(dow)
        en_day = _DOW_EN[day].capitalize()
        return f"每周{zh_days[day]} {at}" if lang == "zh" else f"every {en_day} at {at}"
    if dom == MONTH_END_DAYS:  # the IF after it keeps the last day
        return f"每月最后一天 {at}" if lang == "zh" else f"on the last day of every month at {at}"
    if dom.isdigit():
        return f"每月 {dom} 日 {at}" if lang == "zh" else f"on day {dom} of every month at {at}"
    if dom.startswith("*/"):
        n = dom[2:]
        return f"每 {n} 天 {at}" if lang == "zh" else f"every {n} days at {at}"
    return f"每天 {at}" if lang == "zh" else f"every day at {at}"


# a clock time said anywhere in a request ("post … at 7am", "…，早上7点发"): a daily run
_EN_CLOCK = re.compile(
    r"\b(?:at|by|around)\s+\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)|"
    r"\b\d{1,2}(?::\d{2})?\s*(?:am|pm)\b|\bat\s+\d{1,2}:\d{2}\b",
    re.IGNORECASE,
)
_ZH_CLOCK = re.compile(
    r"(?:凌晨|早上|早晨|上午|中午|下午|傍晚|晚上)\s*(?:\d{1,2}|[一二两三四五六七八九十]+)\s*点|"
    r"(?<![\d.])\d{1,2}\s*[:：]\s*\d{2}(?!\d)"
)


def clock_schedule(text: str) -> Schedule | None:
    """A daily run at the clock time ``text`` names with no other schedule words
    ("post 'bring an umbrella' to Slack at 7am" -> every day at 07:00), or None."""
    if _EN_CLOCK.search(text):
        hour, minute = _en_time(text)
        return _cron(minute, hour)
    if _ZH_CLOCK.search(text):
        hour, minute = _zh_time(text)
        return _cron(minute, hour)
    return None
