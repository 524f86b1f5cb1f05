"""A mail start whose item is said by what it carries: "收到带发票附件的邮件", "有附件的邮件",
"an email with a PDF attachment arrives", "emails with attachments".

Only such mails should go on: the guard tests the mail's attachment names as one text
(``attachments_joined not_empty``, or ``… contains <kind>`` when the kind is said; the field
is a list, which an IF cannot compare). Invariants: None for
a phrase that names no attachment, and for a start that is not about mail. Pure.
"""

from __future__ import annotations

import re

from flowsmith.planner import lexicon as lx
from flowsmith.planner.frame import Condition, Trigger
from flowsmith.planner.parse_context import TOKEN

__all__ = ["attachment_guard"]

_ZH = re.compile(r"(?:带|带有|附有|有|含|含有|包含)(?P<what>[^的，,。；\s]{0,8}?)(?:的)?附件")
_EN = re.compile(
    r"\bwith\s+(?:an?\s+|the\s+|some\s+)?(?P<what>[\w-]+\s+)?attachments?\b|"
    r"\bwith\s+(?:an?\s+|the\s+)?(?P<what2>[\w-]+)\s+attached\b|\bhas\s+(?:an?\s+)?attachments?\b",
    re.IGNORECASE,
)
_GENERIC = frozenset({"", "file", "files", "any", "one", "an", "a", "文件", "个", "一个", "任何"})


def attachment_guard(trigger: Trigger) -> Condition | None:
    """The condition on a mail start's attachments its phrase says, or None."""
    phrase = TOKEN.sub(" ", trigger.phrase or "")
    if trigger.kind != "email" and lx.EMAIL_WORD.search(phrase) is None:
        return None
    m = _ZH.search(phrase) or _EN.search(phrase)
    if m is None:
        return None
    what = (m.groupdict().get("what") or m.groupdict().get("what2") or "").strip()
    if what.lower() in _GENERIC:
        return Condition("attachments_joined", "not_empty", None, trigger.phrase)
    return Condition("attachments_joined", "contains", what, trigger.phrase)
