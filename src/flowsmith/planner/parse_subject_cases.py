"""A decision said through the subject of a clause, and the otherwise said as a subject.

"Calls longer than 20 minutes get a ticket in …", "Applicants with 5+ years go into …",
"打0到6分的在…建工单", "超过20分钟的通话在…": the items a comparison picks out, then what
happens to them, open a case. "everyone else …", "the remaining leads …", "other payments …",
"剩下的…" said while a branch is open are its otherwise case.

Invariants: :func:`subject_case` opens a case only when the subject's words parse as a
comparison on a number (never a guessed yes/no or category field) and the words after it are
actions on a service; :func:`as_otherwise` rewrites a clause only while a branch is open and
unclosed. Pure: no I/O, no clock.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from flowsmith.planner.frame import Condition
from flowsmith.planner.parse_answers import size_case
from flowsmith.planner.parse_conditions import parse_condition
from flowsmith.planner.parse_context import CJK, Context, unmask
from flowsmith.planner.parse_steps import clause_actions

if TYPE_CHECKING:
    from flowsmith.planner.parse_clauses import _Builder as Builder

_NUMERIC = ("gt", "gte", "lt", "lte", "between")

# "Calls longer than 20 minutes", "Scores between 0 and 6", "Applicants with 5+ years":
# a plural subject, its comparison, ending on the number (and its unit)
_EN_SUBJECT = re.compile(
    r"^\s*(?:and\s+|but\s+)?(?:all\s+|the\s+|any\s+)?(?P<s>[a-z][a-z-]*s\s+"
    r"(?:(?:that|which|who|whose)\s+)?[^,;:]*?[$€£¥]?\d[\d,.]*\+?"
    r"(?:\s*(?:and|to|-|or)\s*[$€£¥]?\d[\d,.]*)?\s*(?:k\b|m\b)?"
    r"(?:\s*(?:%|percent|usd|eur|dollars?|euros?|points?|stars?|"
    r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)"
    r"(?:\s+(?:old|ago|overdue|late|of experience|experience))?)\b)?(?:\s+or\s+more)?)"
    r"(?P<a>\s*(?:[:,→]|->)?\s*\S.*|\s*)$",
    re.IGNORECASE,
)
# "get posted to Slack", "should just be added to …", ": add them to …": the action's words
_AUX = re.compile(
    r"^\s*(?:[:,→]|->)?\s*(?:should|must|will|can|need to|needs to)?\s*(?:just\s+|only\s+)?"
    r"(?:be|are|is|get|gets)?\s*(?:just\s+|only\s+)?",
    re.IGNORECASE,
)
# "打0到6分的在Freshdesk建工单", "超过20分钟的通话在Jira…": a comparison on a number, 的, what
# is done with those items
_ZH_SUBJECT = re.compile(
    r"^(?P<s>[^，,的]{0,16}?\d[^，,的]{0,10}?)的(?:[\u4e00-\u9fff]{1,3}?)??"
    r"(?P<a>(?:在|用|发|转|推|通知|放|存|写|记录|同步|创建|更新|添加|加到|加入|给|把).*)$"
)


def subject_case(b: Builder, clause: str, ctx: Context) -> bool:
    """ "Deals worth more than 5000 create a HubSpot task": a case of the open branch (a
    second range of the same field joins the first's branch)."""
    read = _subject(clause, ctx)
    if read is None:
        return False
    cond, steps = read
    b.open_case(cond, unmask(clause, ctx), same=True)
    b.add(steps)
    return True


def _subject(clause: str, ctx: Context) -> tuple[Condition, list[object]] | None:
    m = (_ZH_SUBJECT if CJK.search(clause) else _EN_SUBJECT).match(clause.strip())
    if m is None:
        return None
    said = m.group("s")
    cond = parse_condition(said, ctx)
    if cond is None or cond.op not in _NUMERIC:
        return None
    measured = _MEASURE.match(said)
    if measured and cond.field in ("price", "value"):  # "Scores between 0 and 6"
        cond = replace(cond, field=measured.group(1).lower())
    action = m.group("a")
    if not action.strip():
        return cond, []  # "Videos longer than 10 minutes: add them to …": the action follows
    steps = clause_actions(_AUX.sub("", action, count=1), ctx) or clause_actions(action, ctx)
    if not steps:
        return None
    return cond, list(steps)


# a subject that is itself the measure compared ("Scores between 0 and 6", "Ratings under 3")
_MEASURE = re.compile(
    r"^\s*(?:and\s+|but\s+)?(?:all\s+|the\s+|any\s+)?"
    r"(score|rating|amount|total|budget|age|weight|temperature)s?\b",
    re.IGNORECASE,
)


def opens_subject_case(clause: str, ctx: Context) -> bool:
    """The next sentence goes on with the branch: a subject comparison, the others, or a size
    word that names the items a comparison left out ("Smaller orders …")."""
    return (
        _subject(clause, ctx) is not None
        or _OTHERS.match(clause) is not None
        or size_case(clause) is not None
    )


# "everyone else", "the remaining leads", "other payments", "剩下的订单": the items no case took
_OTHERS = re.compile(
    r"^\s*(?:and\s+|but\s+)?(?:(?:everyone|everybody|everything|anyone|anybody)\s+else\b|"
    r"(?:all\s+)?(?:the\s+)?(?:remaining|other)\s+[a-z][a-z-]*s\b|"
    r"(?:剩下|剩余|其余|其他|其它)的?[\u4e00-\u9fff]{0,3}?(?=[，,]|都|也|就|则|(?:在|用|发|转|推|通知|"
    r"放|存|写|记录|同步|创建|更新|添加|加到|加入|给|把)))",
    re.IGNORECASE,
)


def as_otherwise(b: Builder, clause: str) -> str:
    """ "everyone else gets a polite email …" while a branch is open: "otherwise …" (its words
    after the subject, without "gets"/"are"/"should be")."""
    if b.branch is None or b.branch.closed:
        return clause
    m = _OTHERS.match(clause)
    if m is None:
        return clause
    rest = clause[m.end() :]
    plain = _AUX.sub("", rest, count=1)
    return "otherwise " + (plain if plain.strip() else rest)
