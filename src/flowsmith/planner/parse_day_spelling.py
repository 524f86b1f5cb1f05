"""Misspelt weekday names read as the day meant ("every thursady at 5pm" -> "every thursday
at 5pm"), so a slip in the one word that says which day a schedule runs does not turn a
weekly run into a daily one.

Invariants: a word is respelt only when it is no weekday already, shares its first two
letters with exactly one weekday, is at most one edit (an insertion, a deletion, a change or
two neighbours swapped) from it (two edits for a word of seven letters or more, such as
"wensday"), and stands where a day is said: after "every", "each", "on", "next", "this",
"until", "by", "before" or "from", or right before "at", "morning", "afternoon", "evening",
"night" or a clock time; a word of its own ("sundae") is kept. A plural "s" is kept. Pure.
"""

from __future__ import annotations

import re

__all__ = ["respell_days"]

_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# words of their own that are one edit from a day
_WORDS = ("sundae", "sundaes", "mondal")

# a word said where a day is: after a word that leads a day, or before a time of day
_SAID = re.compile(
    r"(?P<lead>\b(?:every|each|on|next|this|until|by|before|from|last)\s+)(?P<w>[a-z]{4,11})\b"
    r"|\b(?P<w2>[a-z]{4,11})(?=\s+(?:at\b|morning|afternoon|evening|night|\d{1,2}(?::\d\d)?\s*"
    r"(?:am|pm)\b))",
    re.IGNORECASE,
)


def _distance(a: str, b: str) -> int:
    """The optimal string alignment distance of ``a`` and ``b`` (a swap of neighbours is one
    edit)."""
    d = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


def _day_meant(word: str) -> str | None:
    """The weekday ``word`` is a slip of, or None."""
    low = word.lower()
    plural = low.endswith("s") and not low.endswith("ss")
    stem = low[:-1] if plural else low
    if stem in _DAYS or low in _DAYS or low in _WORDS:
        return None
    near = [
        day
        for day in _DAYS
        if day[:2] == stem[:2] and _distance(stem, day) <= (2 if len(stem) >= 7 else 1)
    ]
    if len(near) != 1:
        return None
    return near[0] + ("s" if plural else "")


def respell_days(text: str) -> str:
    """``text`` with each misspelt weekday said where a day is replaced by the day meant."""

    def meant(m: re.Match[str]) -> str:
        group = "w" if m.group("w") else "w2"
        day = _day_meant(m.group(group))
        if day is None:
            return m.group(0)
        return (m.group("lead") or "") + day

    return _SAID.sub(meant, text)
