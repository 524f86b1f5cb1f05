"""Where a clause's condition is: a leading "if …" (or a bare comparison, a Chinese
"…就…", "…的话…", "只有…才…"), a trailing "… only if …" / "unless …", and where its action
starts.

Invariants: a reader returns ``(condition, action words)`` or ``(action words, condition)``,
or None when no condition is said; the condition comes from
:func:`~flowsmith.planner.parse_conditions.parse_condition` (or, after an explicit "if", its
guess); the action words are the user's, minus the condition. Pure: no I/O, no clock.
"""

from __future__ import annotations

import re

from flowsmith.planner import lexicon as lx
from flowsmith.planner.frame import Condition
from flowsmith.planner.parse_cases import by_doing, only_kind, zh_relative
from flowsmith.planner.parse_conditions import guess_condition, negate, parse_condition
from flowsmith.planner.parse_context import CJK, ZH_CLAUSE_COND, Context
from flowsmith.planner.parse_steps import clause_actions


def leading_condition(clause: str, ctx: Context) -> tuple[Condition, str] | None:
    w = _FOR_WHOM.match(clause)
    if w and not _NOT_A_KIND.fullmatch(w.group(1).lower()):
        return Condition(w.group(1).lower(), "is_true", None, w.group(0).strip(" ,:")), clause[
            w.end() :
        ]
    m = lx.IF_OPEN.match(clause) or BARE_COMPARE.match(clause)
    if m is None:
        return zh_condition(clause, ctx) if CJK.search(clause) else None
    body = clause[m.end() :]
    only = _ONLY_THEN.match(body) if re.search(r"只有|仅当|只要", m.group(0)) else None
    if only:  # "只有优先级是紧急的才发短信"
        cond = parse_condition(only.group(1), ctx)
        if cond is not None:
            return cond, only.group(2)
    z = ZH_CLAUSE_COND.match(body) if CJK.search(body) else None
    if z:
        cond = parse_condition(z.group("c"), ctx)
        if cond is not None:
            return cond, z.group("a")
    t = lx.THEN_WORD.search(body)
    if t and t.start() > 0:
        cond = parse_condition(body[: t.start()], ctx)
        if cond is not None:
            return cond, body[t.end() :]
    starts = _action_starts(body, ctx)
    for start in starts:
        cond = parse_condition(body[:start], ctx)
        if cond is not None and complete(body[:start]):
            return cond, body[start:]
    short = _shortest(body, ctx)
    if short is not None:
        return short
    n = _AFTER_NUMBER.match(body)
    if n:
        cond = parse_condition(n.group(1), ctx)
        if cond is not None:
            return cond, body[n.end() :]
    cond = parse_condition(body, ctx)
    if cond is not None:
        return cond, ""
    if starts and not (t and t.start() > 0):
        guessed = _guessed(m.group(0), body[: starts[0]], None, ctx)
        return (guessed[0], body[starts[0] :]) if guessed else None
    return _guessed(m.group(0), body, t, ctx)


_ONLY_THEN = re.compile(r"^(.+?)(?:的时候|时|的)?(?:才|就)(.+)$")
# "over $1000 ask my manager …": a comparison ends at its number (and unit)
_AFTER_NUMBER = re.compile(
    r"^(.*?\d[\d,.]*\s*(?:k|m|usd|eur|dollars?|euros?|%|元|万|千|块)?)\s+(?=[a-z]+\s+\S)(?!or\b|and\b|"
    r"usd\b|eur\b|dollars?\b|euros?\b|days?\b|hours?\b|minutes?\b|seconds?\b|percent\b)",
    re.IGNORECASE,
)


# "only for VIP customers, …": a kind of item the rest of the clause is for
_FOR_WHOM = re.compile(
    r"^\s*(?:and\s+)?(?:only\s+)?for\s+(?:the\s+|all\s+)?([A-Za-z][\w-]*)\s+"
    r"(?:customers|users|clients|leads|orders|contacts|members|accounts|subscribers|deals|"
    r"tickets|issues)\b\s*[,:]?\s*",
    re.IGNORECASE,
)
_NOT_A_KIND = re.compile(r"new|each|every|all|our|my|the|these|those|both|any|other|such|them")
# "under $100 refund it", "over 1000: ask for approval": a case with the comparison first
BARE_COMPARE = re.compile(
    r"^\s*(?:and\s+|but\s+)?(?:only\s+)?(?:for\s+)?(?=(?:the\s+|all\s+|any\s+)?"
    r"(?:(?:anything|those|ones|amounts?|orders?|items?|requests?|values?|[a-z]+)\s+)?"
    r"(?:(?:that|which|who)\s+)?(?:(?:are|is|have|has|[a-z]+ing|[a-z]+ed)\s+)?"
    r"(?:under|over|below|above|less than|more than|at least|at most|older than|newer than|"
    r"younger than|greater than|fewer than|between)\s*[$€£¥]?\s*\d)",
    re.IGNORECASE,
)
# "成功就…", "已签收的就…": a Chinese case with no "如果"
_ZH_THEN = re.compile(
    r"^(?P<c>[^，,就则]{1,12}?)(?:(?P<adj>的话|的)?(?:就|则)|(?P<hua>的话))(?P<a>.+)$"
)


