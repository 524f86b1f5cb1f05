"""A number and its band said in words: "300 and above", "1000 and over", "2000 and up",
"50 or more" are one comparison (at least), "100 and under", "5 or fewer" another (at most).

Read before clauses are split, so the "and" inside the band never splits a clause ("500 and
over must be approved by …" is one case whose step is the approval, not a bare "500" and an
approval on every path), and the case reader sees the comparison words it knows ("at least
500 must be approved by …").

Invariants: only a number (with an optional currency sign, thousands commas and a k) right
before the band words is rewritten, an "or" band only where a clause opens (or after "of",
"worth"); a band word before another number ("above 8 or below 6") belongs to that number;
a band closing a heading (followed by ":" or an arrow, "70 and above: …", "7 or higher →
…") is left to the heading readers. Pure.
"""

from __future__ import annotations

import re

__all__ = ["bands_as_bounds"]

_NUM = r"(?P<n>[$€£¥￥]?\d[\d,.]*\s*[kK]?)"
# not a heading's band, and not the comparison word of the next number ("above 8 or below 6")
_NOT_HEAD = r"(?!\s*(?:[:：]|-+>|=+>|→|⇒|[$€£¥￥]?\s*\d))"
_NOT_AFTER = r"(?<![\w.+$€£¥￥])"
# "or" bands only where a clause opens ("50 or more needs …"): inside one ("scoring 6 or
# lower go …") the comparison readers take them as they are
_OPENS = r"(?:(?<=^)|(?<=[.;:,!?，；：。])\s*|(?<=\bof )|(?<=\bworth ))"
_UP = re.compile(
    _NOT_AFTER
    + _NUM
    + r"\s+and\s+(?:above|over|up|higher)\b"
    + _NOT_HEAD
    + "|"
    + _OPENS
    + _NUM.replace("?P<n>", "?P<o>")
    + r"\s+or\s+(?:above|over|higher|more)\b"
    + _NOT_HEAD,
    re.IGNORECASE,
)
_DOWN = re.compile(
    _NOT_AFTER
    + _NUM
    + r"\s+and\s+(?:below|under|lower)\b"
    + _NOT_HEAD
    + "|"
    + _OPENS
    + _NUM.replace("?P<n>", "?P<o>")
    + r"\s+or\s+(?:below|under|lower|less|fewer)\b"
    + _NOT_HEAD,
    re.IGNORECASE,
)


def _n(m: re.Match[str]) -> str:
    return (m.group("n") or m.group("o")).strip()


def bands_as_bounds(text: str) -> str:
    """``text`` with "N and above" read as "at least N", "N or less" as "at most N"."""
    text = _UP.sub(lambda m: f"{_lead(m)}at least {_n(m)}", text)
    return _DOWN.sub(lambda m: f"{_lead(m)}at most {_n(m)}", text)


def _lead(m: re.Match[str]) -> str:
    """The spaces a clause-opening match took before its number."""
    said = m.group(0)
    return said[: len(said) - len(said.lstrip())]
