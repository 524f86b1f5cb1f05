"""A label the request opens with before it says its start: "hotel front desk. guest
messages come into our Telegram bot. …", "保险理赔：客户在Jotform提交理赔申请，…", "we're a
bike shop. …". The label says who the user is, never what happens; the start is read from
the words after it.

Invariants: the label is the request's first clause, closed by a full stop or a colon (a
Chinese one also by 。), at most five words (English) or twelve characters (Chinese); it
names no app, says no step's verb, no schedule, no condition and no number. The function
only splits; the caller reads the start from the text after the label and keeps the label's
words for the steps. Pure: no I/O.
"""

from __future__ import annotations

import re

from flowsmith.planner import lexicon as lx
from flowsmith.planner.parse_context import Context

__all__ = ["after_label"]

_LABEL_EN = re.compile(
    r"^\s*(?P<label>(?:(?:i'm|i\s+am|we're|we\s+are|this\s+is)\s+)?(?:an?\s+|the\s+|our\s+)?"
    r"(?:[A-Za-z][\w'&/-]*\s+){0,4}[A-Za-z][\w'&/-]*)\s*(?:\.|:)\s+(?P<rest>\S.*)$",
    re.IGNORECASE | re.DOTALL,
)
_LABEL_ZH = re.compile(
    r"^\s*(?P<label>(?:我是|我们是)?[\u4e00-\u9fffA-Za-z]{2,12})\s*[：:。]\s*(?P<rest>\S.*)$",
    re.DOTALL,
)
# words a label never says: a condition, a time, a step marker
_NOT_LABEL = re.compile(
    r"\b(?:if|when|whenever|once|after|before|every|each|then|please|unless|only)\b|"
    r"如果|当|每|请|把|将|帮|后|时|就|再|然后",
    re.IGNORECASE,
)
_STEPS = (
    lx.READ_VERB,
    lx.CREATE_VERB,
    lx.UPDATE_VERB,
    lx.DELETE_VERB,
    lx.COPY_VERB,
    lx.SOURCE_VERB,
)


def after_label(text: str, ctx: Context) -> tuple[str, str] | None:
    """(the label, the text after it) when ``text`` opens with a label, else None."""
    m = _LABEL_EN.match(text) or _LABEL_ZH.match(text)
    if m is None:
        return None
    label = m.group("label")
    if _NOT_LABEL.search(label) or re.search(r"\d|@|_", label):
        return None
    if any(p.search(label) for p in _STEPS):
        return None
    if ctx.index.mentions(label, implicit=False):
        return None
    return text[: m.start("rest")], m.group("rest")
