"""Day restrictions of an existing schedule: "only on weekdays", "not at weekends",
"周末不用运行", "工作日每30分钟检查一次", "only back up on weekends".

Invariant: a restriction changes only the days a schedule fires. The time of day (or the
interval) the workflow already has stays unless the same message says a new one; the
restriction never replaces the trigger node (``set_schedule`` rewrites its parameters).
"""

from __future__ import annotations

import re

from flowsmith.core.models import Workflow
from flowsmith.planner import nodes as n
from flowsmith.planner.edit_hours import guarded_ids
from flowsmith.planner.plan import EditOp
from flowsmith.planner.schedule import Schedule, parse_schedule
from flowsmith.planner.text import Lang
from flowsmith.text import text as say

__all__ = ["day_restriction", "joined_day_and_hours", "restricted_days"]

Span = tuple[int, int]

WEEKDAYS = "1-5"
WEEKENDS = "0,6"

# "not at weekends", "skip weekends", "周末不用", "周末除外", "除了周末": the weekdays
_NOT_WEEKEND = re.compile(
    r"\b(?:not|never|no|don'?t|do not|skip\w*|except|excluding|without|avoid|but not|off)\b"
    r"[^.,;!?]{0,30}?\bweekends?\b|\bweekends?\b[^.,;!?]{0,12}?\b(?:off|excluded|not needed)\b|"
    r"周末[^，。；！]{0,4}?(?:不|别|除外|休息|停|免)|(?:除了|除去|排除|不要|别|不用|不在)[^，。；！]{0,6}?周末|"
    r"非周末",
    re.IGNORECASE,
)
_WEEKDAY = re.compile(
    r"\b(?:week\s?days?|business days?|working days?|work days?|monday (?:to|through|thru|-) "
    r"friday|mon\s?-\s?fri)\b|工作日|周一(?:到|至|~|-)周五|星期一(?:到|至)星期五",
    re.IGNORECASE,
)
_WEEKEND = re.compile(r"\bweekends?\b|周末|星期六和星期日|周六和?周日", re.IGNORECASE)
_DELETE = re.compile(r"\b(?:remove|delete|drop)\b|删除|删掉|去掉|移除", re.IGNORECASE)
_CLOCK = re.compile(
    r"\b\d{1,2}(?::\d{2})?\s*(?:am|pm)\b|\b\d{1,2}:\d{2}\b|\bat \d{1,2}\b|\b(?:noon|midnight)\b|"
    r"(?:\d{1,2}|[一二两三四五六七八九十]+)\s*(?:点|时(?!间))",
    re.IGNORECASE,
)


_EN_DAYS = ("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday")
_DAY = re.compile(
    r"\b(sun|mon|tue|wed|thu|fri|sat)(?:day|s|nesday|rsday|urday|sday)?s?\b(?!\.com)|"
    r"(?:周|星期|礼拜)([一二三四五六日天])",
    re.IGNORECASE,
)
_ZH_DAYS = "日一二三四五六"


def restricted_days(text: str) -> str | None:
    """The cron day-of-week field ``text`` restricts a schedule to, or None: weekdays,
    weekends, or two or more named days ("Mondays and Fridays", "每周一和周五")."""
    if _NOT_WEEKEND.search(text) or _WEEKDAY.search(text):
        return WEEKDAYS
    if _WEEKEND.search(text):
        return WEEKENDS
    named = sorted({_day_number(m) for m in _DAY.finditer(text)})
    return ",".join(str(x) for x in named) if len(named) > 1 else None


def _day_number(m: re.Match[str]) -> int:
    if m.group(1):
        return next(i for i, d in enumerate(_EN_DAYS) if d.startswith(m.group(1).lower()))
    return 0 if m.group(2) == "天" else _ZH_DAYS.index(m.group(2))


