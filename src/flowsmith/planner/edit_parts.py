"""An edit message with several independent changes: "改成每周五下午5点半跑；发Teams之前先让AI把
统计写成一段话", "stop using Dropbox, store it on Nextcloud. and run it on Sundays at 2am",
"use SeaTable instead of the sheet, and big leases should also become a Pipedrive deal".

Invariants: the message is cut only at strong joins (";", "；", "。", a sentence end,
"另外/而且/此外/还有" after a comma, ", and"/", also" when the later part says "also/too/as
well"); each part is read on its own against the workflow the parts before it produced, so
a later part sees the steps an earlier one added or replaced. The parts are used only when
every one of them asks for a change on its own; otherwise the caller reads the whole message.
Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from flowsmith.core.models import Workflow
from flowsmith.planner.edit_apply import apply_edits
from flowsmith.planner.edit_guard_said import negated_again
from flowsmith.planner.edit_guard_still import KEEP
from flowsmith.planner.plan import EditOp
from flowsmith.planner.text import detect_lang

__all__ = ["read_in_parts", "split_parts"]

# a join that always starts a new change (the join itself is dropped)
_HARD = re.compile(
    r"\s*[；;。！!]\s*|(?<=[a-z0-9)\"'’”])\.\s+(?=[A-Za-z\u4e00-\u9fff])|"
    r"[，,]\s*(?:另外|而且|此外|还有|再者)[，,]?\s*",
    re.IGNORECASE,
)
# ", and …" / ", also …": a new change only when the later part says it adds ("also", "too")
_SOFT = re.compile(r"\s*[,，]\s*(?:and\s+also|and|also)\s+", re.IGNORECASE)
_ADDS = re.compile(r"\b(?:also|too|as well)\b", re.IGNORECASE)
# a part that only states a condition ("for orders over $500", "金额超过10000的合同"): the
# next part is its step, not a change of its own
_ONLY_CONDITION = re.compile(
    r"^(?:if|when|whenever|for|only\s+(?:if|when|for))\b[^,，]*$|的(?:话|时候)?$|"
    r"^(?:如果|若|当|要是)[^，,]*$|"
    # "金额超过10000的合同", "状态是已签约的客户" name the items; "超过3天没联系的才提醒"
    # already says the act
    r"^[^，,]*(?:超过|低于|高于|大于|小于|少于|多于|不到|以上|以下|是|为)[^，,]*的(?![才就再都也别不只])"
    r"[\u4e00-\u9fff]{1,4}$",
    re.IGNORECASE,
)
# a part about the other items of the one before ("shorter ones go to …", "其余的发…")
_THE_OTHERS = re.compile(
    r"\b(?:ones|the\s+rest|others|otherwise|else|remaining|either\s+way)\b|"
    r"\bif (?:not|none|nothing)\b|\bif (?:it|they) (?:came|comes?|is|was) (?:back )?empty\b|"
    r"其余|其他的|其它的|剩下|剩余|否则|不然|反之",
    re.IGNORECASE,
)
_LEAD = re.compile(r"^(?:and|also|and also|plus|then)\b[,\s]*", re.IGNORECASE)

Parse = Callable[[str, Workflow], list[EditOp]]


def split_parts(text: str) -> list[str]:
    """The independent parts of ``text`` (one part when it has no strong join, or when a later
    part is about "the others": a list of cases); a cut after a bare condition is not made."""
    cuts = sorted([*_hard_cuts(text), *_soft_cuts(text)])
    if cuts and _THE_OTHERS.search(text, cuts[0][1]):
        return [text.strip()]  # "warning → Jira; critical keep SMS; everything else Slack": cases
    if any(negated_again(text[:a], text[b:]) for a, b in cuts):
        return [text.strip()]  # "有货的话…；没货就…": the other output of the same check
    parts: list[str] = []
    begin = 0
    kept: list[tuple[int, int]] = []
    for a, b in cuts:
        if a < begin:
            continue  # overlapping joins: the first one read wins
        before = text[begin:a].strip()
        if len(before) < 4 or _ONLY_CONDITION.search(_without_kept(before)):
            continue
        kept.append((a, b))
        parts.append(before)
        begin = b
    parts.append(text[begin:].strip())
    return [_LEAD.sub("", x).strip() for x in parts if len(x.strip()) >= 4]


def _without_kept(part: str) -> str:
    """``part`` without trailing clauses that keep a step as it is ("…的话，Teams照发"): a
    condition followed only by what still happens is still a bare condition."""
    pieces = re.split(r"[,，]\s*", part)
    while len(pieces) > 1 and KEEP.search(pieces[-1]):
        pieces.pop()
    return "，".join(pieces) if len(pieces) < len(re.split(r"[,，]\s*", part)) else part


def _hard_cuts(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _HARD.finditer(text)]


def _soft_cuts(text: str) -> list[tuple[int, int]]:
    out = []
    for m in _SOFT.finditer(text):
        nxt = _HARD.search(text, m.end())
        later = text[m.end() : nxt.start() if nxt else len(text)]
        if _ADDS.search(later) or m.group(0).strip(" ,，").lower().startswith("also"):
            out.append((m.start(), m.end()))
    return out


def read_in_parts(text: str, current: Workflow, parse: Parse) -> list[EditOp] | None:
    """The ops of each part of ``text`` in turn, each read against the workflow the earlier
    parts produced; None when ``text`` has one part or a part asks for nothing."""
    parts = split_parts(text)
    if len(parts) < 2:
        return None
    lang = detect_lang(text)
    ops: list[EditOp] = []
    now = current
    for part in parts:
        mine = parse(part, now)
        if not mine:
            return None
        result = apply_edits(now, mine, lang)
        if not result.changed:
            return None
        ops += mine
        now = result.workflow
    return ops
