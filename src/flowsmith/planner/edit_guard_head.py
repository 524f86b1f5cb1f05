"""A heading that names one output of an existing check, then the cases under it:
"不是critical的告警：warning级别的继续发Slack，info级别的丢掉" where the workflow already
checks "severity = critical". The heading says where the steps it names already are (that
output); the condition to add is the one the rest says.

Invariants: only a heading ended by a colon (in Chinese one naming items: "…的<noun>")
whose condition routes exactly to an output of an existing IF (the same or the opposite
rule, edit_route.route); the caller reads the guard from the rest alone and falls back to
the whole text when the rest says none. Pure: no I/O.
"""

from __future__ import annotations

import re

from flowsmith.core.models import Workflow
from flowsmith.planner.edit_guard_op import guard_op
from flowsmith.planner.edit_guard_read import context_of, guard_in
from flowsmith.planner.edit_route import route

__all__ = ["branch_scope"]

_HEAD = re.compile(r"^(?P<head>[^：:，,；;。.!?]{2,30}?)\s*[：:](?!\d)\s*(?P<rest>\S.*)$", re.S)
# a Chinese heading names the items ("不是critical的告警", "…的"), not a time with an act
# ("没货的时候也记一下：…" says what to do itself)
_ZH_ITEMS = re.compile(r"的(?!时候|话|时)[\u4e00-\u9fffA-Za-z]{0,6}$")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def branch_scope(text: str, current: Workflow) -> int | None:
    """Where the rest of ``text`` starts when it opens with a heading naming exactly one
    output of an existing check (module docstring), else None."""
    m = _HEAD.match(text)
    if m is None:
        return None
    head = m.group("head").strip()
    if _CJK.search(head) and not _ZH_ITEMS.search(head):
        return None
    guard = guard_in(m.group("head"), context_of(current), current)
    if guard is None or guard.category is not None:
        return None
    found = route(current, guard_op(guard, current))
    return m.start("rest") if found is not None and found[2] else None
