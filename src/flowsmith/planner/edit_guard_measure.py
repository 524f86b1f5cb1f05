"""Lengths an edit's condition is said with: a vague word pinned by its bracket ("short posts
(under 300 words)": the bracket's comparison on the words), and a length counted in Chinese
characters or words ("少于300字": the word count, not a price).

Invariants: ``bracketed`` returns the bracket's condition only when it is a comparison and the
words before the bracket hold no digit; ``counted_zh`` changes only the field of a condition
read on "price" or "value" when a number is followed by 字/词/字符; ``counted`` changes only
the field of a comparison whose number is followed by a length unit ("300 words"). Pure.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from flowsmith.planner.frame import Condition
from flowsmith.planner.text import rx

__all__ = ["bracketed", "counted", "counted_zh"]

_BRACKET = rx(r"^(?P<pre>[^()（）]*?)\s*[(（](?P<inner>[^()（）]+)[)）]\s*$")
_COMPARE = frozenset({"lt", "gt", "lte", "gte"})
_COMPARE_SAID = rx(r"\d[\d,]*\s+(?P<u>words|characters|chars|letters|lines|sentences|pages)\b")
_ZH_UNIT = rx(r"\d\s*个?(?P<u>字符|单词|字|词)(?!段)")
_ZH_FIELDS = {"字": "words", "词": "words", "单词": "words", "字符": "characters"}


def bracketed(phrase: str, read: Callable[[str], Condition | None]) -> Condition | None:
    """ "short posts (under 300 words)" -> the condition ``read`` gives "under 300 words"."""
    m = _BRACKET.match(phrase.strip())
    if m is None or re.search(r"\d", m.group("pre")):
        return None
    inner = read(m.group("inner"))
    return inner if inner is not None and inner.op in _COMPARE else None


def counted_zh(cond: Condition | None, phrase: str) -> Condition | None:
    """ "少于300字" read on the price: the word count instead; ``cond`` otherwise."""
    if cond is None or cond.field not in ("price", "value"):
        return cond
    m = _ZH_UNIT.search(phrase)
    if m is None:
        return cond
    return Condition(_ZH_FIELDS[m.group("u")], cond.op, cond.value, cond.phrase)


def counted(cond: Condition | None, phrase: str) -> Condition | None:
    """ "posts under 300 words" read on the posts: a comparison of the words counted."""
    if cond is None or cond.op not in _COMPARE:
        return cond
    m = _COMPARE_SAID.search(phrase)
    if m is None or cond.field == m.group("u").lower():
        return cond
    return Condition(m.group("u").lower(), cond.op, cond.value, cond.phrase)
