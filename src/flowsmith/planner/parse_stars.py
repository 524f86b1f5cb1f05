"""A rating said by its stars inside an event: "someone leaves a 1 or 2 star rating", "a
1-star review", "3 stars or fewer", "打了1星或2星评分", "给了一星差评".

Invariants: only digits (or the Chinese numerals 一 to 五) right before "star(s)"/"星" count,
so "5-star hotel" in a place name is read only when the event says it; the words returned are
condition words every condition reader takes ("the rating is 1 or 2", "the rating is at most
3"). Pure: no I/O.
"""

from __future__ import annotations

import re

__all__ = ["star_condition"]

_ZH_DIGIT = {"一": "1", "二": "2", "两": "2", "三": "3", "四": "4", "五": "5"}
_N = r"[1-5一二两三四五]"
# "a 1 or 2 star rating", "1-2 stars", "a 1-star review", "2 stars or fewer", "1星或2星"
_STARS = re.compile(
    rf"(?<![\d.])(?P<a>{_N})\s*(?:[-\s]?stars?|星|颗星)?\s*"
    rf"(?:(?:or|to|and|-|–|/|或者?|到|至|~)\s*(?P<b>{_N}))?[\s-]*(?:stars?\b|星|颗星)"
    r"(?:\s*(?P<bound>or\s+(?:fewer|less|lower|below|under)|及?以下|或以下|or\s+(?:more|higher|"
    r"above)|及?以上|或以上))?",
    re.IGNORECASE,
)


def _digit(s: str) -> str:
    return _ZH_DIGIT.get(s, s)


def star_condition(body: str) -> str | None:
    """Condition words for the rating ``body`` says by its stars, or None."""
    m = _STARS.search(body)
    if m is None:
        return None
    a, b = _digit(m.group("a")), m.group("b")
    bound = (m.group("bound") or "").lower()
    if b is not None:
        return (
            f"the rating is {a} or {_digit(b)}"
            if int(_digit(b)) - int(a) == 1
            else (f"the rating is between {a} and {_digit(b)}")
        )
    if re.search(r"fewer|less|lower|below|under|以下", bound):
        return f"the rating is at most {a}"
    if re.search(r"more|higher|above|以上", bound):
        return f"the rating is at least {a}"
    return f"the rating is {a}"
