"""Steps a conditional edit says still run for every item, said between the condition and
its act ("少于5个的话，Teams照发，另外再发邮件给…") or as the "only"/"instead" side of a denial
that names a step the flow already has ("预算低于1000的别进HubSpot了，只发感谢邮件").

Invariants: pure readers; a kept step is only ever an existing step (``node:``/``app:``
subjects from ``steps_in``), never a new one; nothing here guards a step.
"""

from __future__ import annotations

import re

from flowsmith.core.models import Workflow
from flowsmith.planner.edit_guard_kind import ALSO_PART
from flowsmith.planner.edit_guard_steps import steps_in

__all__ = ["KEEP", "kept_by_swap", "kept_then_also"]

Span = tuple[int, int]
# ", and also …", "，另外…" inside a part: where a kept step's words end and an act begins
_ALSO_JOIN = re.compile(r"[,，]\s*(?:and\s+)?(?=also\b|另外|同时|并且|再)", re.IGNORECASE)

# a part saying a step stays as it is ("critical keep SMS", "紧急的还是发短信", "Teams照发")
KEEP = re.compile(
    r"\b(?:keeps?|still|stays?|remains?|as before|as is|unchanged|same as now)\b|"
    r"保持|还是|仍然|依然|照旧|照常|照样|照发|不变|继续",
    re.IGNORECASE,
)


def kept_then_also(
    text: str, rest: list[Span], current: Workflow
) -> tuple[list[Span], list[str], Span | None]:
    """For a condition said without an act: the parts of ``rest`` keeping existing steps
    ("Teams照发", "still post to Slack"), the steps they keep, and the "also" part after
    them that is the condition's act ("另外再发邮件…", ", and also email …"); ``([], [], None)``
    when no "also" part follows (the caller then reads the parts as before)."""
    spans: list[Span] = []
    kept: list[str] = []
    for a, b in rest:
        part = text[a:b]
        if ALSO_PART.match(part):
            return (spans, kept, (a, b)) if spans else ([], [], None)
        if not KEEP.search(part):
            break
        join = _ALSO_JOIN.search(part)
        if join is not None and KEEP.search(part[: join.start()]):
            # "still post to Slack, and also email …": the keep and the act in one part
            kept += steps_in(part[: join.start()], current)[0]
            return [*spans, (a, a + join.start())], kept, (a + join.end(), b)
        spans.append((a, b))
        kept += steps_in(part, current)[0]
    return [], [], None


def kept_by_swap(swap: str, current: Workflow) -> list[str]:
    """The existing steps only the "instead" side of a denial names ("…别进HubSpot了，只发感谢
    邮件"): they keep running for every item; ``[]`` when that side names a new step."""
    new_words, _, old_words = swap.partition(" instead of ")
    existing, new = steps_in(new_words, current)
    if new:
        return []
    denied = steps_in(old_words, current)[0]
    return [x for x in existing if x not in denied]
