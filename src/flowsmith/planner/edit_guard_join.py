"""Conditional edits said in two pieces: "for orders over $500, also post them to Teams",
"金额超过10000的合同，另外在飞书里通知一下法务", "如果金额超过1万，另外发短信给我".

Invariants: the items' words must parse as a non-category condition (a category routes only
where the workflow branches, :mod:`edit_guard_read`); the action comes after the comma or the
"also" connective; the joined reading is used only when the condition's part alone names no
step and the next part does. Pure: no I/O.
"""

from __future__ import annotations

import re

from flowsmith.planner.edit_guard_condition import condition
from flowsmith.planner.frame import Condition
from flowsmith.planner.parse_context import Context

# "for orders over $500, also …", "for leads from Germany: create …"
_FOR_ITEMS = re.compile(
    r"^\s*(?:and\s+|but\s+)?for\s+(?P<cond>(?:all\s+|the\s+|any\s+|every\s+)?[a-z][\w-]*\s+.+?)"
    r"\s*[,，:：]\s*(?:(?:then|also|just|please)\s+)*(?P<act>.+)$",
    re.IGNORECASE,
)
# a part that continues the previous one's items: "，另外…", "，同时…", ", and also …"
_ALSO_LEAD = re.compile(
    r"^\s*(?:另外|同时|并且|而且|还要|也|再|(?:and\s+)?(?:also|then)\b)", re.IGNORECASE
)


def for_items(part: str, ctx: Context) -> tuple[Condition, str] | None:
    """The condition and the action of "for <items qualified>, <act>" (None otherwise)."""
    m = _FOR_ITEMS.search(part)
    if m is None:
        return None
    cond = condition(m.group("cond"), ctx)
    if cond is None or cond.op == "category":
        return None
    return cond, m.group("act")


def continues(part: str) -> bool:
    """Whether ``part`` (as written, before its connective is cut) goes on with the items
    of the part before it: "另外在飞书里通知法务", "also text me"."""
    return _ALSO_LEAD.match(part) is not None


def joined(cond_part: str, act_part: str) -> str:
    """The two pieces read as one conditional sentence."""
    return (
        f"{cond_part.rstrip('，,')}，{act_part.strip()}"
        if re.search(r"[\u4e00-\u9fff]", cond_part)
        else f"{cond_part.rstrip(',')}, {act_part.strip()}"
    )
