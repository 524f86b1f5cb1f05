"""A time-of-day or day-of-week check said for a NEW step of an edit ("also open a PagerDuty
incident, but only at night (10pm to 7am)", "夜里也在PagerDuty建个事件，白天发Teams就够了",
"工作日照旧发Slack，周末改成给我发LINE消息").

Invariants: a workflow started by a schedule takes the check only when the edit says nothing of
when it runs ("every …", "check", "每…") — else those times are the schedule reader's; the check
is read from the sentence (else the clause) naming the new step, so the existing steps the
other parts name ("the Slack message is enough", "照旧发Slack") keep running as they did: beside
the new check when the new step is said as an addition, on its other output when it is said as
a replacement ("改成", "instead"). An explicit window ("10pm to 7am", "晚上11点到早上7点") wins
over a named part of the day ("at night", "夜里", "business hours"); a window across midnight is
an "or" of its two ends. Nothing else of the edit changes. Pure: no I/O.
"""

from __future__ import annotations

import re
from typing import Any

from flowsmith.core.models import Workflow
from flowsmith.core.services import node_service
from flowsmith.planner import edit_catalog as ec
from flowsmith.planner.edit_days import WEEKDAYS, WEEKENDS, restricted_days
from flowsmith.planner.plan import EditOp
from flowsmith.planner.text import Lang
from flowsmith.text import text as say

__all__ = ["hour_window", "timed_new_steps"]

Window = tuple[int, int]  # first hour in, first hour out (24h clock)

_SENTENCE = re.compile(r"[。!?！？\n;；]|\.(?=\s|$)")
_CLAUSE = re.compile(r"[,，、]")
_EN_RANGE = re.compile(
    r"\b(?P<a>\d{1,2})(?::\d{2})?\s*(?P<ap>am|pm)?\s*(?:to|-|–|until|till|and)\s*"
    r"(?P<b>\d{1,2})(?::\d{2})?\s*(?P<bp>am|pm)\b",
    re.IGNORECASE,
)
_ZH_PART = r"(?:早上|早晨|上午|中午|下午|傍晚|晚上|夜里|夜间|凌晨|第二天早上|次日早上|次日凌晨)?"
_ZH_RANGE = re.compile(
    rf"(?P<ap>{_ZH_PART})(?P<a>\d{{1,2}})\s*[点:]\s*(?:半|\d{{2}})?\s*(?:到|至|-|~|～|—)\s*"
    rf"(?P<bp>{_ZH_PART})(?P<b>\d{{1,2}})\s*[点:]"
)
_PM_ZH = ("下午", "傍晚", "晚上", "夜里", "夜间")
# named parts of the day, most specific first
_NAMED: tuple[tuple[re.Pattern[str], Window], ...] = (
    (
        re.compile(
            r"\boutside\s+(?:of\s+)?(?:business|office|working|work)\s+hours\b|\bafter\s+hours\b|"
            r"非工作时间|下班(?:时间|以后|后)|工作时间以外",
            re.IGNORECASE,
        ),
        (18, 9),
    ),
    (
        re.compile(
            r"\b(?:business|office|working|work|opening)\s+hours\b|工作时间|上班时间|办公时间|"
            r"营业时间|上班期间",
            re.IGNORECASE,
        ),
        (9, 18),
    ),
    (
        re.compile(
            r"\b(?:at|during the|over ?)night\b|\bovernight\b|\bnight-?time\b|"
            r"夜里|夜间|半夜|深夜|晚上",
            re.IGNORECASE,
        ),
        (22, 7),
    ),
)
# the new step said as a replacement of the existing one on the other side of the check
_INSTEAD = re.compile(r"\binstead\b|\brather than\b|改成|改为|换成|改发|改用|换用", re.IGNORECASE)
# the new step said for the times the check does not hold
_OTHERWISE = re.compile(
    r"(?:otherwise|else|at other times|"
    r"outside (?:of )?(?:those|these|that|the) (?:hours|times?))\b|"
    r"其[它他余]时间|其余的?时[间候]|别的时间|否则|不然",
    re.IGNORECASE,
)
# words about when a schedule runs ("every 20 minutes but only between 8am and 10pm", "每半小时
# 检查一次"): the schedule reader's, never a check for a new step
_RUN_TIMES = re.compile(
    r"\b(?:every|each|hourly|daily|schedule|cron|runs?|check(?:s|ing)?)\b|每|定时|检查|运行|执行|跑",
    re.IGNORECASE,
)
_ADDS = frozenset({"add_step"})
_SWAPS = frozenset({"replace_step"})


