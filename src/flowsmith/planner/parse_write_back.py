"""Where a clause writes a value back to: "write the invoice number back to the deal",
"copy the issue key back onto the ticket", "把发票号写回这个deal的备注", "把链接回写到这个工单".

A value written back goes to the place named after "back to"/"写回" — when that place is the
item the run started with, the write is an update of the trigger's app, whatever app made the
value (the invoice is Xero's, the deal it is written to is Pipedrive's).

Invariants: only the words after the write-back marker are returned (None when the clause has
no such marker); a clause that writes forward ("add the invoice to Xero") has none. Pure.
"""

from __future__ import annotations

import re

__all__ = ["back_to_item", "sets_own_state", "write_back_place"]

_BACK = re.compile(
    r"\b(?:write|put|save|copy|add|post|store|record|sync|push|send|paste|note)\w*\s+"
    r"(?:[\w'’#-]+\s+){0,6}?back\s+(?:to|into|onto|on|in)\s+(?P<en>.+)$|"
    r"(?:写回|回写|填回|存回|同步回|记回|写到|写进|写入|填到|填进|记到|存到|更新到)(?:到|进)?\s*(?P<zh>.+)$",
    re.IGNORECASE,
)


def write_back_place(text: str) -> str | None:
    """The words naming where ``text`` writes a value back to ("the deal", "这个deal的备注"),
    or None when it writes nothing back."""
    m = _BACK.search(text)
    if m is None:
        return None
    return (m.group("en") or m.group("zh") or "").strip() or None


# "the deal", "this ticket", "这个deal", "该工单": the item itself, pointed at
_POINTED = r"^(?:(?:the|that|this|same|its|their|each)\s+|这个|那个|这张|那张|这条|那条|该|原)\s*"


def back_to_item(text: str, words: list[str]) -> str | None:
    """The place ``text`` writes a value back to when it is one of ``words`` pointed at
    ("back to the deal", "写回这个deal的备注"); None otherwise."""
    place = write_back_place(text)
    if place is None:
        return None
    low = place.lower()
    for word in words:
        if re.match(_POINTED + re.escape(word.lower()) + r"(?![a-z])", low):
            return place
    return None


# "set its status to Published", "change the stage to Won", "把状态改成已发布", "将其状态设为完成":
# a field of the item itself given a new value, no app named
_OWN_STATE = re.compile(
    r"\b(?:set|change|update|mark|move|switch|flip)\s+(?:its|their|the)\s+"
    r"(?:status|state|stage)\s+(?:to|as)\b|"
    r"(?:把|将)?(?:它的?|其|这个[^，,；;。]{0,8}?的)?(?:状态|阶段)"
    r"(?:改成|改为|设为|设置为|设成|更新为|更新成|变成|变为|标记为|标成)",
    re.IGNORECASE,
)


def sets_own_state(text: str) -> bool:
    """Whether ``text`` gives the item's own status a new value and names no other place
    ("set its status to Published", "把状态改成已发布")."""
    return _OWN_STATE.search(text) is not None
