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

from flowsmith.planner import lexicon as lx
from flowsmith.planner.frame import Think
from flowsmith.planner.parse_ai_asked import AI_NAME
from flowsmith.planner.parse_context import CJK, Context, unmask
from flowsmith.planner.parse_judged import each_mood
from flowsmith.planner.parse_split import clauses
from flowsmith.planner.parse_split import sentences as sentences_of
from flowsmith.planner.parse_thinking import thinking

if TYPE_CHECKING:
    from flowsmith.planner.parse_clauses import _Builder as Builder

_SORTS = re.compile(
    # "收到新邮件后让AI…", "对话进来就用AI…": the event's words may stay before the AI clause
    r"^\s*(?:[^，,。；;：:]{0,24}?(?:后|就|时))?(?:先|再|并)?(?:用|让|请|叫|交给|通过)\s*"
    + AI_NAME
    + r"\s*(?:来|去)?\s*"
    r"(?:判断|识别|检测|分析|看看|看一下|看|分(?:一下|个)类|分类|归类|确定|区分)(?!.*(?:是不是|是否))|"
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
    r"messages?|customers?|tickets?|requests?|items?|issues?|leads?|reviews?|people|reports?|"
    r"posts?|articles?|stories|videos?|comments?|mentions?|alerts?|applications?|entries))?"
    r"\s*(?=(?:go|goes|get|gets|become|becomes|are|is|to|into|should|turn|turns|just)\b|→|->|:)|"
    # "Spanish ones a Freshdesk ticket": a verb left out after the first case
    r"^\s*(?:and\s+)?(?:the\s+|all\s+)?(?P<o>[a-z][\w-]*)\s+ones\b",
    re.IGNORECASE,
)
# "发票类的…", "账单类转发…" (the class word may stand for 的)
_HEAD_ZH = re.compile(r"^\s*(?:如果是|是)?(?P<w>[\u4e00-\u9fff]{1,4}?)(?:类的?|的)")
_FALLBACK = re.compile(
    r"^(?:rest|others?|anything|everything|all|remaining|else|any|something|"
    r"其他|其它|其余|剩下|剩余|别的|另外|不是|不|否)",
    re.IGNORECASE,
)


# a case head said alone before an arrow ("Bugs -> …", "feature requests -> …"), which the
# trigger reader has turned into "Bugs, then …"
_BARE_HEAD = re.compile(
    r"\s*(?:and\s+)?(?:the\s+|all\s+)?(?P<w>[a-z][\w-]*)(?:\s+[a-z]+)?\s*", re.I
)
_THEN = re.compile(r"^\s*then\b", re.IGNORECASE)


def _headed(text: str) -> dict[str, str]:
    """The categories the clauses of ``text`` open with (without the fallback), in order,
    each with the clause it heads."""
    heads: dict[str, str] = {}
    for sentence in sentences_of(text.lstrip(" —–:：,，")):
        parts = clauses(sentence)
        for clause, nxt in zip(parts, [*parts[1:], ""], strict=True):
            m = _HEAD_ZH.match(clause) or _HEAD_EN.match(clause)
            if m is None and _THEN.match(nxt):
                m = _BARE_HEAD.fullmatch(clause)  # "Bugs -> Linear", read as "Bugs, then Linear"
            word = (m.group("w") or m.groupdict().get("o") or "").lower() if m else ""
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


# "have AI pull out the patient id and whether anything is flagged abnormal", "让AI提取订单号
# 以及客户是否要求退款": a yes/no an AI step gives, among other values it extracts
_WHETHER = re.compile(
    r"^\s*(?:and\s+|then\s+|first\s+)*(?:ask|use|have|let|get)\s+" + AI_NAME + r"\s+"
    r"[^.;:]{0,80}?\b(?:whether|if)\s+(?P<en>[^.;:]{2,60}?)\s*(?:or not)?\s*$|"
    r"^\s*(?:先|再|并)?(?:用|让|请|叫|交给|通过)\s*" + AI_NAME + r"[^，,。；;：:]{0,30}?"
    r"(?:是否|是不是)(?P<zh>[^，,。；;：:]{1,16})$",
    re.IGNORECASE,
)
# "… use AI to read the feedback and decide whether it reports a bug", "AI summarises each
# post and says whether it's about pricing": the question in a clause of its own, right
# after the AI step
_DECIDE = re.compile(
    r"^\s*(?:and\s+|then\s+)*(?:decides?|determines?|works? out|figures? out|judges?|checks?|"
    r"tells?|says?|notes?)\s+"
    r"(?:whether|if)\s+(?P<en>[^.;:]{2,60}?)\s*(?:or not)?\s*$",
    re.IGNORECASE,
)