def _hour(value: str, part: str | None, zh: bool) -> int:
    h = int(value) % 24
    if part is None:
        return h
    low = part.lower()
    if low == "pm" or (zh and low.endswith(_PM_ZH)):
        return h + 12 if h < 12 else h
    if low == "am" or "凌晨" in low or "早" in low or "上午" in low:
        return 0 if h == 12 else h
    return h


def hour_window(text: str) -> Window | None:
    """The hours ``text`` says, as (first hour in, first hour out), or None."""
    m = _EN_RANGE.search(text)
    if m is not None:
        first = _hour(m.group("a"), m.group("ap") or m.group("bp"), zh=False)
        if m.group("ap") is None and first >= _hour(m.group("b"), m.group("bp"), zh=False):
            first = _hour(m.group("a"), None, zh=False)  # "10 to 7am": read as said
        return first, _hour(m.group("b"), m.group("bp"), zh=False)
    z = _ZH_RANGE.search(text)
    if z is not None:
        return _hour(z.group("a"), z.group("ap") or None, True), _hour(
            z.group("b"), z.group("bp") or None, True
        )
    return next((win for pattern, win in _NAMED if pattern.search(text)), None)


def _hour_rule(win: Window) -> dict[str, object]:
    start, end = win
    after = {"left": "{{ $now.hour }}", "operator": "greater_than", "right": start - 1}
    before = {"left": "{{ $now.hour }}", "operator": "less_than", "right": end}
    if start == 0:
        return {"conditions": [before], "combine": "and"}
    # a window across midnight ("10pm to 7am") holds at either end
    return {"conditions": [after, before], "combine": "and" if start < end else "or"}


def _day_rule(days: str) -> dict[str, object] | None:
    if days not in (WEEKDAYS, WEEKENDS):
        return None
    # Luxon's weekday: 1 (Monday) … 7 (Sunday)
    op, right = ("less_than", 6) if days == WEEKDAYS else ("greater_than", 5)
    return {"conditions": [{"left": "{{ $now.weekday }}", "operator": op, "right": right}]}


def _rule(fragment: str, lang: Lang) -> tuple[dict[str, object], str] | None:
    """The check ``fragment`` says, with its label."""
    win = hour_window(fragment)
    if win is not None:
        label = say("planner.edit_timed.hours_check", lang, start=win[0], end=win[1])
        return _hour_rule(win), label
    days = restricted_days(fragment)
    rule = _day_rule(days) if days is not None else None
    if rule is None:
        return None
    key = "weekday_check" if days == WEEKDAYS else "weekend_check"
    return {**rule, "combine": "and"}, say(f"planner.edit_days.{key}", lang)


def _around(low: str, pos: int, pattern: re.Pattern[str]) -> str:
    start = max((m.end() for m in pattern.finditer(low, 0, pos)), default=0)
    end_m = pattern.search(low, pos)
    return low[start : end_m.start() if end_m else len(low)]


def _app_of(step: str | None) -> str | None:
    return ec.parse_step(step)[0] if step and step.startswith("app:") else None


_ACTION_WORDS = {
    "email": re.compile(r"e-?mail|\bmail\b|邮件|邮箱", re.IGNORECASE),
    "sms": re.compile(r"\bsms\b|\btext\b|短信", re.IGNORECASE),
}
_ACTION_SUBTYPES = {"email": ("send_email", "gmail_send"), "sms": ("twilio_sms",)}


def _action_step(op: EditOp, current: Workflow) -> str | None:
    """ "周末也发一封邮件给我 me@acme.cn": a new email / SMS step as a guard step."""
    if op.kind != "add_action" or op.action is None or op.action.kind not in _ACTION_WORDS:
        return None
    if any(x.subtype in _ACTION_SUBTYPES[op.action.kind] for x in current.nodes):
        return None
    return f"action:{op.action.kind}:{op.action.target or ''}".rstrip(":")