def zh_condition(clause: str, ctx: Context) -> tuple[Condition, str] | None:
    z = ZH_CLAUSE_COND.match(clause)
    if z:
        cond = parse_condition(z.group("c"), ctx)
        if cond is not None:
            return cond, z.group("a")
    z = _ZH_THEN.match(clause.strip())
    if z is None or ctx.index.mentions(z.group("c"), implicit=False):
        rel = zh_relative(clause, ctx)
        return rel if rel is not None and clause_actions(rel[1], ctx) else None
    cond = parse_condition(z.group("c"), ctx)
    if cond is None and z.group("adj") == "的" and CJK.search(z.group("c")):
        cond = Condition("status", "eq", z.group("c").strip(), z.group("c").strip())
    return (cond, z.group("a")) if cond is not None else None


def _guessed(
    opener: str, body: str, then: re.Match[str] | None, ctx: Context
) -> tuple[Condition, str] | None:
    """An explicit "if" whose words no grammar reads still guards its action."""
    if not re.search(r"\b(?:if|unless)\b|如果|假如|要是|若", opener, re.IGNORECASE):
        return None
    said = body[: then.start()] if then and then.start() > 0 else body
    action = body[then.end() :] if then and then.start() > 0 else ""
    if (
        not said.strip()
        or ctx.index.mentions(said, implicit=False)
        or lx.NEW_WORD.search(said)
        or len(said.split()) > 8
        or (CJK.search(said) and len(said.strip()) > 12)
    ):
        return None
    cond = guess_condition(said)
    return (cond, action) if cond is not None else None


def joined_condition(clause: str, ctx: Context) -> tuple[Condition, str] | None:
    """The second half of "if A and B, …" (split at "and"/"并且"): B, with its action."""
    body = re.sub(r"^\s*(?:and|且|而且)\s*", "", clause)
    t = lx.THEN_WORD.search(body)
    said, action = (body[: t.start()], body[t.end() :]) if t and t.start() > 0 else (body, "")
    cond = parse_condition(said, ctx)
    return (cond, action) if cond is not None and cond.op != "category" else None


def _shortest(body: str, ctx: Context) -> tuple[Condition, str] | None:
    """The longest words of ``body`` that make a whole condition, when the words after them
    are actions ("the sentiment is negative escalate it by creating a Jira bug", "the stage is
    closed won create an invoice"); the actions start on a word that can start a clause."""
    for gap in reversed(list(re.finditer(r"\s+", body))):
        said, rest = body[: gap.start()], body[gap.end() :]
        if NOT_A_START.match(rest) or not complete(said):
            continue
        cond = parse_condition(said, ctx)
        if cond is not None and clause_actions(by_doing(rest), ctx):
            return cond, rest
    return None


NOT_A_START = re.compile(
    r"(?:a|an|the|of|in|to|on|at|for|with|and|or|it|them|by|from|into|as|is|are)\b|__", re.I
)


def complete(text: str) -> bool:
    """A condition that ends on its verb ("if the email mentions") still needs its value."""
    return not re.search(
        r"\b(?:is|are|contains?|mentions?|includes?|than|equals?|to|no|not|without|has|have|with|"
        r"of|a|an|the|by|for|from|via|my|our|your|their|his|her)\s*$",
        text,
    )


def _action_starts(body: str, ctx: Context) -> list[int]:
    starts: set[int] = set()
    for pattern in (lx.CREATE_VERB, lx.READ_VERB, lx.UPDATE_VERB, lx.DELETE_VERB, lx.SMS_WORD):
        for m in pattern.finditer(body):
            if m.start() > 0 and not re.match(r"来|的|过", body[m.end() : m.end() + 1]):
                starts.add(m.start())  # "客户发来的投诉": a sender, not an action
    for mention in ctx.index.mentions(body):
        left = body[: mention.start]
        if lx.TO_WORD.search(left) and mention.start > 0:
            starts.add(lx.TO_WORD.search(left).start())  # type: ignore[union-attr]
    return sorted(starts)


def trailing_condition(clause: str, ctx: Context) -> tuple[str, Condition] | None:
    only = only_kind(clause, ctx) if not lx.FILTER.search(clause) else None
    if only is not None and clause_actions(only[0], ctx):
        return only
    for m in lx.IF_TRAILING.finditer(clause):
        if m.start() == 0:
            continue
        said = clause[m.end() :]
        cond = parse_condition(said, ctx)
        if cond is None and "only" in m.group(0).lower() and len(said.split()) <= 8:
            cond = guess_condition(said)  # "only if they opted in": explicit, so guarded
        if cond is not None:
            return clause[: m.start()], cond
    z = lx.ONLY_IF_ZH.search(clause)
    if z:
        cond = parse_condition(z.group(1), ctx)
        if cond is not None:
            return clause[: z.start()] + " " + clause[z.end() :], cond
    u = _UNLESS.search(clause)
    if u and u.start() > 0:
        said = clause[u.end() :]
        cond = parse_condition(said, ctx) or guess_condition(said)
        if cond is not None:
            return clause[: u.start()], negate(cond)
    return None


_UNLESS = re.compile(r"\s+(?:unless|except (?:if|when))\s+|除非", re.IGNORECASE)
