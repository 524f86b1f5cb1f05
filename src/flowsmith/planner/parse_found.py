"""Conditions on what a read found: "看看Asana里有没有逾期任务，有的话发Slack提醒我",
"check Sentry for new errors and if there are any, page me", "有没有新的fatal错误，有的话…".

The actions said after "有的话" / "if there are any" run only for items the read before them
returned; when the question names a level ("fatal", "critical", "严重"), only for items of
that level. "没有就别发" then answers the case with nothing.

Invariants: each reader returns False (and changes nothing) unless the step the builder
added last is a read of a service (the condition is about its items) and no case is open;
steps go where the builder's ``current`` points. Pure: no I/O, no clock.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from flowsmith.planner.frame import Condition, ServiceStep
from flowsmith.planner.parse_ai_sorted import category_heads
from flowsmith.planner.parse_context import Context, unmask
from flowsmith.planner.parse_judged import each_mood
from flowsmith.planner.parse_steps import clause_actions

if TYPE_CHECKING:
    from flowsmith.planner.parse_clauses import _Builder as Builder

# "有的话…", "如果有就…", "if there are any, …": yes to "did the read find anything"
_ANY_FOUND = re.compile(
    r"^\s*(?:and\s+)?(?:if\s+(?:there\s+(?:are|is)\s+(?:any|some|one)|any\s+(?:are|were)\s+"
    r"found|it finds (?:any|some))\b|(?:如果)?有(?:的话|就|则))[\s,，:：]*(?:就|则|then\b)?\s*",
    re.IGNORECASE,
)
# "有没有新的 fatal 错误", "are there any critical alerts": the question the read answers
_ASKED = re.compile(
    r"(?:有没有|是否有|有无)(?P<zh>[^，,。；;]+)$|"
    r"\b(?:are there any|is there any)\s+(?P<en>[a-z][\w -]*)\??$",
    re.IGNORECASE,
)
# a level an item carries ("fatal", "严重"): the asked items are those of that level
# (letters, not \b, bound the word: "新的fatal级别错误" has no word break before "fatal")
_LEVEL = re.compile(
    r"(?<![a-z])(fatal|critical|error|warning|high|urgent)(?![a-z])|(致命|严重|紧急)",
    re.IGNORECASE,
)
_READ_OPS = ("get", "getall", "list", "search", "read", "query", "find")


def _read_last(b: Builder) -> ServiceStep | None:
    """The read of a service the builder added last, when it is the last step said."""
    last: Any = b.current[-1] if b.current else None
    if not isinstance(last, ServiceStep) or last.app is None:
        return None
    op = (last.operation or "get").lower()
    return last if any(op.startswith(r) for r in _READ_OPS) else None


def _found(asked: str, phrase: str) -> Condition:
    """The items the read found, or those of the level the question names."""
    level = _LEVEL.search(asked)
    if level:
        word = (level.group(1) or level.group(2)).lower()
        return Condition("level", "eq", word, phrase)
    return Condition("id", "not_empty", None, phrase)


def asked_case(b: Builder, clause: str, ctx: Context) -> bool:
    """ "有没有新的 fatal 错误" said alone after a read: opens the case "有的话" acts in."""
    said = unmask(clause, ctx).strip()
    m = _ASKED.match(said)
    if m is None or _read_last(b) is None or ctx.index.mentions(clause, implicit=False):
        return False
    if b.branch is not None and not b.branch.closed:
        return False
    b.open_case(_found(m.group(0), said), said, same=False)
    return True


# "有新的 fatal 错误的话就…": new items (of a level) the read found
_NEW_FOUND = re.compile(
    r"^\s*(?:如果)?有(?P<x>新的?[^，,的]{0,12}?(?:的[^，,]{0,8}?)?)的话[\s,，]*(?:就|则)?\s*"
)


def new_found_case(b: Builder, clause: str, ctx: Context) -> bool:
    """ "有新的 fatal 错误的话就发 Telegram": the actions run for the new items the read before
    found, of the level named."""
    m = _NEW_FOUND.match(clause)
    if m is None or _read_last(b) is None or (b.branch is not None and not b.branch.closed):
        return False
    steps = clause_actions(clause[m.end() :], ctx)
    if not steps:
        return False
    phrase = unmask(clause[: m.end()], ctx).strip(" ,，")
    b.open_case(_found(m.group("x"), phrase), phrase, same=False)
    b.add(steps)
    return True


def mood_case(b: Builder, clause: str, ctx: Context) -> bool:
    """ "open a Zendesk ticket for each negative one": the action runs for the items whose
    sentiment (from the sentiment step before) is the one named."""
    said = each_mood(clause)
    if said is not None and ctx.classified and set(category_heads(clause)) & set(ctx.categories):
        return False  # "积极的…" after "让AI判断情绪：": a category the classifier has
    steps = clause_actions(said[1], ctx) if said is not None else []
    if said is None or not steps or (b.branch is not None and not b.branch.closed):
        return False
    b.open_case(said[0], unmask(clause, ctx).strip(), same=False)
    b.add(steps)
    return True


def found_case(b: Builder, clause: str, ctx: Context) -> bool:
    """ "有的话发Slack提醒我", "if there are any, page me": the actions run for what the read
    just before found (of the level its question named)."""
    m = _ANY_FOUND.match(clause)
    read = _read_last(b)
    if m is None or read is None or (b.branch is not None and not b.branch.closed):
        return False
    rest = clause[m.end() :]
    steps = clause_actions(rest, ctx)
    if rest.strip(" ,，.。") and not steps:
        return False  # "if there are any, …" alone: the next clause acts in the case
    asked = _ASKED.search(read.phrase)
    phrase = unmask(clause[: m.end()], ctx).strip(" ,，")
    b.open_case(_found(asked.group(0) if asked else "", phrase), phrase, same=False)
    b.add(steps)
    return True