def _after_ai(b: Builder) -> bool:
    """Whether the last step so far is an AI step (a question after it is put to it)."""
    return bool(b.current) and isinstance(b.current[-1], Think)


_NOT = ("不", "没", "非", "未", "无")


def _said_word(head: str, low: str) -> bool:
    """Whether the Latin ``head`` is a word of ``low``, in the singular or plural ("Bugs → …"
    after "decide if it's a bug report")."""
    stem = re.sub(r"(?<=\w\w)(?:es|s)$", "", head)
    return (
        re.search(r"\b(?:" + re.escape(head) + "|" + re.escape(stem) + r"(?:e?s)?)\b", low)
        is not None
    )


def _asked_heads(question: str, heads: list[str]) -> list[str]:
    """The heads of the following cases, the one the question asks about first: a Latin head
    must be a word of the question ("abnormal", not "normal", in "flagged abnormal"), a
    Chinese one a part of it ("要求退款")."""
    low = question.lower()
    said = [h for h in heads if (_said_word(h, low) if h.isascii() else h in low)]
    return [said[0], *[h for h in heads if h != said[0]]] if said else []


def ai_whether_case(b: Builder, clause: str, ctx: Context) -> bool:
    """ "have AI work out … and whether X. X ones …; the rest …": a classifier whose categories
    are the case heads after it, the one the question names first (the rest fall back)."""
    said = unmask(clause, ctx)
    m = _WHETHER.match(said) or (_DECIDE.match(said) if _after_ai(b) else None)
    if m is None or (b.branch is not None and not b.branch.closed):
        return False
    at = b.text.find(clause)
    after = b.text[at + len(clause) :]
    heads = _asked_heads(m.group("en") or m.groupdict().get("zh") or "", category_heads(after))
    if not heads or any(n + heads[0] + "的" in after for n in _NOT):
        return False  # "紧急的…；不紧急的…": a yes/no the value readers test by its two words
    cats = heads if len(heads) > 1 else [heads[0], "其他" if CJK.search(heads[0]) else "other"]
    extracted = _also_extracted(said[: m.start(m.lastgroup or 0)], ctx)
    ctx.made.add("classify")
    ctx.classified = True
    ctx.categories = cats
    b.add([*extracted, Think("classify", params={"categories": list(cats)}, phrase=said.strip())])
    return True


# the words that ask the yes/no, at the end of what is said before it ("… and whether",
# "…以及是否")
_WHETHER_WORDS = re.compile(
    r"[\s,，、]*(?:(?:and|as well as|plus)\s+)?(?:whether|if)\s*$|"
    r"[\s,，、]*(?:以及|和|并且|还有|并|与|及)?\s*(?:是否|是不是)\s*$",
    re.IGNORECASE,
)


def _also_extracted(lead: str, ctx: Context) -> list[Think]:
    """ "have AI pull out the patient id and whether …", "让AI提取订单号以及是否…": the other
    values the AI step is asked for, extracted before the yes/no is sorted on (none when the
    clause asks for the yes/no alone)."""
    lead = _WHETHER_WORDS.sub("", lead)
    if not lx.THINK["extract"].search(lead):
        return []
    found = [t for _, t in thinking(lead, lead.strip(), ctx) if t.kind == "extract"]
    return [t for t in found if t.params.get("fields")][:1]


def bare_category(clause: str, ctx: Context) -> tuple[re.Match[str] | None, str]:
    """A clause that is only a category the classifier has ("Bugs", "feature requests": an
    arrow's head, its actions in the clauses after it): (match, category), else (None, "").
    Only after a classifier (``ctx.classified``), so a bare noun elsewhere opens no case."""
    m = _BARE_HEAD.fullmatch(clause) if ctx.classified else None
    if m is None:
        return None, ""
    word = m.group("w").lower()
    for form in (word, re.sub(r"ies$", "y", word), re.sub(r"e?s$", "", word), word[:-1]):
        if form in ctx.categories:
            return m, form
    return None, ""
