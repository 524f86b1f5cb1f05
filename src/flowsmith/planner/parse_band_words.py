"""A number and its band said in words: "300 and above", "1000 and over", "2000 and up",
"50 or more" are one comparison (at least), "100 and under", "5 or fewer" another (at most).

Read before clauses are split, so the "and" inside the band never splits a clause ("500 and
over must be approved by …" is one case whose step is the approval, not a bare "500" and an
approval on every path), and the case reader sees the comparison words it knows ("at least
500 must be approved by …").

Invariants: only a number (with an optional currency sign, thousands commas and a k) right
before the band words is rewritten; a band closing a heading (followed by ":" or an arrow,
"70 and above: …", "7 or higher → …") is left to the heading readers. Pure.
"""

from __future__ import annotations

import re

__all__ = ["bands_as_bounds"]

_NUM = r"(?P<n>[$€£¥￥]?\d[\d,.]*\s*[kK]?)"
_NOT_HEAD = r"(?!\s*(?:[:：]|-+>|=+>|→|⇒))"
_NOT_AFTER = r"(?<![\w.+$€£¥￥])"
_UP = re.compile(
    _NOT_AFTER + _NUM + r"\s+(?:and|or)\s+(?:above|over|up|higher|more)\b" + _NOT_HEAD,
    re.IGNORECASE,
)
_DOWN = re.compile(
    _NOT_AFTER + _NUM + r"\s+(?:and|or)\s+(?:below|under|lower|less|fewer)\b" + _NOT_HEAD,
    re.IGNORECASE,
)


def bands_as_bounds(text: str) -> str:
    """``text`` with "N and above" read as "at least N", "N or less" as "at most N"."""
    text = _UP.sub(lambda m: f"at least {m.group('n').strip()}", text)
    return _DOWN.sub(lambda m: f"at most {m.group('n').strip()}", text)
