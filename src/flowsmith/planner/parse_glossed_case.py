"""The other side of a case whose head names a kind and glosses it in brackets: "如果是海外订单
（收货国家不是中国）就…，国内的直接…", "if it's an international order (shipping country is not
US) create …, domestic ones just get posted to …".

The bracketed gloss is what the case tests, so the case's condition is on a field ("country ne
中国"), not on the kind; the next clause names another kind of the same items by itself
("国内的", "domestic ones"): it is that case's other side, not one more step inside it.

Invariants: reads only while the open branch has exactly one case and its phrase puts a
bracket right after a short head; the clause's kind differs from that head, names no service
and is no "other" word; the clause's action names steps. Pure: no I/O, no clock.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from flowsmith.planner.parse_context import CJK, Context
from flowsmith.planner.parse_steps import clause_actions
from flowsmith.planner.parse_subject_cases import _kind as kind_said

if TYPE_CHECKING:
    from flowsmith.planner.parse_clauses import _Builder as Builder

__all__ = ["glossed_other_side"]

# the case's head and its gloss: "如果是海外订单（…）", "if it's an international order (…)"
_HEAD_GLOSSED = re.compile(
    r"^\s*(?:如果|要是|假如|若)?\s*(?:是|为)?\s*(?P<zh>[\u4e00-\u9fff\w]{1,8})\s*[（(][^（()）]{2,40}[)）]"
    r"|^\s*(?:if|when)\s+(?:it'?s|it\s+is|this\s+is|the\s+\w+\s+is)\s+(?:an?\s+)?"
    r"(?P<en>[a-z][a-z-]*(?:\s+[a-z][a-z-]*)?)\s*\([^()]{2,60}\)",
    re.IGNORECASE,
)
# "国内的直接发到…", "普通的就…": a kind alone, then its action
_ZH_KIND_ALONE = re.compile(
    r"^\s*(?P<k>[\u4e00-\u9fff\w]{1,6}?)(?:订单|客户|用户|单)?的(?:话)?[，,]?\s*(?:就|则|都|直接|只)*(?P<a>\S.*)$"
)
_OTHER = re.compile(r"^(?:其他|其余|其它|剩下|剩余|别的|另外|否则|不然|要不然|不是|非)")


def _glossed_head(b: Builder) -> str | None:
    """The head of the open branch's only case when its phrase glosses it in brackets."""
    br = b.branch
    if br is None or br.closed or len(br.cases) != 1 or br.cases[0].condition is None:
        return None
    m = _HEAD_GLOSSED.match(br.phrase or "")
    if m is None:
        return None
    return (m.group("zh") or m.group("en") or "").lower()


def _other_kind(clause: str, head: str, ctx: Context) -> list[object] | None:
    """The steps of ``clause`` when it names a kind other than ``head`` alone, else None."""
    if CJK.search(clause):
        m = _ZH_KIND_ALONE.match(clause)
        if m is None:
            return None
        kind, action = m.group("k"), m.group("a")
        if _OTHER.match(kind) or kind in head or ctx.index.mentions(kind, implicit=False):
            return None
        return list(clause_actions(action, ctx)) or None
    read = kind_said(clause, ctx)
    if read is None or read[0] in head or head in read[0]:
        return None
    return read[2]


def glossed_other_side(b: Builder, clause: str, ctx: Context) -> bool:
    """Another kind said alone after a case glossed in brackets: that case's other side."""
    head = _glossed_head(b)
    if head is None:
        return False
    steps = _other_kind(clause, head, ctx)
    if not steps or not b.otherwise():
        return False
    b.add(steps)
    return True
