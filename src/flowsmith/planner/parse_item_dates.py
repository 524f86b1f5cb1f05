"""A date window relative to today on the items a run read: "send … to guests arriving in two
days", "text customers whose rental is due back tomorrow", "给三天后到期的客户发邮件",
"今天退房的房间".

On a schedule the run reads rows and acts on some of them: those whose own date (arrival,
due, expiry, check-out …) is today plus N days. The action is guarded by an IF comparing that
date field with ``$today`` moved by N days (n8n's Luxon ``$today``, formatted ``yyyy-MM-dd``).

Invariants:

* :func:`item_date` answers only for a date word that qualifies the items (a participle or
  a "whose … is due" in English, a "<when><verb>的" in Chinese) together with a day offset
  relative to today; "tomorrow" alone ("send it tomorrow") is a wait, never read here.
* The field is named by the verb said (arriving → ``arrival_date``); a verb with no date of
  its own names ``date``.
* The words returned as cut are the qualifier's own, so the step passes never read its
  "tomorrow" / "in two days" as a wait.
Pure: no I/O, no clock (the date is an n8n expression evaluated at run time).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from flowsmith.core.services import verb_of
from flowsmith.planner.frame import Condition, ServiceStep
from flowsmith.planner.parse_context import unmask
from flowsmith.planner.parse_steps import clause_actions
from flowsmith.planner.text import zh_number

if TYPE_CHECKING:
    from flowsmith.planner.parse_clauses import _Builder as Builder
    from flowsmith.planner.parse_context import Context

__all__ = ["dated_case", "item_date"]

_EN_FIELD = {
    "arriv": "arrival_date",
    "check in": "check_in_date",
    "checking in": "check_in_date",
    "check out": "check_out_date",
    "checking out": "check_out_date",
    "leav": "check_out_date",
    "depart": "departure_date",
    "due": "due_date",
    "expir": "expiry_date",
    "renew": "renewal_date",
    "start": "start_date",
    "end": "end_date",
    "return": "return_date",
}
_ZH_FIELD = {
    "到期": "expiry_date",
    "过期": "expiry_date",
    "续费": "renewal_date",
    "入住": "check_in_date",
    "到店": "arrival_date",
    "到达": "arrival_date",
    "抵达": "arrival_date",
    "退房": "check_out_date",
    "离店": "check_out_date",
    "截止": "due_date",
    "开始": "start_date",
    "开课": "start_date",
    "结束": "end_date",
    "生日": "birthday",
    "过生日": "birthday",
}
_NUM_EN = {
    "one": 1,
    "a": 1,
    "an": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "ten": 10,
    "fourteen": 14,
    "thirty": 30,
}

# "in two days", "tomorrow", "today", "the day after tomorrow", "in a week", "next week"
_WHEN_EN = (
    r"(?P<when>today|tomorrow|the\s+day\s+after\s+tomorrow|"
    r"in\s+(?P<n>\d{1,2}|one|a|an|two|three|four|five|six|seven|ten|fourteen|thirty)\s+"
    r"(?P<unit>days?|weeks?)(?:'?\s*time)?|next\s+week)"
)
_EN = re.compile(
    r"\b(?:who\s+(?:are|is)\s+|that\s+(?:are|is)\s+|whose\s+[a-z]+\s+(?:is|are)\s+)?"
    r"(?P<verb>arriving|checking\s+in|checking\s+out|leaving|departing|"
    r"(?:due|expiring|renewing|starting|ending|returning)(?:\s+back)?|"
    r"coming(?:\s+in)?|visiting|booked|scheduled)\s+(?:on\s+|for\s+)?" + _WHEN_EN + r"\b",
    re.IGNORECASE,
)
_ZH = re.compile(
    r"(?P<when>今天|今日|明天|明日|后天|大后天|"
    r"(?P<n>\d{1,2}|[一二两三四五六七八九十]{1,3})\s*(?P<unit>天|周|个星期)(?:之|以)?后)"
    r"(?:要|会|就|将)?\s*(?P<verb>到期|过期|续费|入住|到店|到达|抵达|退房|离店|截止|开始|开课|结束|"
    r"过生日|生日|来|到|上课|预约)[\u4e00-\u9fff]{0,3}?的"
)


def _days_en(m: re.Match[str]) -> int:
    when = m.group("when").lower()
    if when == "today":
        return 0
    if when == "tomorrow":
        return 1
    if when.startswith("the day after"):
        return 2
    if when == "next week":
        return 7
    n = m.group("n").lower()
    count = int(n) if n.isdigit() else _NUM_EN[n]
    return count * (7 if m.group("unit").lower().startswith("week") else 1)


def _days_zh(m: re.Match[str]) -> int:
    fixed = {"今天": 0, "今日": 0, "明天": 1, "明日": 1, "后天": 2, "大后天": 3}
    when = m.group("when")
    if when in fixed:
        return fixed[when]
    n = m.group("n")
    count = int(n) if n.isdigit() else int(zh_number(n) or 0)
    return count * (1 if m.group("unit") == "天" else 7)


def _field_en(verb: str) -> str:
    low = re.sub(r"\s+", " ", verb.lower())
    return next((f for k, f in _EN_FIELD.items() if low.startswith(k)), "date")


def _today_plus(days: int) -> str:
    moved = f".plus({{days: {days}}})" if days else ""
    return f"{{{{ $today{moved}.toFormat('yyyy-MM-dd') }}}}"


def item_date(clause: str) -> tuple[Condition, tuple[int, int]] | None:
    """The condition "the item's date is today + N days" ``clause`` qualifies its items
    with, and the span of those words; None when it says none."""
    m = _EN.search(clause)
    if m is not None:
        field, days = _field_en(m.group("verb")), _days_en(m)
    else:
        m = _ZH.search(clause)
        if m is None:
            return None
        field, days = _ZH_FIELD.get(m.group("verb"), "date"), _days_zh(m)
    cond = Condition(field=field, op="eq", value=_today_plus(days), phrase=m.group(0))
    return cond, m.span()


def dated_case(b: Builder, clause: str, ctx: Context) -> bool:
    """ "send check-in instructions to guests arriving in two days": on a run that reads
    rows, the clause's steps go into a case on the items' date; its words are cut first.
    The clause's own reads ("查一下Airtable里今天退房的房间") come before the case, and the
    steps said after it in the sentence go into it."""
    if ctx.trigger_kind not in ("schedule", "manual"):
        return False
    said = item_date(clause)
    if said is None:
        return False
    cond, (start, end) = said
    rest = clause[:start] + " " + clause[end:]
    steps = clause_actions(rest, ctx)
    if not steps:
        return False
    n = 0
    while n < len(steps) and _reads(steps[n]):
        n += 1
    b.add(steps[:n])
    b.guard_here(cond, unmask(clause, ctx))
    b.add(steps[n:])
    return True


def _reads(step: object) -> bool:
    return isinstance(step, ServiceStep) and "read" in verb_of(step.operation)
