"""A value outside a range as a condition: the range said ("outside 2 to 8", "outside the
range 70-140", "不在2到8之间") or a normal range said without numbers ("outside the normal
range", "超出正常范围"), whose bounds are assumed from the item (:data:`NORMAL_BOUNDS`) so no
question is asked; the user adjusts them in the IF. Pure: no I/O.
"""

from __future__ import annotations

import re

from flowsmith.planner.frame import Condition
from flowsmith.planner.parse_context import Context
from flowsmith.planner.parse_field_names import field_of, number_of

# "outside 2 to 8", "outside the range 70-140", "不在2到8之间", "超出2~8": a range not held
_OUT_OF_RANGE = re.compile(
    r"\b(?:outside(?:\s+of)?|out\s+of)\s+(?:the\s+)?(?:range\s+)?(?:of\s+)?[$€£¥]?"
    r"(?P<lo>-?\d+(?:\.\d+)?)\s*(?:to|-|–|and|~)\s*[$€£¥]?(?P<hi>-?\d+(?:\.\d+)?)|"
    r"(?:不在|超出|超过)\s*(?P<lo2>-?\d+(?:\.\d+)?)\s*(?:到|至|-|~|～|和)\s*"
    r"(?P<hi2>-?\d+(?:\.\d+)?)\s*\S{0,2}?(?:之间|范围内?|以内)?",
    re.IGNORECASE,
)
# "outside the normal range", "abnormal", "超出正常范围": a range the data's own bounds give
_OUT_OF_NORMAL = re.compile(
    r"\b(?:outside|out\s+of)\s+(?:the\s+)?(?:normal|reference|expected|usual|safe|allowed)\s+"
    r"(?:range|limits|bounds)\b|(?:超出|超过|不在)(?:了)?(?:正常|参考|合理|安全)(?:值)?范围",
    re.IGNORECASE,
)
# the bounds assumed for a normal range no number gives: the item's own (a lab result carries
# its reference range); the user adjusts them in the IF
NORMAL_BOUNDS = ("{{ $json.normal_min }}", "{{ $json.normal_max }}")


def out_of_range(t: str, phrase: str, ctx: Context | None) -> Condition | None:
    """A value outside a range: the range said ("outside 2 to 8") or a normal range said
    without numbers (bounds assumed from the item, :data:`NORMAL_BOUNDS`)."""
    m = _OUT_OF_RANGE.search(t)
    if m:
        lo = number_of(m.group("lo") or m.group("lo2"), None)
        hi = number_of(m.group("hi") or m.group("hi2"), None)
        if lo is None or hi is None:
            return None
        before = re.sub(r"\b(?:is|are|goes|gets|falls?)\s*$|是\s*$", "", t[: m.start()].strip())
        return Condition(field_of(before, "value", ctx) or "value", "outside", (lo, hi), phrase)
    m = _OUT_OF_NORMAL.search(t)
    if m:
        before = re.sub(r"\b(?:is|are|goes|gets|falls?)\s*$|是\s*$", "", t[: m.start()].strip())
        name = field_of(before, "value", ctx) or "value"
        return Condition(name, "outside", NORMAL_BOUNDS, phrase)
    return None
