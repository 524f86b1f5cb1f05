"""A rating said in the trigger's own words: "客户在Help Scout里给了差评的话", "顾客在Jotform里
打了低分", "a customer gives a bad rating in the survey": the event fires for every rating or
answer, so how good the rating is becomes a test on it before the steps.

Invariants: only the words of the trigger's phrase are read; a bad/low rating is a number at
most the low end of a five-point scale (``rating lte 2``), a good one at least its high end
(``rating gte 4``); a low/high "score" (分) is read on a ten-point scale (``score lte 6`` /
``score gte 9``); None when no such word is said. Pure: no I/O.
"""

from __future__ import annotations

import re

from flowsmith.planner.frame import Condition, Trigger

__all__ = ["rating_guard"]

# (what is said, field, op, bound)
_RATINGS: tuple[tuple[re.Pattern[str], str, str, int], ...] = (
    (
        re.compile(
            r"差评|一星|1星|两星|2星|不满意|"
            r"\b(?:bad|poor|negative|low|terrible|1-star|one-star|2-star|two-star)\s+"
            r"(?:ratings?|reviews?|feedback|csat)\b",
            re.IGNORECASE,
        ),
        "rating",
        "lte",
        2,
    ),
    (
        re.compile(
            r"好评|五星|5星|\b(?:good|great|positive|5-star|five-star)\s+(?:ratings?|reviews?)\b",
            re.IGNORECASE,
        ),
        "rating",
        "gte",
        4,
    ),
    (re.compile(r"低分|\blow\s+(?:scores?|nps)\b", re.IGNORECASE), "score", "lte", 6),
    (re.compile(r"高分|\bhigh\s+(?:scores?|nps)\b", re.IGNORECASE), "score", "gte", 9),
)


def rating_guard(trigger: Trigger) -> Condition | None:
    """The test a rating word in the trigger's phrase puts on its item, or None."""
    for said, field, op, bound in _RATINGS:
        if said.search(trigger.phrase):
            return Condition(field, op, bound, trigger.phrase)  # type: ignore[arg-type]
    return None
