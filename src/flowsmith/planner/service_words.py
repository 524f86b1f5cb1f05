"""Matching catalog names against a text: stemmed word tokens, a phrase as whole words (CJK
as a substring), and how well a text says one of a set of names. No service is named here;
the same text always scores the same.
"""

from __future__ import annotations

import re

from flowsmith.core.catalog.apps import Names
from flowsmith.planner import lexicon as lx

_CJK = re.compile(r"[\u3400-\u9fff]")
_WORD = re.compile(r"[a-z0-9]+|[\u3400-\u9fff]")


def stem(word: str) -> str:
    w = word.lower()
    for suffix in ("ing", "ies", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)] + ("y" if suffix == "ies" else "")
            break
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    return w


def tokens(text: str) -> list[str]:
    return [stem(t) for t in _WORD.findall(text.lower())]


def phrase_in(phrase: str, text_low: str) -> int:
    """Where ``phrase`` occurs in ``text_low`` as words (CJK: as a substring), else -1."""
    if not phrase:
        return -1
    if _CJK.search(phrase):
        return text_low.find(phrase)
    m = re.search(r"(?<![a-z0-9])" + re.escape(phrase) + r"(?:s|es)?(?![a-z0-9])", text_low)
    return m.start() if m else -1


def names_score(names: Names, text_low: str, toks: set[str]) -> float:
    """How well a text says one of ``names``: 2 per exact phrase, else the share of its
    (stemmed) words present."""
    best = 0.0
    for name in names.all():
        if phrase_in(name, text_low) >= 0:
            best = max(best, 2.0 + 0.1 * len(name))
            continue
        if _CJK.search(name):
            chars = [c for c in name if _CJK.match(c) and c not in lx.ZH_WEAK_CHARS]
            if chars:
                hit = sum(1 for c in chars if c in text_low) / len(chars)
                if hit >= 0.3:
                    best = max(best, 0.9 * hit)
            continue
        words = tokens(name)
        if words and not _CJK.search(name):
            hit = sum(1 for w in words if w in toks) / len(words)
            if hit == 1.0:
                best = max(best, 1.5)
            elif hit >= 0.5 and len(words) > 1:
                best = max(best, hit)
    return best
