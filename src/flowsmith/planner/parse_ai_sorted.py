"""An AI asked to sort the item into categories that only the case clauses name: "have AI
detect its language: English ones become a Freshdesk ticket, Spanish ones go to Discord,
anything else …", "让AI判断邮件类型：发票类的记到Xero，投诉类的在Zendesk建工单，其余的…".

The AI clause becomes a classifier whose categories are read back from the heads of the
clauses after it; those clauses then open one case per category (the readers of category
cases know them from ``ctx.categories``) and "anything else" / "其余的" is the fallback.

Invariants: the reader returns False (and changes nothing) unless the clause asks an AI to
judge or sort the item, no case is open, and at least two category heads follow it; the
fallback words ("the rest", "其他…") are never a category. Pure: no I/O, no clock.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from flowsmith.planner.frame import Think
from flowsmith.planner.parse_ai_asked import AI_NAME
from flowsmith.planner.parse_context import Context, unmask
from flowsmith.planner.parse_judged import each_mood
from flowsmith.planner.parse_split import clauses
from flowsmith.planner.parse_split import sentences as sentences_of

if TYPE_CHECKING:
    from flowsmith.planner.parse_clauses import _Builder as Builder

_SORTS = re.compile(
    r"^\s*(?:先|再|并)?(?:用|让|请|叫|交给|通过)\s*" + AI_NAME + r"\s*(?:来|去)?\s*"
    r"(?:判断|识别|检测|分析|看看|看一下|看|分一下类|分类|归类|确定|区分)(?!.*(?:是不是|是否))|"
    r"^\s*(?:and\s+|then\s+|first\s+)*(?:ask|use|have|let|get)\s+" + AI_NAME + r"\s+"
    r"(?:to\s+)?(?:decide|detect|check|judge|tell|determine|classify|categori[sz]e|work out|"
    r"figure out|identify|sort|label|tag|triage|what)\b(?!.*\b(?:whether|if)\b)",
    re.IGNORECASE,
)
# "Sort every email … with AI", "classify each ticket using the model": the sorting verb
# first (a clause that also names a service reads from it; it is no classifier alone)
_SORTS_WITH = re.compile(
    r"^\s*(?:and\s+|then\s+|first\s+)*(?:sort|classify|categori[sz]e|tag|label|triage)\b"
    r"[^.;:]{0,80}?\b(?:with|using|via|through|by)\s+" + AI_NAME + r"\s*$",
    re.IGNORECASE,
)
# the head of a case clause: "English ones become …", "invoices go to …", "中文的…", "发票类的…"
_HEAD_EN = re.compile(
    r"^\s*(?:and\s+)?(?:the\s+|all\s+)?(?P<w>[a-z][\w-]*)(?:\s+(?:ones?|questions?|emails?|"
    r"messages?|customers?|tickets?|requests?|items?|issues?|leads?|reviews?|people))?\s*"
    r"(?=(?:go|goes|get|gets|become|becomes|are|is|to|into|should|turn|turns)\b|→|->|:)",
    re.IGNORECASE,
)
_HEAD_ZH = re.compile(r"^\s*(?:如果是|是)?(?P<w>[\u4e00-\u9fff]{1,4}?)类?的")
_FALLBACK = re.compile(
    r"^(?:rest|others?|anything|everything|all|remaining|else|any|something|"
    r"其他|其它|其余|剩下|剩余|别的|另外|不是|不|否)",
    re.IGNORECASE,
)


def _headed(text: str) -> dict[str, str]:
    """The categories the clauses of ``text`` open with (without the fallback), in order,
    each with the clause it heads."""
    heads: dict[str, str] = {}
    for sentence in sentences_of(text.lstrip(" —–:：,，")):
        for clause in clauses(sentence):
            m = _HEAD_ZH.match(clause) or _HEAD_EN.match(clause)
            word = m.group("w").lower() if m else ""
            if word and not _FALLBACK.match(word) and word not in heads:
                heads[word] = clause
    return heads


def category_heads(text: str) -> list[str]:
    """The categories the clauses of ``text`` open with, in order, without the fallback."""
    return list(_headed(text))


def ai_sorted_case(b: Builder, clause: str, ctx: Context) -> bool:
    """ "让AI判断是什么语言": a classifier over the categories the following cases name."""
    said = unmask(clause, ctx)
    sorts = _SORTS.match(said) is not None or (
        _SORTS_WITH.match(said) is not None and not ctx.index.mentions(said, implicit=False)
    )
    if not sorts or (b.branch is not None and not b.branch.closed):
        return False
    at = b.text.find(clause)
    headed = _headed(b.text[at + len(clause) :]) if at >= 0 else {}
    heads = list(headed)
    if len(heads) < 2:
        return False
    if all(each_mood(c) is not None for c in headed.values()):
        return False  # moods only ("积极的…，消极的…"): the sentiment step and its readers
    ctx.made.add("classify")
    ctx.classified = True
    ctx.categories = heads
    b.add([Think("classify", params={"categories": list(heads)}, phrase=said.strip())])
    return True