def day_restriction(
    text: str, current: Workflow, ops: list[EditOp], subjects: list[str], lang: Lang
) -> list[EditOp] | None:
    """``ops`` with the day restriction ``text`` says applied, or None when it says none.

    On a scheduled workflow a ``set_schedule`` already read gets the days (when it names
    none of its own), else one keeping the old time or interval on those days is added. A
    workflow started by an event gets a day-of-week check in front of the steps named in
    ``text`` (all steps after the trigger when none is named): its trigger stays.
    """
    days = restricted_days(text)
    if days is None:
        return None
    if not _DELETE.search(text):
        # "周末就不用发钉钉了": the step is denied on some days, never removed
        ops = [op for op in ops if op.kind != "remove"]
    trigger = next((x for x in current.nodes if x.subtype == "schedule_trigger"), None)
    if trigger is None:
        return [*ops, _day_guard(current, days, subjects, text, lang)]
    said = [op for op in ops if op.kind == "set_schedule" and op.schedule is not None]
    if said and not _CLOCK.search(text) and all(_cron(op) for op in said):
        # "改成周二、周四运行": days alone, read with a default time; the old time stays
        ops, said = [op for op in ops if op not in said], []
    if said:
        for op in said:
            assert op.schedule is not None
            own = (op.schedule.cron or "").split()[-1:]
            if op.schedule.kind == "interval" or own == ["*"] or "," in days:
                op.schedule = _with_days(op.schedule, days) or op.schedule
        return ops
    return [*ops, *_keep_time(text, trigger.parameters, days)]


def _only(op: EditOp, left: str) -> bool:
    """``op`` is a check of "and"-joined conditions all on ``left`` ($now.hour, …)."""
    rule = op.rule or {}
    conds = rule.get("conditions") or []
    return (
        op.kind == "add_guard"
        and rule.get("combine", "and") == "and"
        and bool(conds)
        and all(left in str(c.get("left")) for c in conds if isinstance(c, dict))
    )


def joined_day_and_hours(ops: list[EditOp]) -> list[EditOp]:
    """ "工作日白天（9点到18点）…，其它时间…": one day check and one hour window read for
    the same words are one check (days and hours), so the other side of it ("其它时间")
    also takes the other days. ``ops`` unchanged unless there is exactly one of each; a
    window across midnight (an "or") is left alone: "and" would not distribute over it."""
    days = [op for op in ops if _only(op, "$now.weekday")]
    hours = [op for op in ops if _only(op, "$now.hour")]
    if len(days) != 1 or len(hours) != 1:
        return ops
    rule = dict(hours[0].rule or {})
    rule["conditions"] = [*(days[0].rule or {})["conditions"], *rule["conditions"]]
    joined = hours[0].model_copy(update={"rule": rule})
    return [joined if op is hours[0] else op for op in ops if op is not days[0]]


def _cron(op: EditOp) -> bool:
    return op.schedule is not None and op.schedule.kind == "cron"


def _day_guard(current: Workflow, days: str, subjects: list[str], text: str, lang: Lang) -> EditOp:
    """An ``add_guard`` letting the steps :func:`guarded_ids` finds run on ``days``."""
    ids = [f"node:{x}" for x in guarded_ids(current, subjects, text)]
    weekdays = days == WEEKDAYS
    # Luxon's weekday: 1 (Monday) … 7 (Sunday)
    cond = {"left": "{{ $now.weekday }}", "operator": "less_than", "right": 6}
    if not weekdays:
        cond = {**cond, "operator": "greater_than", "right": 5}
    key = "weekday_check" if weekdays else "weekend_check"
    return EditOp(
        kind="add_guard",
        subject="|".join(ids) or None,
        rule={"conditions": [cond], "combine": "and"},
        value=say(f"planner.edit_days.{key}", lang),
    )


def _keep_time(text: str, params: dict[str, object], days: str) -> list[EditOp]:
    """A ``set_schedule`` on ``days`` at the time (or interval) ``text`` says, else the old one."""
    said = parse_schedule(text)
    old = n.schedule_from_params(dict(params))
    base = said if said is not None and (said.kind == "interval" or _CLOCK.search(text)) else old
    if base is None:
        return []
    cron = _with_days(base, days)
    return [] if cron is None else [EditOp(kind="set_schedule", schedule=cron)]


def _with_days(base: Schedule, days: str) -> Schedule | None:
    """``base`` firing only on ``days`` (a cron day-of-week field)."""
    if base.kind == "cron" and base.cron:
        fields = base.cron.split()
        if len(fields) != 5:
            return None
        return Schedule(kind="cron", cron=" ".join([*fields[:2], "*", fields[3], days]))
    minutes = base.minutes or 60
    if minutes < 60 and 60 % minutes == 0:
        return Schedule(kind="cron", cron=f"*/{minutes} * * * {days}")
    if minutes % 60 == 0 and minutes < 1440 and 24 % (minutes // 60) == 0:
        hours = minutes // 60
        return Schedule(kind="cron", cron=f"0 {'*' if hours == 1 else f'*/{hours}'} * * {days}")
    return Schedule(kind="cron", cron=f"0 9 * * {days}")
