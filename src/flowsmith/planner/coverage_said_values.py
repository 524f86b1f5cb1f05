"""Literal values the request says that the workflow must carry: addresses and tested words.

Two readings of the user's raw text, for :mod:`~flowsmith.planner.coverage_said`:

* :func:`unused_addresses`: every ``http(s)://`` address the text names ("check
  https://status.example.com", 从 https://api.example.cn/orders 拉取) that no node's
  parameters contain. An address is compared without its scheme, a trailing slash or the
  punctuation that ends the sentence, so ``https://x.com/feed`` is carried by a node whose url
  is ``https://x.com/feed?page=1`` too. An address after a negation ("instead of", 不要, 不用)
  is not asked for.
* :func:`untested_value`: a quoted word said as what a condition tests ("labelled
  'feature'", "if the product is 'Pro Course'", "mentions 'release'", 标签是“紧急”, 包含'发票')
  that no node's parameters contain, case aside: whatever decides, it does not test that
  word. A quoted comparison ("500万以上") is a number's test, not a word's, and is left out.

Invariants: only words of English and Chinese decide, never a service's name; each function
returns the first such value in text order, or ``None``. Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from flowsmith.core.models import Workflow
from flowsmith.planner.coverage_words import strings

_I = re.IGNORECASE
_ADDRESS = re.compile(r"https?://[^\s'\"“”‘’<>，。；！？、）)]+", _I)
_NEGATED = re.compile(
    r"(?:\binstead\s+of|\brather\s+than|\bnot|\bno\s+longer|\bstop\w*|\bremove\w*|"
    r"不要|不用|不再|别用|去掉|删掉|换掉)\s*(?:\S+\s*){0,2}$",
    _I,
)
# a condition word right before a quoted value: the value is what it tests
_TESTS = re.compile(
    r"(?:\b(?:is|equals?|isn'?t|is\s+not|says|mentions?|mentioning|contains?|containing|"
    r"includes?|including|labell?ed|tagged|with\s+(?:the\s+)?(?:label|tag|status|subject)|"
    r"starts?\s+with|starting\s+with|ends?\s+with|marked(?:\s+as)?|set\s+to|matches|"
    r"status\s+(?:is|of))"
    r"|是|等于|包含|含有|带有|提到|写了|标签是|状态是|状态为|开头是|以)\s*$",
    _I,
)
# a quoted comparison ("500万以上", "> 10") is tested by number, not by its words
_COMPARISON = re.compile(
    r"\d\s*\S{0,2}(?:以上|以下|以内)|[<>≥≤]|\b(?:over|under|above|below)\b", _I
)
_QUOTED = re.compile(r"'([^'\n]{1,40})'|\"([^\"\n]{1,40})\"|“([^”\n]{1,40})”|‘([^’\n]{1,40})’")


def unused_addresses(text: str, wf: Workflow) -> str | None:
    """The first address ``text`` asks for that no node's parameters contain."""
    carried = _squash(" ".join(s for n in wf.nodes for s in strings(n.parameters)))
    for m in _ADDRESS.finditer(text):
        if _NEGATED.search(text[max(0, m.start() - 40) : m.start()]):
            continue
        address = m.group(0).rstrip(".,;:!?/")
        if _squash(address) not in carried:
            return address
    return None


def untested_value(text: str, wf: Workflow) -> tuple[str, str] | None:
    """The first quoted value said as tested (with the words that say so) that no node's
    parameters contain."""
    carried = " ".join(s for n in wf.nodes for s in strings(n.parameters)).lower()
    for m, value in _quoted(text):
        before = text[max(0, m.start() - 30) : m.start()]
        if _TESTS.search(before) and value.strip().lower() not in carried:
            return value, (before.split()[-1] if before.split() else "") + m.group(0)
    return None


def _quoted(text: str) -> Iterator[tuple[re.Match[str], str]]:
    for m in _QUOTED.finditer(text):
        value = next(g for g in m.groups() if g is not None)
        if value.strip() and not _COMPARISON.search(value):
            yield m, value


def _squash(s: str) -> str:
    s = re.sub(r"https?://", "", s.lower())
    return re.sub(r"[\s/]+", "/", s)
