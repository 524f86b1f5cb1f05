"""Matching catalog names against a text: stemmed word tokens, a phrase as whole words (CJK
as a substring), and how well a text says one of a set of names. No service is named here;
the same text always scores the same.
"""

from __future__ import annotations

import re
from functools import lru_cache

from flowsmith.core.catalog.apps import Names
from flowsmith.planner import lexicon as lx

_CJK = re.compile(r"[\u3400-\u9fff]")
_WORD = re.compile(r"[a-z0-9]+|[\u3400-\u9fff]")
# a particle said inside a Chinese name ("新的拉取请求", "新建了活动") keeps the name said
_ZH_PARTICLE = "(?:的|了)?"
# an auxiliary before a participle ("booking gets rescheduled", "order was paid") keeps an
# event name ("booking rescheduled", "order paid") said
_EN_AUX = r"(?:(?:is|was|were|are|gets|got|has been|have been|had been|just)\s+)?"
_EN_PARTICIPLE = re.compile(r"(?:ed|paid|sent|done|made|won|lost)$")


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
        found = text_low.find(phrase)
        if found >= 0 or len(phrase) < 3:
            return found
    m = _phrase_pattern(phrase).search(text_low)
    return m.start() if m else -1


@lru_cache(maxsize=8192)
def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    """``phrase`` as a pattern: whole words with a plural ending; a particle may sit between
    two Chinese characters, an auxiliary before an English participle."""
    if _CJK.search(phrase):
        out = ""
        for i, c in enumerate(phrase):
            if i and _CJK.match(c) and _CJK.match(phrase[i - 1]):
                out += _ZH_PARTICLE
            out += re.escape(c)
        return re.compile(out)
    words = phrase.split(" ")
    body = re.escape(words[0])
    for w in words[1:]:
        body += r"\s+" + (_EN_AUX if _EN_PARTICIPLE.search(w) else "") + re.escape(w)
    return re.compile(r"(?<![a-z0-9])" + body + r"(?:s|es)?(?![a-z0-9])")


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