def _action_at(low: str, op: EditOp) -> int | None:
    m = _ACTION_WORDS[op.action.kind].search(low) if op.action is not None else None
    return m.start() if m is not None else None


def _said_at(low: str, app: str) -> int | None:
    return next((m.start for m in ec.mentions(low) if m.app == app), None)


def timed_new_steps(
    text: str, current: Workflow, ops: list[EditOp], lang: Lang
) -> list[EditOp] | None:
    """``ops`` with the new steps put behind the time check said for them, or None when no
    new step has one (see the module docstring)."""
    if any(x.subtype == "schedule_trigger" for x in current.nodes) and _RUN_TIMES.search(text):
        return None
    low = text.lower()
    present = {s.app for x in current.nodes if (s := node_service(x)) is not None}
    guarded = _timed_guard(low, ops, present)
    if guarded is not None:
        return guarded
    new = [op for op in ops if op.kind in _ADDS | _SWAPS and _app_of(op.step) not in present]
    new += [op for op in ops if _action_step(op, current) is not None]
    if len(new) != 1:
        return None
    op = new[0]
    step = _action_step(op, current) or op.step or ""
    at = _said_at(low, _app_of(step) or "") if op.kind != "add_action" else _action_at(low, op)
    if at is None:
        return None
    clause = _around(low, at, _CLAUSE)
    sentence = _around(low, at, _SENTENCE)
    said = _rule(clause, lang) or _rule(sentence, lang)
    if said is None:
        return None
    rule, label = said
    guard = EditOp(kind="add_guard", rule=rule, value=label, steps=[step])
    named = [m.app for m in ec.mentions(low) if m.app in present]
    if _OTHERWISE.match(clause.strip()) and _rule(clause, lang) is None and named:
        # "in office hours keep Slack, otherwise push it with Pushover": the check is the
        # other part's; the new step runs on its other output
        guard = EditOp(
            kind="add_guard", rule=rule, value=label, subject=f"app:{named[0]}", else_steps=[step]
        )
        return [*_rest(ops, op, present), guard]
    old = op.subject if op.kind in _SWAPS else None
    if old is None and _INSTEAD.search(clause):
        # "…, but on weekends send me a Pushover notification instead": the step of the
        # other part ("keep posting to Teams on weekdays")
        named = [m.app for m in ec.mentions(low) if m.app in present]
        old = f"app:{named[0]}" if named else None
    if old is not None:
        guard = guard.model_copy(update={"where": "instead", "subject": old})
    return [*_rest(ops, op, present), guard]


def _timed_guard(low: str, ops: list[EditOp], present: set[str]) -> list[EditOp] | None:
    """ "also text me through Twilio when it's in stock, but only between 8am and 10pm": the
    one new step already behind a check of its own also behind the hours said in its
    sentence (a further check on that branch), and no schedule change read from those
    hours."""
    new = [
        op
        for op in ops
        if op.kind == "add_guard"
        and op.steps
        and op.rule is not None
        and op.rule.get("combine", "and") == "and"
        and all(_app_of(x) not in present for x in op.steps)
    ]
    at = _said_at(low, _app_of(new[0].steps[0]) or "") if len(new) == 1 else None
    win = hour_window(_around(low, at, _SENTENCE)) if at is not None else None
    if win is None or win[0] >= win[1] or new[0].rule is None:
        return None
    op = new[0]
    also: dict[str, Any] = dict(op.also_rule or {"combine": "and"})
    hours: list[Any] = list(_hour_rule(win)["conditions"])  # type: ignore[call-overload]
    also["conditions"] = [*(also.get("conditions") or []), *hours]
    both = op.model_copy(update={"also_rule": also})
    return [both if x is op else x for x in ops if x.kind != "set_schedule"]


def _rest(ops: list[EditOp], op: EditOp, present: set[str]) -> list[EditOp]:
    """``ops`` but ``op``: the existing steps the other parts name are kept as they are,
    not added again, and no other time check is read for them."""
    return [
        x
        for x in ops
        if x is not op
        and not (x.kind in _ADDS and _app_of(x.step) in present)
        and not (x.kind == "add_guard" and "$now" in str(x.rule))
        and x.kind != "add_action"
    ]
