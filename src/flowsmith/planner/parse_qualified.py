"""Qualified steps in a clause: "only sync the ones over $500 to Salesforce" / "只通知紧急的到
钉钉群" (the action is for the items a qualifier picks), "every customer whose …" (where those
items are produced: the loop, else the last read), and the data word a read names, kept for a
later "if it is …".

Invariants: nothing here adds a step; it reads words and returns a condition, an index into
the steps given, or sets ``ctx.subject``. Pure: no I/O.
"""

from __future__ import annotations

import re
from typing import Any

from flowsmith.core.services import verb_of
from flowsmith.planner import lexicon as lx
from flowsmith.planner.frame import Condition, CoreStep, ServiceStep, Transform
from flowsmith.planner.parse_conditions import parse_condition
from flowsmith.planner.parse_context import CJK, TOKEN, Context
from flowsmith.planner.parse_tree import DraftLoop

# "only sync the ones over $500 to Salesforce", "只通知紧急的到钉钉群": the action is for the
# items a qualifier picks
_ONLY_EN = re.compile(
    r"^\s*(?:and\s+)?only\s+(?P<verb>[a-z]+)\s+(?:the\s+)?(?:ones|those|items|[a-z]+s)\s+"
    r"(?P<q>.+?)(?=\s+(?:to|in|into|on|via|with)\s+|$)",
    re.IGNORECASE,
)
_ONLY_ZH = re.compile(
    r"^\s*(?:只|仅)(?:把|将)?(?P<verb>通知|发送?|同步|转发?|推送|处理|保存|记录|提醒)?"
    r"(?P<q>[\u4e00-\u9fff\w]{1,8}?)的"
)


def only_for(clause: str, ctx: Context) -> tuple[Condition, str] | None:
    m = _ONLY_EN.match(clause) or _ONLY_ZH.match(clause)
    if m is None:
        return None
    said = m.group("q")
    cond = parse_condition(("those " if not CJK.search(said) else "") + said, ctx)
    if cond is None:
        return None
    them = "" if CJK.search(said) else " them "
    rest = (m.group("verb") or "") + them + clause[m.end() :]
    return cond, rest


# "every customer whose …", "all orders where …": the items a write is for
WHOSE = re.compile(
    r"(?<=\s)(?:whose|where)\s|\b(?:every|each|all|any)\s+[a-z]+\s+(?=(?:that|who|which)\s)",
    re.IGNORECASE,
)


def qualified_at(steps: list[Any]) -> int | None:
    """Where the items a qualifier speaks of are produced: the loop, else the last read."""
    if any(isinstance(s, Transform) and s.kind == "filter" for s in steps):
        return None
    loops = [i for i, s in enumerate(steps) if isinstance(s, DraftLoop)]
    if loops:
        return loops[-1]
    reads = [i for i, s in enumerate(steps) if _is_read(s)]
    return reads[-1] if reads else None


def changes(steps: list[Any]) -> bool:
    """Whether the clause's steps are changes of an app's items only (an update or a
    delete): a qualifier on their noun ("the rows that are older than 7 days") picks the
    items changed."""
    return bool(steps) and all(
        isinstance(s, ServiceStep) and s.app and verb_of(s.operation or "") & {"update", "delete"}
        for s in steps
    )


def _is_read(step: Any) -> bool:
    if isinstance(step, ServiceStep):
        op = (step.operation or "").lower()
        return op.startswith(("get", "list", "search", "read", "find", "select")) or "query" in op
    return (
        isinstance(step, CoreStep)
        and step.params.get("method", "GET") == "GET"
        and bool(step.params.get("url"))
    )


def note_subject(clause: str, steps: list[Any], ctx: Context) -> None:
    """The data word a read names ("check our Stripe balance" -> balance), for "if it is …"."""
    if not any(_is_read(s) for s in steps):
        return
    low = TOKEN.sub(" ", clause).lower()
    for s in steps:
        res = getattr(s, "resource", None) or ""
        if _is_read(s) and res and re.search(rf"\b{re.escape(res.lower())}\b", low):
            ctx.subject = res.lower()
            return
    for word, name in lx.FIELD_ZH_NAMES.items():
        if word in low or re.search(rf"\b{name}\b", low):
            ctx.subject = name
            return
