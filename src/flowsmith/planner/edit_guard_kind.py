"""Items of one kind named as the only ones a step is for: "only bugs should end up in
monday, not stories or tasks", "only feature requests should go to Trello".

Invariants: the kind is a plural noun phrase right after "only" and before a verb of
arriving ("end up in", "go to", "be posted to"), and the step is what follows; the check is
on the items' ``type`` (the kind in the singular), the one field a bare kind names. A
trailing "not X or Y" only restates the rest. Pure: no I/O.
"""

from __future__ import annotations

import re

from flowsmith.planner.frame import Condition

__all__ = ["only_kind"]

_ONLY_KIND = re.compile(
    r"^\s*(?:please\s+)?(?:and\s+|but\s+)?only\s+(?:the\s+)?['\"“‘]?"
    r"(?P<kind>[a-z][\w-]*(?:\s+(?!(?:should|must|will|need|are|may|go|end|get|land|make|be)\b)"
    r"[a-z][\w-]*)?)['\"”’]?\s+"
    r"(?:(?:should|must|will|need to|are to|may)\s+)?(?:still\s+|ever\s+)?"
    r"(?P<verb>end up|go|get (?:sent|posted|added|created|synced)|land|make it|"
    r"be (?:sent|posted|added|created|logged|synced|copied|pushed|forwarded|filed))\s+"
    r"(?P<act>(?:in|to|into|on|onto|via)\s+[^,，.;；]+?)\s*(?:[,，]\s*(?:but\s+)?not\s+[^.;；]+)?"
    r"(?=$|[.;；]|[,，])",
    re.IGNORECASE,
)
# words that name no kind of item ("only new ones", "only these")
_NOT_KINDS = frozenset({"new", "these", "those", "ones", "some", "the", "it", "them", "items"})


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def only_kind(part: str) -> tuple[Condition, str] | None:
    """The ``type`` check and the action words of "only <kind> should <arrive> <step>"."""
    m = _ONLY_KIND.search(part)
    if m is None:
        return None
    words = m.group("kind").lower().split()
    if words[0] in _NOT_KINDS or not words[-1].endswith("s"):
        return None  # "only new leads", "only the data": no kind of item
    kind = " ".join([*words[:-1], _singular(words[-1])])
    cond = Condition("type", "eq", kind, m.group("kind"))
    return cond, f"{m.group('verb')} {m.group('act')}"
